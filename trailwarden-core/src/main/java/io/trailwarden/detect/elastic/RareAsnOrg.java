package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.NameFlags;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.state.Bin;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seed 003 (Elastic ES|QL): "AWS Rare Source AS Organization Activity". Per principal, over the last
 * 7 days of successful events with an AS organisation: traffic dominated by trusted clouds (network
 * class {@code aws} or {@code major-cloud}: Amazon, Google, Microsoft, MongoDB, matched by AS number
 * first) with a sliver from other organisations that includes sensitive actions. Evaluated as each
 * event from a non-trusted organisation arrives, with exactly the ES|QL conditions.
 */
public final class RareAsnOrg implements Detector<RareAsnOrg.State> {
    public static final String ID = "rare-asn-org";
    private static final long NO_SWEEP = Long.MIN_VALUE;
    /** At most this many source IPs are kept per sensitive action (the newest). */
    static final int MAX_IPS_PER_ACTION = 16;

    public static final List<String> SENSITIVE_ACTIONS = List.of("GetCallerIdentity", "GetAccountSummary",
            "ListAccountAliases", "GetSecretValue", "ListSecrets", "DescribeSecret", "GetParameter", "GetParameters",
            "GetParametersByPath", "AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
            "AttachUserPolicy", "AttachRolePolicy", "PutUserPolicy", "PutRolePolicy", "CreateAccessKey",
            "UpdateAccessKey", "CreateUser", "CreateLoginProfile", "UpdateLoginProfile", "AddUserToGroup", "GetObject",
            "ListBuckets", "ListObjects", "ListObjectsV2", "InvokeModel", "InvokeModelWithResponseStream", "Converse");

    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Rare AS organisation for an identity mostly seen from large clouds",
            "seed 003, Elastic ES|QL (AWS Rare Source AS Organization Activity)", List.of("T1078.004"),
            List.of(Param.duration("window", Duration.ofDays(7), "seed 003: the rule's 7-day look-back"),
                    Param.integer("min_trusted_events", 100, "seed 003: trusted_cloud_event_count >= 100"),
                    Param.integer("min_other_events", 1, "seed 003: untrusted_event_count >= 1"),
                    Param.number("max_other_ratio", 0.01, "seed 003: rare_asn_ratio <= 0.01"),
                    Param.integer("min_sensitive_actions", 2, "seed 003: unique_action_from_untrusted_asn >= 2"),
                    Param.integer("max_organisations", 5, "seed 003: count_distinct_asns <= 5"),
                    Param.duration("recent", Duration.ofHours(1),
                            "seed 003: most_recent_low_asn_day >= NOW() - 1 hour"),
                    Param.strings("sensitive_actions", SENSITIVE_ACTIONS, "seed 003: is_suspicious_action list"),
                    Param.integer("risk", 73, "seed 003: severity high, risk score 73")),
            RareAsnOrg::new);

    private final long window;
    private final int windowHours;
    private final int minTrusted;
    private final int minOther;
    private final double maxRatio;
    private final int minSensitive;
    private final int maxOrgs;
    private final long recent;
    private final NameFlags sensitive;
    private final int risk;

    public RareAsnOrg(Params p) {
        this.window = p.millis("window");
        this.windowHours = (int) Math.max(1, window / Times.HOUR);
        this.minTrusted = p.integer("min_trusted_events");
        this.minOther = p.integer("min_other_events");
        this.maxRatio = p.number("max_other_ratio");
        this.minSensitive = p.integer("min_sensitive_actions");
        this.maxOrgs = p.integer("max_organisations");
        this.recent = p.millis("recent");
        this.sensitive = new NameFlags(Set.copyOf(p.strings("sensitive_actions"))::contains, 1024);
        this.risk = p.integer("risk");
    }

    /** One AS organisation's events for the principal: hourly counts, trust verdict. */
    static final class Org {
        boolean trusted;
        SlotCounts hours = new SlotCounts(2);
    }

    /** A principal's last 7 days: per AS organisation its hourly counts; per sensitive action (other organisations only) the last time of each source IP. */
    public static final class State {
        final HashMap<String, Org> orgs = new HashMap<>(4);
        final HashMap<String, HashMap<String, Long>> sensitiveIps = new HashMap<>(4);
        long sweepAt = NO_SWEEP;
        /**
         * The organisation of the last event and its entry, dropped when entries are removed: a principal's
         * calls mostly come from one organisation, whose repeat then costs a compare instead of a hash
         * look-up. Not saved.
         */
        private transient String lastName;
        private transient Org lastOrg;
        /**
         * The window's sums as of the last event, for the window ending with hour {@code sumsHour}
         * ({@link Integer#MIN_VALUE}: none): events of one principal mostly come in the same hour, and then the
         * counts a check needs move by one instead of being summed again over every organisation's hours. Not
         * saved; dropped by a late event, a change of an organisation's trust and a clean-up.
         */
        transient int sumsHour = Integer.MIN_VALUE;
        transient long trustedSum;
        transient long otherSum;
        transient int activeOrgs;

        /** The entry of organisation {@code name}, created when new. */
        Org org(String name) {
            String l = lastName;
            if (l != null && (l == name || l.equals(name))) {
                return lastOrg;
            }
            Org o = orgs.get(name);
            if (o == null) {
                o = new Org();
                orgs.put(name, o);
            }
            lastName = name;
            lastOrg = o;
            return o;
        }

        public int organisations() {
            return orgs.size();
        }

        /** Forgets hours before {@code hour} and IP sightings before {@code time}; returns the oldest time left. */
        long pruneBefore(int hour, long time) {
            lastName = null;
            lastOrg = null;
            sumsHour = Integer.MIN_VALUE;
            long oldest = Long.MAX_VALUE;
            var it = orgs.values().iterator();
            while (it.hasNext()) {
                Org o = it.next();
                o.hours.pruneBefore(hour);
                if (o.hours.isEmpty()) {
                    it.remove();
                } else {
                    oldest = Math.min(oldest, o.hours.first() * Times.HOUR);
                }
            }
            var it2 = sensitiveIps.values().iterator();
            while (it2.hasNext()) {
                HashMap<String, Long> ips = it2.next();
                ips.values().removeIf(t -> t < time);
                if (ips.isEmpty()) {
                    it2.remove();
                } else {
                    for (long t : ips.values()) {
                        oldest = Math.min(oldest, t);
                    }
                }
            }
            return oldest;
        }
    }

    public static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public void write(State s, DataOutput out) throws IOException {
            TreeMap<String, Org> orgs = new TreeMap<>(s.orgs);
            out.writeInt(orgs.size());
            for (Map.Entry<String, Org> e : orgs.entrySet()) {
                Bin.writeString(out, e.getKey());
                Org o = e.getValue();
                out.writeBoolean(o.trusted);
                o.hours.write(out);
            }
            TreeMap<String, HashMap<String, Long>> acts = new TreeMap<>(s.sensitiveIps);
            out.writeInt(acts.size());
            for (Map.Entry<String, HashMap<String, Long>> e : acts.entrySet()) {
                Bin.writeString(out, e.getKey());
                TreeMap<String, Long> ips = new TreeMap<>(e.getValue());
                out.writeInt(ips.size());
                for (Map.Entry<String, Long> ip : ips.entrySet()) {
                    Bin.writeString(out, ip.getKey());
                    out.writeLong(ip.getValue());
                }
            }
            out.writeLong(s.sweepAt);
        }

        @Override
        public State read(DataInput in) throws IOException {
            State s = new State();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = Bin.readString(in);
                Org o = new Org();
                o.trusted = in.readBoolean();
                o.hours = SlotCounts.read(in, 2);
                s.orgs.put(name, o);
            }
            int a = in.readInt();
            for (int i = 0; i < a; i++) {
                String act = Bin.readString(in);
                int m = in.readInt();
                HashMap<String, Long> ips = new HashMap<>(4);
                for (int j = 0; j < m; j++) {
                    ips.put(Bin.readString(in), in.readLong());
                }
                s.sensitiveIps.put(act, ips);
            }
            s.sweepAt = in.readLong();
            return s;
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.PRINCIPAL;
    }

    /** The AS organisation's label: its name, else {@code AS<number>}, else null (the event is ignored). */
    static String orgOf(SourceInfo s) {
        if (s == null || !s.publicIp()) {
            return null;
        }
        if (s.asOrg() != null && !s.asOrg().isEmpty()) {
            return s.asOrg();
        }
        return s.asn() > 0 ? "AS" + s.asn() : null;
    }

    /** Seed 003's trusted clouds: the network classifier's {@code aws} and {@code major-cloud} classes. */
    static boolean trusted(SourceInfo s) {
        return s.networkClass() == NetworkClass.AWS || s.networkClass() == NetworkClass.MAJOR_CLOUD;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        if (!e.event().isSuccess() || orgOf(e.source()) == null) {
            return null;
        }
        String k = e.event().principal().profileKey();
        return k == null || k.startsWith("unknown") ? null : k;
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
        long t = e.event().time();
        int hour = Hours.hourOf(t);
        String org = orgOf(e.source());
        boolean isTrusted = trusted(e.source());
        Org o = s.org(org);
        if (s.sumsHour == hour && (o.trusted == isTrusted || o.hours.isEmpty())) {
            int from = hour - windowHours + 1;
            boolean inWindow = !o.hours.isEmpty()
                    && (o.hours.last() <= hour ? o.hours.last() >= from : o.hours.any(from, hour + 1));
            if (!inWindow) {
                s.activeOrgs++; // its first event in the window
            }
            if (isTrusted) {
                s.trustedSum++;
            } else {
                s.otherSum++;
            }
        } else {
            s.sumsHour = Integer.MIN_VALUE;
        }
        o.trusted = isTrusted;
        o.hours.add(hour, 1);
        String action = e.event().eventName();
        if (!isTrusted && action != null && sensitive.test(action)) {
            HashMap<String, Long> ips = s.sensitiveIps.computeIfAbsent(action, x -> new HashMap<>(4));
            ips.merge(e.event().sourceIp(), t, Math::max);
            if (ips.size() > MAX_IPS_PER_ACTION) {
                String oldest = null;
                long ot = Long.MAX_VALUE;
                for (Map.Entry<String, Long> x : ips.entrySet()) {
                    if (x.getValue() < ot || (x.getValue() == ot && x.getKey().compareTo(oldest) > 0)) {
                        ot = x.getValue();
                        oldest = x.getKey();
                    }
                }
                ips.remove(oldest);
            }
        }
        if (s.sweepAt == NO_SWEEP) {
            schedule(s, t, ctx);
        }
        if (!isTrusted) {
            evaluate(s, e, org, ctx);
        }
    }

    private void evaluate(State s, EnrichedEvent e, String org, DetectorContext ctx) {
        long t = e.event().time();
        // The window: hours [from, to), the event's hour the last.
        int to = Hours.hourOf(t) + 1;
        int from = to - windowHours;
        long since = (long) from * Times.HOUR;
        // Counts first, without allocating: most events of most principals stop here.
        if (s.sumsHour != to - 1) {
            int activeOrgs = 0;
            long trustedEvents = 0;
            long otherEvents = 0;
            for (Org o : s.orgs.values()) {
                long c = o.hours.sum(from, to);
                if (c == 0) {
                    continue;
                }
                activeOrgs++;
                if (o.trusted) {
                    trustedEvents += c;
                } else {
                    otherEvents += c;
                }
            }
            s.sumsHour = to - 1;
            s.activeOrgs = activeOrgs;
            s.trustedSum = trustedEvents;
            s.otherSum = otherEvents;
        }
        if (s.activeOrgs > maxOrgs) {
            return;
        }
        long trustedEvents = s.trustedSum;
        long otherEvents = s.otherSum;
        long total = trustedEvents + otherEvents;
        double ratio = total == 0 ? 1 : otherEvents / (double) total;
        if (trustedEvents < minTrusted || otherEvents < minOther || ratio > maxRatio) {
            return;
        }
        int distinctActions = 0;
        for (HashMap<String, Long> ips : s.sensitiveIps.values()) {
            for (long seen : ips.values()) {
                if (seen >= since && seen <= t) {
                    distinctActions++;
                    break;
                }
            }
        }
        // The latest event from another organisation is this one: within 'recent' by construction.
        long latestOther = t;
        if (distinctActions < minSensitive || latestOther < t - recent) {
            return;
        }
        TreeMap<String, List<String>> actions = new TreeMap<>();
        for (Map.Entry<String, HashMap<String, Long>> x : s.sensitiveIps.entrySet()) {
            List<String> ips = new ArrayList<>();
            for (Map.Entry<String, Long> ip : x.getValue().entrySet()) {
                if (ip.getValue() >= since && ip.getValue() <= t) {
                    ips.add(ip.getKey());
                }
            }
            if (!ips.isEmpty()) {
                ips.sort(null);
                actions.put(x.getKey(), ips);
            }
        }
        TreeMap<String, Boolean> active = new TreeMap<>();
        for (Map.Entry<String, Org> x : s.orgs.entrySet()) {
            if (x.getValue().hours.any(from, to)) {
                active.put(x.getKey(), x.getValue().trusted);
            }
        }
        List<String> trustedOrgs = new ArrayList<>();
        List<String> otherOrgs = new ArrayList<>();
        active.forEach((name, tr) -> (tr ? trustedOrgs : otherOrgs).add(name));
        String who = e.event().principal().key();
        ctx.emit(Finding.draft(ID, e)
                .subject(org)
                .title("Identity mostly seen from large clouds used from " + org)
                .severity(Severity.HIGH)
                .risk(risk)
                .mitre("T1078.004")
                .evidence("as_org", org)
                .evidence("trusted_events", trustedEvents)
                .evidence("other_events", otherEvents)
                .evidence("total_events", total)
                .evidence("other_ratio", Math.round(ratio * 100000.0) / 100000.0)
                .evidence("organisations", active.size())
                .evidence("trusted_organisations", trustedOrgs)
                .evidence("other_organisations", otherOrgs)
                .evidence("sensitive_actions", new ArrayList<>(actions.keySet()))
                .evidence("sensitive_action_ips", actions)
                .evidence("latest_other_event", Times.iso(latestOther))
                .evidence("window_days", window / Times.DAY)
                .explanation(who + " made " + trustedEvents + " successful calls from trusted clouds ("
                        + String.join(", ", trustedOrgs) + ") and " + otherEvents + " ("
                        + Math.round(ratio * 10000.0) / 100.0 + "%) from other networks (" + String.join(", ", otherOrgs)
                        + ") in the last " + window / Times.DAY + " days, including the sensitive actions "
                        + String.join(", ", actions.keySet()) + "; the latest, " + e.event().eventName() + " from "
                        + e.event().sourceIp() + " (" + org + "), suggests the credential is used outside its usual"
                        + " cloud footprint: verify the source with the owner and rotate the credential if unknown."));
    }

    @Override
    public void onTimer(State s, long time, DetectorContext ctx) {
        if (time != s.sweepAt) {
            return;
        }
        s.sweepAt = NO_SWEEP;
        int fromHour = Hours.hourOf(time) - windowHours + 1;
        long oldest = s.pruneBefore(fromHour, (long) fromHour * Times.HOUR);
        if (oldest != Long.MAX_VALUE) {
            schedule(s, oldest, ctx);
        }
    }

    /** The next clean-up: the first midnight after the oldest entry leaves the window. */
    private void schedule(State s, long oldest, DetectorContext ctx) {
        long expires = Times.hourStart(oldest) + (long) windowHours * Times.HOUR;
        s.sweepAt = Times.dayStart(expires) + Times.DAY;
        ctx.registerTimer(s.sweepAt);
    }

    @Override
    public boolean isEmpty(State s) {
        return s.orgs.isEmpty() && s.sensitiveIps.isEmpty();
    }
}
