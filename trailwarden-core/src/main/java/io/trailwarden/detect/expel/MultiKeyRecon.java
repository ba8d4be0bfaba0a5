package io.trailwarden.detect.expel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.Dimension;
import io.trailwarden.state.Bin;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seed 004 (Expel), "AWS Access Key Enumeration": from one source IP, reconnaissance calls
 * ({@code GetCallerIdentity} and the like, any outcome) with at least {@code min_keys} (3) distinct
 * credentials within {@code window} (1 hour), counting only credentials whose principal had never
 * used that IP before the hour began. One finding per credential involved, naming the IP and the
 * other credentials.
 *
 * <p>Keyed by the source IP. The state holds, per credential seen from that IP in the last hour,
 * its first/last recon call, the calls and APIs, and whether it was reported; it empties an hour
 * after the last call. Only events from IPs new for their principal enter it, so office NATs and CI
 * runners (known IPs) never create state after their first hour of data.
 */
public final class MultiKeyRecon implements Detector<MultiKeyRecon.State> {
    public static final String ID = "multi-key-recon";
    public static final List<String> DEFAULT_RECON = List.of("GetCallerIdentity", "GetAccountSummary",
            "ListAccountAliases", "GetUser", "ListUsers");
    static final int MAX_LISTED = 50;
    static final int MAX_EVENT_IDS = 5;

    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Reconnaissance with several access keys from one IP", "seed 004, Expel",
            List.of("T1087.004", "T1078.004"),
            List.of(Param.strings("recon_apis", DEFAULT_RECON,
                            "seed 004: GetCallerIdentity ('similar to the bash command whoami'); DETECTIONS.md adds "
                                    + "GetAccountSummary, ListAccountAliases, GetUser, ListUsers"),
                    Param.integer("min_keys", 3, "DETECTIONS.md: '>= 3 distinct access keys'"),
                    Param.duration("window", Duration.ofHours(1), "DETECTIONS.md: 'within 1 hour'"),
                    Param.duration("warmup", Duration.ofDays(7),
                            "Decision: 'never used this IP' means nothing before the data covers a week "
                                    + "(an office NAT on the first morning of data)"),
                    Param.integer("risk", 73, "DETECTIONS.md: severity high, risk 73")),
            MultiKeyRecon::new);

    private final Set<String> recon;
    private final int minKeys;
    private final long window;
    private final long warmup;
    private final int risk;

    public MultiKeyRecon(Params p) {
        this.recon = new HashSet<>(p.strings("recon_apis"));
        this.minKeys = p.integer("min_keys");
        this.window = p.millis("window");
        this.warmup = p.millis("warmup");
        this.risk = p.integer("risk");
    }

    /** One credential's recon calls from the keyed IP within the window. */
    static final class Caller {
        String accessKeyId;
        String principalKey;
        String principalArn;
        String principalType;
        String userName;
        String sessionName;
        String accountId;
        String userAgent;
        long first;
        long last;
        long calls;
        /** When this credential's finding was first emitted in this episode, or MIN_VALUE. */
        long reported = Long.MIN_VALUE;
        final TreeSet<String> apis = new TreeSet<>();
        final List<String> eventIds = new ArrayList<>(2);
    }

    /** Per source IP: the credentials that made recon calls from it in the last hour, by credential. */
    public static final class State {
        final TreeMap<String, Caller> callers = new TreeMap<>();
    }

    static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public void write(State s, DataOutput out) throws IOException {
            out.writeInt(s.callers.size());
            for (Map.Entry<String, Caller> en : s.callers.entrySet()) {
                Caller c = en.getValue();
                Bin.writeString(out, en.getKey());
                Bin.writeString(out, c.accessKeyId);
                Bin.writeString(out, c.principalKey);
                Bin.writeString(out, c.principalArn);
                Bin.writeString(out, c.principalType);
                Bin.writeString(out, c.userName);
                Bin.writeString(out, c.sessionName);
                Bin.writeString(out, c.accountId);
                Bin.writeString(out, c.userAgent);
                out.writeLong(c.first);
                out.writeLong(c.last);
                out.writeLong(c.calls);
                out.writeLong(c.reported);
                out.writeInt(c.apis.size());
                for (String a : c.apis) {
                    Bin.writeString(out, a);
                }
                out.writeInt(c.eventIds.size());
                for (String id : c.eventIds) {
                    Bin.writeString(out, id);
                }
            }
        }

        @Override
        public State read(DataInput in) throws IOException {
            State s = new State();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String cred = Bin.readString(in);
                Caller c = new Caller();
                c.accessKeyId = Bin.readString(in);
                c.principalKey = Bin.readString(in);
                c.principalArn = Bin.readString(in);
                c.principalType = Bin.readString(in);
                c.userName = Bin.readString(in);
                c.sessionName = Bin.readString(in);
                c.accountId = Bin.readString(in);
                c.userAgent = Bin.readString(in);
                c.first = in.readLong();
                c.last = in.readLong();
                c.calls = in.readLong();
                c.reported = in.readLong();
                int a = in.readInt();
                for (int j = 0; j < a; j++) {
                    c.apis.add(Bin.readString(in));
                }
                int m = in.readInt();
                for (int j = 0; j < m; j++) {
                    c.eventIds.add(Bin.readString(in));
                }
                s.callers.put(cred, c);
            }
            return s;
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.SOURCE_IP;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        CloudTrailEvent ev = e.event();
        if (!recon.contains(ev.eventName())) {
            return null;
        }
        String key = ev.accessKeyId();
        if (key == null || key.isEmpty() || ev.sourceIp() == null || ev.isServiceInvoked()) {
            return null;
        }
        SourceInfo s = e.source();
        // An address: public, or private (a VPC endpoint). Service names and garbage are not "one IP".
        if (s == null || s.isServiceSource() || !(s.publicIp() || s.networkClass() == NetworkClass.PRIVATE)) {
            return null;
        }
        // Keys whose principal already used this IP (an office NAT, a CI runner) are not counted.
        if (!e.history().isNeverSeen(Dimension.IP)) {
            return null;
        }
        return ev.sourceIp();
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
        if (!ctx.coverage().covers(Times.hourStart(t) - warmup)) {
            return; // warm-up: every IP is "never used" in the first days of data
        }
        String cred = ev.credential();
        Caller c = s.callers.get(cred);
        if (c == null || c.last < t - window || c.first > t + window) {
            c = new Caller(); // a new episode for this credential
            c.first = t;
            c.last = t;
            s.callers.put(cred, c);
        }
        c.accessKeyId = ev.accessKeyId();
        c.principalKey = ev.principal().key();
        c.principalArn = ev.principal().arn() != null ? ev.principal().arn() : ev.principal().key();
        c.principalType = ev.identity().type();
        c.userName = ev.identity().userName() != null ? ev.identity().userName() : ev.identity().issuerName();
        c.sessionName = ev.principal().sessionName();
        c.accountId = ev.accountId();
        if (c.userAgent == null) {
            c.userAgent = ev.userAgent();
        }
        c.first = Math.min(c.first, t);
        c.last = Math.max(c.last, t);
        c.calls++;
        c.apis.add(ev.eventName());
        if (ev.eventId() != null && c.eventIds.size() < MAX_EVENT_IDS) {
            c.eventIds.add(ev.eventId());
        }
        ctx.registerTimer(Times.hourStart(t) + Times.HOUR + window);

        List<String> inWindow = new ArrayList<>();
        for (Map.Entry<String, Caller> en : s.callers.entrySet()) {
            Caller o = en.getValue();
            if (o.last >= t - window && o.first <= t + window) {
                inWindow.add(en.getKey());
            }
        }
        if (inWindow.size() < minKeys) {
            return;
        }
        String ip = ev.sourceIp();
        for (String k : inWindow) {
            Caller o = s.callers.get(k);
            if (o.reported == Long.MIN_VALUE) {
                o.reported = t;
                ctx.emit(draftFor(k, o, inWindow, s, ip, e));
            } else if (k.equals(cred)) {
                // A further call by an already reported credential: merges into its finding (count, events).
                ctx.emit(withEvidence(Finding.draft(ID, e), k, o, inWindow, s, ip, e));
            }
        }
    }

    private Finding.Draft draftFor(String cred, Caller c, List<String> inWindow, State s, String ip, EnrichedEvent e) {
        Finding.Draft d = Finding.draft(ID)
                .credential(cred)
                .accessKeyId(c.accessKeyId)
                .principalArn(c.principalArn)
                .principalType(c.principalType)
                .userName(c.userName)
                .sessionName(c.sessionName)
                .accountId(c.accountId)
                .time(c.first)
                .lastTime(c.last)
                .count(c.calls)
                .sourceIp(ip)
                .userAgent(c.userAgent)
                .late(e.late());
        for (String api : c.apis) {
            d.eventName(api);
        }
        for (String id : c.eventIds) {
            d.eventId(id);
        }
        return withEvidence(d, cred, c, inWindow, s, ip, e);
    }

    private Finding.Draft withEvidence(Finding.Draft d, String cred, Caller c, List<String> inWindow, State s,
                                       String ip, EnrichedEvent e) {
        List<String> otherKeys = new ArrayList<>();
        TreeSet<String> otherPrincipals = new TreeSet<>();
        for (String k : inWindow) {
            if (!k.equals(cred)) {
                Caller o = s.callers.get(k);
                if (otherKeys.size() < MAX_LISTED) {
                    otherKeys.add(o.accessKeyId != null && k.equals(o.principalKey) ? k + " (" + o.accessKeyId + ")" : k);
                }
                if (otherPrincipals.size() < MAX_LISTED) {
                    otherPrincipals.add(o.principalArn);
                }
            }
        }
        long mins = window / Times.MINUTE;
        return d.subject(ip)
                .title("Reconnaissance with " + inWindow.size() + " access keys from " + ip)
                .severity(Severity.HIGH)
                .risk(risk)
                .mitre("T1087.004", "T1078.004")
                .evidence("source_ip", ip)
                .evidence("keys_in_window", inWindow.size())
                .evidence("min_keys", minKeys)
                .evidence("window_minutes", mins)
                .evidence("other_keys", otherKeys)
                .evidence("other_principals", List.copyOf(otherPrincipals))
                .evidence("recon_calls", List.copyOf(c.apis))
                .evidence("calls", c.calls)
                .evidence("ip_new_for_principal", true)
                .explanation("From " + Describe.source(ip, e.source()) + ", " + inWindow.size()
                        + " access keys whose principals had never used this IP made reconnaissance calls within "
                        + mins + " minutes: " + c.principalArn + " (" + cred + ") called " + String.join(", ", c.apis)
                        + ", as did " + String.join(", ", otherKeys)
                        + ". One actor testing several keys is the mark of stolen credentials: "
                        + "disable these keys and block the IP.");
    }

    @Override
    public void onTimer(State s, long time, DetectorContext ctx) {
        s.callers.values().removeIf(c -> c.last < time - window);
    }

    @Override
    public boolean isEmpty(State s) {
        return s.callers.isEmpty();
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(warmup);
    }
}
