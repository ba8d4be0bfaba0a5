package io.trailwarden.detect.sentinel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.NameFlags;
import io.trailwarden.detect.PairKeyCache;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.detect.stats.OutlierScore;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.state.Bin;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seed 000 (Microsoft Sentinel): "Suspicious Spike in Failed AWS API Calls by Non-ASIA Access Key".
 *
 * <p>Per (identity ARN, access key) of a non-{@code ASIA} key, calls to sensitive APIs (a verb prefix
 * and a sensitive noun in the event name) are counted in UTC hour bins: distinct denied names, denied
 * calls, successful calls, distinct successful names, all calls. When the watermark passes a bin's end
 * the bin is evaluated once against the 336 hourly bins (14 days) ending with it, as the seed's query
 * would have evaluated it had it run every hour: Kusto's ctukey outlier score (5/95) of the distinct
 * denied and of the total denied series must both exceed 1, distinct denied ≥ distinct successful,
 * denied / all ≥ 0.5, and (Decision) at least {@code min_denied} denied calls, once the organisation's
 * data covers the 14 days before the bin.
 *
 * <p>State per key: the bins not yet evaluated (full counts, name sets, a sample of IPs, agents and
 * event IDs), and for evaluated bins only the hours that had a denied call, 16 bytes each (hour, denied,
 * distinct denied, a 32-bit signature of the denied names for late arrivals). Bins without a denial are
 * zeros in both scored series and are not kept: a key that is never denied holds no state once its bin
 * is evaluated, and a key idle for 14 days holds none either.
 */
public final class FailedApiSpike implements Detector<FailedApiSpike.State> {
    public static final String ID = "failed-api-spike";

    static final List<String> VERBS = List.of("Describe", "Export", "Get", "List", "Create", "Put", "Update",
            "Modify", "Attach", "Add", "Delete", "Remove", "Detach", "Disable", "Revoke", "Stop", "Run", "Invoke",
            "Start", "Launch", "Execute", "Switch");
    static final List<String> NOUNS = List.of("Secret", "Policy", "Key", "Token", "Credential", "Password",
            "Encrypt", "Decrypt", "Assume", "Trail", "Snapshot", "ACL", "Security", "Group", "Bucket", "Object");
    static final List<String> SEED_DENIED_CODES = List.of("AccessDenied", "Client.UnauthorizedOperation");

    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Spike in denied calls to sensitive APIs by a long-term access key", "seed 000, Microsoft Sentinel",
            List.of("T1087.004", "T1580", "T1059.009"),
            List.of(Param.strings("api_verbs", VERBS,
                            "seed 000: EventName matches regex (?i)^(Describe|Export|Get|...|Switch)"),
                    Param.strings("api_nouns", NOUNS,
                            "seed 000: EventName matches regex (?i)Secret|Policy|Key|...|Object"),
                    Param.strings("denied_codes", SEED_DENIED_CODES,
                            "seed 000: ErrorCode in (\"AccessDenied\", \"Client.UnauthorizedOperation\"); a wider"
                                    + " preset adds AccessDeniedException, UnauthorizedOperation, Client.AccessDenied"),
                    Param.duration("lookback", Duration.ofDays(14),
                            "seed 000: let lookback = 14d; bintime = 1h (336 hourly bins)"),
                    Param.number("percentile_low", 5.0, "seed 000: series_outliers(..., \"ctukey\", int(null), 5, 95)"),
                    Param.number("percentile_high", 95.0, "seed 000: series_outliers(..., \"ctukey\", int(null), 5, 95)"),
                    Param.number("score_threshold", 1.0, "seed 000: OutliersScoreDistinctDenied > 1, OutliersScoreTotalDenied > 1"),
                    Param.number("min_error_rate", 0.5, "seed 000: TotalEventErrorRate >= 0.5"),
                    Param.integer("min_denied", 3, "Decision (DETECTIONS.md): at least 3 denied calls in the bin"),
                    Param.number("zero_spread", 1.0, "Decision (DETECTIONS.md): when P95 = P5 the spread is 1 call"),
                    Param.duration("warmup", Duration.ofDays(14),
                            "DETECTIONS.md: the organisation's data covers the 14 days before the bin"),
                    Param.integer("risk", 47, "Decision (DETECTIONS.md): the seed gives none; medium, risk 47")),
            FailedApiSpike::new);

    /** Most of a bin's IPs, agents and event IDs kept for the finding. */
    static final int MAX_IPS = 20;
    static final int MAX_AGENTS = 10;
    static final int MAX_OTHER_IDS = 5;

    private final String[] verbs;
    private final String[] nouns;
    private final Set<String> deniedCodes;
    private final int bins;
    private final OutlierScore outliers;
    private final double scoreThreshold;
    private final double minErrorRate;
    private final int minDenied;
    private final long warmup;
    private final int risk;
    private final String pLowName;
    private final String pHighName;
    /** Memo of the sensitive-name test: a pure function of the (interned) event name. */
    private final NameFlags sensitive = new NameFlags(this::computeSensitive, 4096);
    /** The state keys {@code accessKey|arn}, built once per pair rather than per sensitive call. */
    private final PairKeyCache keys = new PairKeyCache('|', 4096);

    public FailedApiSpike(Params p) {
        this.verbs = lower(p.strings("api_verbs"));
        this.nouns = lower(p.strings("api_nouns"));
        this.deniedCodes = Set.copyOf(p.strings("denied_codes"));
        long lookback = p.millis("lookback");
        if (lookback < Times.HOUR || lookback % Times.HOUR != 0) {
            throw new io.trailwarden.config.ConfigException("detections." + ID + ".lookback must be a whole number of hours");
        }
        this.bins = (int) (lookback / Times.HOUR);
        double lo = p.number("percentile_low");
        double hi = p.number("percentile_high");
        try {
            this.outliers = new OutlierScore(lo, hi, OutlierScore.factor(lo, hi), p.number("zero_spread"));
        } catch (IllegalArgumentException e) {
            throw new io.trailwarden.config.ConfigException("detections." + ID + ": " + e.getMessage());
        }
        this.scoreThreshold = p.number("score_threshold");
        this.minErrorRate = p.number("min_error_rate");
        this.minDenied = p.integer("min_denied");
        this.warmup = p.millis("warmup");
        this.risk = p.integer("risk");
        this.pLowName = "p" + num(lo);
        this.pHighName = "p" + num(hi);
    }

    private static String[] lower(List<String> l) {
        return l.stream().map(s -> s.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.CREDENTIAL;
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(warmup);
    }

    /** The key: access key and identity ARN, for calls to sensitive APIs with a non-ASIA key. */
    @Override
    public String keyOf(EnrichedEvent e) {
        CloudTrailEvent ev = e.event();
        String key = ev.identity().accessKeyId();
        String arn = ev.identity().arn();
        if (key == null || key.isEmpty() || arn == null || arn.isEmpty() || key.startsWith("ASIA")
                || !isSensitive(ev.eventName())) {
            return null;
        }
        return keys.join(key, arn);
    }

    /**
     * The seed's filter: the name starts with one of the verbs and contains one of the nouns,
     * case-insensitively ({@code matches regex} in KQL is a search, not a full match).
     */
    boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        return sensitive.test(name);
    }

    private boolean computeSensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean verb = false;
        for (String v : verbs) {
            if (n.startsWith(v)) {
                verb = true;
                break;
            }
        }
        if (!verb) {
            return false;
        }
        for (String w : nouns) {
            if (n.contains(w)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public State newState() {
        return new State();
    }

    @Override
    public StateCodec<State> codec() {
        return CODEC;
    }

    @Override
    public void onEvent(State s, EnrichedEvent e, DetectorContext ctx) {
        CloudTrailEvent ev = e.event();
        long t = ev.time();
        int hour = (int) Math.floorDiv(t, Times.HOUR);
        long binEnd = (hour + 1L) * Times.HOUR;
        String code = ev.errorCode();
        boolean denied = code != null && deniedCodes.contains(code);
        OpenBin b = s.open(hour);
        if (b == null && binEnd <= ctx.watermark()) {
            // A late event of a bin already evaluated (or passed without events): it is not evaluated
            // again, but its denial still belongs to the baseline of later bins.
            if (denied && hour > Math.floorDiv(ctx.watermark(), Times.HOUR) - bins) {
                s.addLateDenied(hour, ev.eventName());
                if (s.open == null) {
                    ctx.registerTimer(cleanupTime(s));
                }
            }
            return;
        }
        if (b == null) {
            b = s.addOpen(hour, ev);
            ctx.registerTimer(binEnd);
        }
        b.add(ev, denied, code == null || code.isEmpty());
    }

    private long cleanupTime(State s) {
        return (s.hours[s.size - 1] + (long) bins) * Times.HOUR;
    }

    @Override
    public void onTimer(State s, long time, DetectorContext ctx) {
        while (s.open != null && s.open.get(0).end() <= time) {
            OpenBin b = s.open.remove(0);
            if (s.open.isEmpty()) {
                s.open = null;
            }
            evaluate(s, b, ctx);
            if (b.denied > 0) {
                s.putClosed(b.hour, b.denied, b.deniedNames.size(), signature(b.deniedNames));
            }
        }
        // Every bin still to be evaluated has hour >= floor(time/1h); its series starts bins-1 hours earlier.
        s.purgeBefore((int) Math.floorDiv(time, Times.HOUR) - bins + 1);
        if (s.open == null && s.size > 0) {
            ctx.registerTimer(cleanupTime(s));
        }
    }

    private void evaluate(State s, OpenBin b, DetectorContext ctx) {
        if (b.denied < minDenied || b.total == 0) {
            return;
        }
        double errorRate = (double) b.denied / b.total;
        int distinctDenied = b.deniedNames.size();
        int distinctSuccess = b.successNames == null ? 0 : b.successNames.size();
        if (errorRate < minErrorRate || distinctDenied < distinctSuccess) {
            return;
        }
        long binStart = b.hour * Times.HOUR;
        long first = ctx.coverage().firstEventTime();
        if (first == Long.MAX_VALUE || first > binStart - warmup) {
            return;
        }
        int from = b.hour - bins + 1;
        double[] distinct = new double[bins];
        double[] total = new double[bins];
        int priorBinsWithDenials = 0;
        for (int i = 0; i < s.size; i++) {
            int h = s.hours[i];
            if (h >= from && h < b.hour) {
                distinct[h - from] = s.distinct[i];
                total[h - from] = s.denied[i];
                priorBinsWithDenials++;
            }
        }
        distinct[bins - 1] = distinctDenied;
        total[bins - 1] = b.denied;
        OutlierScore.Fences fd = outliers.fences(distinct);
        OutlierScore.Fences ft = outliers.fences(total);
        double scoreDistinct = fd.score(distinctDenied);
        double scoreTotal = ft.score(b.denied);
        if (!(scoreDistinct > scoreThreshold) || !(scoreTotal > scoreThreshold)) {
            return;
        }
        TreeSet<String> deniedNames = new TreeSet<>(b.deniedNames);
        TreeSet<String> successNames = b.successNames == null ? new TreeSet<>() : new TreeSet<>(b.successNames);
        Finding.Draft d = Finding.draft(ID)
                .credential(b.credential)
                .subject(b.arn)
                .time(b.firstTime)
                .lastTime(b.lastTime)
                .count(b.total)
                .accountId(b.accountId)
                .principalArn(b.principalArn)
                .principalType(b.principalType)
                .userName(b.userName)
                .accessKeyId(b.accessKeyId)
                .title("Spike in denied calls to sensitive APIs by long-term access key " + b.accessKeyId)
                .severity(Severity.MEDIUM)
                .risk(risk)
                .mitre("T1087.004", "T1580", "T1059.009");
        deniedNames.forEach(d::eventName);
        successNames.forEach(d::eventName);
        if (b.sourceIps != null) {
            b.sourceIps.forEach(d::sourceIp);
        }
        if (b.userAgents != null) {
            b.userAgents.forEach(d::userAgent);
        }
        b.deniedIds.forEach(d::eventId);
        b.otherIds.forEach(d::eventId);
        d.evidence("bin_start", Times.iso(binStart))
                .evidence("bin_end", Times.iso(binStart + Times.HOUR))
                .evidence("total_calls", b.total)
                .evidence("total_successful", b.success)
                .evidence("distinct_successful", distinctSuccess)
                .evidence("total_denied", b.denied)
                .evidence("distinct_denied", distinctDenied)
                .evidence("error_rate", round(errorRate))
                .evidence("score_distinct_denied", round(scoreDistinct))
                .evidence("score_total_denied", round(scoreTotal))
                .evidence("distinct_denied_" + pLowName, round(fd.low()))
                .evidence("distinct_denied_" + pHighName, round(fd.high()))
                .evidence("total_denied_" + pLowName, round(ft.low()))
                .evidence("total_denied_" + pHighName, round(ft.high()))
                .evidence("denied_event_names", List.copyOf(deniedNames))
                .evidence("successful_event_names", List.copyOf(successNames))
                .evidence("baseline_bins", bins)
                .evidence("baseline_bins_with_denials", priorBinsWithDenials)
                .evidence("denied_codes", new TreeSet<>(deniedCodes).stream().toList());
        d.explanation(b.accessKeyId + " (" + b.arn + ") was denied " + b.denied + " calls to " + distinctDenied
                + " distinct sensitive APIs (" + sample(deniedNames) + ") between " + Times.iso(binStart) + " and "
                + Times.iso(binStart + Times.HOUR) + ", " + Math.round(errorRate * 100) + "% of its sensitive calls"
                + " that hour, against a " + bins / 24 + "-day hourly baseline whose " + num(outliers.highPercentile())
                + "th percentile is " + num(ft.high()) + " denied calls (outlier scores " + num1(scoreTotal) + " and "
                + num1(scoreDistinct) + ", threshold " + num(scoreThreshold) + "): a stolen long-term key probing"
                + " its permissions looks like this; confirm with the key's owner and deactivate the key if the"
                + " calls are not theirs.");
        ctx.emit(d);
    }

    /** One bit per denied name (32 buckets), to count distinct names of late arrivals in evaluated bins. */
    static int signature(Set<String> names) {
        int sig = 0;
        for (String n : names) {
            sig |= bit(n);
        }
        return sig;
    }

    static int bit(String name) {
        return 1 << (name.hashCode() & 31);
    }

    private static String sample(Set<String> names) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (String n : names) {
            if (i == 5) {
                b.append(", …");
                break;
            }
            if (i++ > 0) {
                b.append(", ");
            }
            b.append(n);
        }
        return b.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public boolean isEmpty(State s) {
        return s.size == 0 && s.open == null;
    }

    // ---------------------------------------------------------------------------------------------

    /** The per-key state: evaluated bins with denials (parallel arrays) and the bins still open. */
    public static final class State {
        private static final int[] NONE = new int[0];
        int[] hours = NONE;
        int[] denied = NONE;
        int[] distinct = NONE;
        int[] signature = NONE;
        int size;
        /** Bins not evaluated yet, ascending by hour; null when none. */
        ArrayList<OpenBin> open;

        OpenBin open(int hour) {
            if (open == null) {
                return null;
            }
            for (OpenBin b : open) {
                if (b.hour == hour) {
                    return b;
                }
            }
            return null;
        }

        OpenBin addOpen(int hour, CloudTrailEvent e) {
            OpenBin b = new OpenBin(hour, e);
            if (open == null) {
                open = new ArrayList<>(2);
            }
            int i = open.size();
            while (i > 0 && open.get(i - 1).hour > hour) {
                i--;
            }
            open.add(i, b);
            return b;
        }

        private int indexOf(int hour) {
            // usually the last one: bins are closed in time order
            for (int i = size - 1; i >= 0; i--) {
                if (hours[i] == hour) {
                    return i;
                }
                if (hours[i] < hour) {
                    return -(i + 2);
                }
            }
            return -1;
        }

        /** Records an evaluated bin with at least one denied call. */
        void putClosed(int hour, int deniedCount, int distinctCount, int sig) {
            int i = indexOf(hour);
            if (i >= 0) {
                denied[i] += deniedCount;
                distinct[i] = Math.max(distinct[i], distinctCount);
                signature[i] |= sig;
                return;
            }
            insert(-(i + 1), hour, deniedCount, distinctCount, sig);
        }

        /** A late denied call in an already evaluated bin. */
        void addLateDenied(int hour, String name) {
            int b = name == null ? 1 : bit(name);
            int i = indexOf(hour);
            if (i >= 0) {
                denied[i]++;
                if ((signature[i] & b) == 0) {
                    distinct[i]++;
                    signature[i] |= b;
                }
                return;
            }
            insert(-(i + 1), hour, 1, 1, b);
        }

        private void insert(int at, int hour, int d, int dd, int sig) {
            if (size == hours.length) {
                int cap = Math.max(4, size * 2);
                hours = java.util.Arrays.copyOf(hours, cap);
                denied = java.util.Arrays.copyOf(denied, cap);
                distinct = java.util.Arrays.copyOf(distinct, cap);
                signature = java.util.Arrays.copyOf(signature, cap);
            }
            int n = size - at;
            System.arraycopy(hours, at, hours, at + 1, n);
            System.arraycopy(denied, at, denied, at + 1, n);
            System.arraycopy(distinct, at, distinct, at + 1, n);
            System.arraycopy(signature, at, signature, at + 1, n);
            hours[at] = hour;
            denied[at] = d;
            distinct[at] = dd;
            signature[at] = sig;
            size++;
        }

        /** Drops evaluated bins before {@code hour}; shrinks the arrays when mostly empty. */
        void purgeBefore(int hour) {
            int k = 0;
            while (k < size && hours[k] < hour) {
                k++;
            }
            if (k == 0) {
                return;
            }
            int n = size - k;
            if (n == 0) {
                hours = denied = distinct = signature = NONE;
                size = 0;
                return;
            }
            if (hours.length > 16 && n * 4 < hours.length) {
                int cap = Math.max(4, n * 2);
                hours = java.util.Arrays.copyOfRange(hours, k, k + cap);
                denied = java.util.Arrays.copyOfRange(denied, k, k + cap);
                distinct = java.util.Arrays.copyOfRange(distinct, k, k + cap);
                signature = java.util.Arrays.copyOfRange(signature, k, k + cap);
            } else {
                System.arraycopy(hours, k, hours, 0, n);
                System.arraycopy(denied, k, denied, 0, n);
                System.arraycopy(distinct, k, distinct, 0, n);
                System.arraycopy(signature, k, signature, 0, n);
            }
            size = n;
        }

        /** Evaluated bins with denials currently kept (tests, documentation of state size). */
        public int closedBins() {
            return size;
        }

        public int openBins() {
            return open == null ? 0 : open.size();
        }
    }

    /** A bin not evaluated yet: the five counts, the two name sets and what the finding will show. */
    static final class OpenBin {
        final int hour;
        int total;
        int success;
        int denied;
        Set<String> deniedNames = new HashSet<>(4);
        Set<String> successNames;
        long firstTime = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        String arn;
        String accessKeyId;
        String credential;
        String accountId;
        String principalArn;
        String principalType;
        String userName;
        TreeSet<String> sourceIps;
        TreeSet<String> userAgents;
        List<String> deniedIds = new ArrayList<>(4);
        List<String> otherIds = new ArrayList<>(4);
        /**
         * The last value added to each set (not saved): a key's calls in one hour mostly repeat the same
         * name, address and agent, and an identical repeat needs no set look-up. Only skips adds of a value
         * already in its set, so the sets are the same.
         */
        private transient String lastDenied;
        private transient String lastSuccess;
        private transient String lastIp;
        private transient String lastAgent;

        OpenBin(int hour) {
            this.hour = hour;
        }

        OpenBin(int hour, CloudTrailEvent e) {
            this.hour = hour;
            this.arn = e.identity().arn();
            this.accessKeyId = e.accessKeyId();
            this.credential = e.credential();
            this.accountId = e.accountId();
            this.principalArn = e.principal().arn() != null ? e.principal().arn() : e.principal().key();
            this.principalType = e.identity().type();
            this.userName = e.identity().userName() != null ? e.identity().userName() : e.identity().issuerName();
        }

        long end() {
            return (hour + 1L) * Times.HOUR;
        }

        void add(CloudTrailEvent e, boolean isDenied, boolean isSuccess) {
            total++;
            String name = e.eventName();
            if (isDenied) {
                denied++;
                if (name != lastDenied || name == null) {
                    deniedNames.add(name);
                    lastDenied = name;
                }
            } else if (isSuccess) {
                success++;
                if (successNames == null) {
                    successNames = new HashSet<>(4);
                }
                if (name != lastSuccess || name == null) {
                    successNames.add(name);
                    lastSuccess = name;
                }
            }
            long t = e.time();
            firstTime = Math.min(firstTime, t);
            lastTime = Math.max(lastTime, t);
            String ip = e.sourceIp();
            if (ip != null && ip != lastIp && (sourceIps == null || sourceIps.size() < MAX_IPS)) {
                if (sourceIps == null) {
                    sourceIps = new TreeSet<>();
                }
                sourceIps.add(ip);
                lastIp = ip;
            }
            String ua = e.userAgent();
            if (ua != null && ua != lastAgent && (userAgents == null || userAgents.size() < MAX_AGENTS)) {
                if (userAgents == null) {
                    userAgents = new TreeSet<>();
                }
                userAgents.add(ua);
                lastAgent = ua;
            }
            // the denied calls are what the analyst will look up: keep up to 20 of them, 5 others
            String id = e.eventId();
            if (id != null) {
                if (isDenied) {
                    if (deniedIds.size() < Finding.MAX_EVENT_IDS) {
                        deniedIds.add(id);
                    }
                } else if (otherIds.size() < MAX_OTHER_IDS) {
                    otherIds.add(id);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public void write(State s, DataOutput out) throws IOException {
            out.writeInt(s.size);
            for (int i = 0; i < s.size; i++) {
                out.writeInt(s.hours[i]);
                out.writeInt(s.denied[i]);
                out.writeInt(s.distinct[i]);
                out.writeInt(s.signature[i]);
            }
            int n = s.open == null ? 0 : s.open.size();
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                OpenBin b = s.open.get(i);
                out.writeInt(b.hour);
                out.writeInt(b.total);
                out.writeInt(b.success);
                out.writeInt(b.denied);
                writeSet(out, b.deniedNames);
                writeSet(out, b.successNames);
                out.writeLong(b.firstTime);
                out.writeLong(b.lastTime);
                Bin.writeString(out, b.arn);
                Bin.writeString(out, b.accessKeyId);
                Bin.writeString(out, b.credential);
                Bin.writeString(out, b.accountId);
                Bin.writeString(out, b.principalArn);
                Bin.writeString(out, b.principalType);
                Bin.writeString(out, b.userName);
                writeSet(out, b.sourceIps);
                writeSet(out, b.userAgents);
                writeList(out, b.deniedIds);
                writeList(out, b.otherIds);
            }
        }

        @Override
        public State read(DataInput in) throws IOException {
            State s = new State();
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                int h = in.readInt();
                int d = in.readInt();
                int dd = in.readInt();
                int sig = in.readInt();
                s.insert(s.size, h, d, dd, sig);
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                OpenBin b = new OpenBin(in.readInt());
                b.total = in.readInt();
                b.success = in.readInt();
                b.denied = in.readInt();
                Set<String> dn = readSet(in);
                b.deniedNames = dn == null ? new HashSet<>(4) : new HashSet<>(dn);
                Set<String> sn = readSet(in);
                b.successNames = sn == null ? null : new HashSet<>(sn);
                b.firstTime = in.readLong();
                b.lastTime = in.readLong();
                b.arn = Bin.readString(in);
                b.accessKeyId = Bin.readString(in);
                b.credential = Bin.readString(in);
                b.accountId = Bin.readString(in);
                b.principalArn = Bin.readString(in);
                b.principalType = Bin.readString(in);
                b.userName = Bin.readString(in);
                b.sourceIps = readSet(in);
                b.userAgents = readSet(in);
                readList(in, b.deniedIds);
                readList(in, b.otherIds);
                if (s.open == null) {
                    s.open = new ArrayList<>(2);
                }
                s.open.add(b);
            }
            return s;
        }
    };

    private static void writeSet(DataOutput out, Set<String> set) throws IOException {
        if (set == null) {
            out.writeInt(-1);
            return;
        }
        TreeSet<String> sorted = set instanceof TreeSet ? (TreeSet<String>) set : new TreeSet<>(set);
        out.writeInt(sorted.size());
        for (String v : sorted) {
            Bin.writeString(out, v);
        }
    }

    private static void writeList(DataOutput out, List<String> l) throws IOException {
        out.writeInt(l.size());
        for (String v : l) {
            Bin.writeString(out, v);
        }
    }

    private static void readList(DataInput in, List<String> l) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            l.add(Bin.readString(in));
        }
    }

    private static TreeSet<String> readSet(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        TreeSet<String> s = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            s.add(Bin.readString(in));
        }
        return s;
    }
}
