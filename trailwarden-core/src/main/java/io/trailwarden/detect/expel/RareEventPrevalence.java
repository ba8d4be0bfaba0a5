package io.trailwarden.detect.expel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.History;
import io.trailwarden.state.Bin;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seed 004 (Expel), event prevalence: a principal calls (any outcome) an API it never called before
 * and that at most {@code max_principals} (2) principals of the organisation called in the
 * {@code window} (30 days) before the start of that day. Prevalence is taken as of the day's start, so
 * seven stolen keys calling {@code GetSendQuota} on the same day do not make it common. APIs of the
 * sensitive (email/SMS) bucket are medium, others low.
 *
 * <p>Keyed by the event name. The state holds, per principal that called the API in the window, the
 * day of its last call and of the call before that day (so a principal that called it earlier and
 * again today still counts for today), pruned by a timer per key and day.
 */
public final class RareEventPrevalence implements Detector<RareEventPrevalence.State> {
    public static final String ID = "rare-event-prevalence";
    public static final List<String> DEFAULT_SENSITIVE = List.of("ses:GetSendQuota", "ses:GetAccount",
            "ses:ListIdentities", "ses:UpdateAccountSendingEnabled", "ses:GetIdentityVerificationAttributes",
            "ses:VerifyEmailIdentity", "ses:ListEmailIdentities", "sns:GetSMSAttributes");
    static final int NONE = DayPairs.NONE;

    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API rare in the organisation and new for the principal", "seed 004, Expel",
            List.of("T1078.004"),
            List.of(Param.duration("window", Duration.ofDays(30),
                            "DETECTIONS.md: 'called in the 30 days before the start of that day'"),
                    Param.integer("max_principals", 2, "DETECTIONS.md: 'at most 2 principals of the organisation'"),
                    Param.duration("warmup", Duration.ofDays(7),
                            "DETECTIONS.md: 'Warm-up 7 days'; Decision: the organisation's data, not the principal's age"),
                    Param.strings("sensitive_apis", DEFAULT_SENSITIVE,
                            "seed 004: 'email event buckets' (GetSendQuota, UpdateAccountSendingEnabled); "
                                    + "DETECTIONS.md's list. 'service:Name' matches eventSource service.amazonaws.com, "
                                    + "a bare name any source"),
                    Param.integer("risk_sensitive", 47, "DETECTIONS.md: sensitive bucket medium, risk 47"),
                    Param.integer("risk", 21, "DETECTIONS.md: others low, risk 21")),
            RareEventPrevalence::new);

    private final long window;
    private final int windowDays;
    private final int maxPrincipals;
    private final long warmup;
    private final Set<String> sensitive;
    private final int riskSensitive;
    private final int risk;

    public RareEventPrevalence(Params p) {
        this.window = p.millis("window");
        this.windowDays = (int) Math.max(1, window / Times.DAY);
        this.maxPrincipals = p.integer("max_principals");
        this.warmup = p.millis("warmup");
        this.sensitive = new HashSet<>(p.strings("sensitive_apis"));
        this.riskSensitive = p.integer("risk_sensitive");
        this.risk = p.integer("risk");
    }

    /** Per API: principal key → {day of last call, day of the last call before that day} in epoch days. */
    public static final class State {
        final DayPairs days = new DayPairs();
        /**
         * The latest day a pruning timer was registered for: every event of every API passes here, so the timer
         * is registered once per API and day, not per event. Not saved: after a restore the first event registers
         * again, and the engine ignores a timer it already holds.
         */
        transient int timerDay = NONE;

        void record(String principal, int day) {
            days.record(principal, day);
        }

        /** Forgets the principals whose last call was before {@code firstKept}. */
        void forgetBefore(int firstKept) {
            days.forgetBefore(firstKept);
        }
    }

    static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public void write(State s, DataOutput out) throws IOException {
            String[] sorted = s.days.sortedKeys();
            out.writeInt(sorted.length);
            for (String k : sorted) {
                int[] d = s.days.get(k);
                Bin.writeString(out, k);
                out.writeInt(d[0]);
                out.writeInt(d[1]);
            }
        }

        @Override
        public State read(DataInput in) throws IOException {
            State s = new State();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String k = Bin.readString(in);
                s.days.put(k, in.readInt(), in.readInt());
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
        return KeyKind.API;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        String n = e.event().eventName();
        return n == null || n.isEmpty() ? null : n;
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
        int today = (int) Math.floorDiv(t, Times.DAY);
        String principal = ev.principal().key();
        History h = e.history();
        // Service-invoked calls (CloudFormation, ...) count for prevalence but are not the principal's own hand.
        if (!ev.isServiceInvoked() && h.isNeverSeen(Dimension.API)
                && ctx.coverage().covers(Times.dayStart(t) - warmup)) {
            check(s, e, ctx, principal, today);
        }
        s.record(principal, today);
        if (today > s.timerDay) {
            s.timerDay = today;
            ctx.registerTimer((long) (today + windowDays + 1) * Times.DAY);
        }
    }

    private void check(State s, EnrichedEvent e, DetectorContext ctx, String principal, int today) {
        int from = today - windowDays;
        TreeMap<String, Integer> before = new TreeMap<>();
        DayPairs days = s.days;
        for (int i = 0; i < days.slots(); i++) {
            String p = days.keyAt(i);
            if (p == null || p.equals(principal)) {
                continue;
            }
            int last = days.lastAt(i);
            int prev = days.beforeAt(i);
            int day = last < today ? last : prev < today ? prev : NONE;
            if (day != NONE && day >= from) {
                before.put(p, day);
                if (before.size() > maxPrincipals) {
                    return; // common enough: stop counting
                }
            }
        }
        CloudTrailEvent ev = e.event();
        boolean isSensitive = isSensitive(ev);
        List<Map<String, Object>> callers = new ArrayList<>();
        for (Map.Entry<String, Integer> en : before.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("principal", en.getKey());
            m.put("last_call_day", Times.iso((long) en.getValue() * Times.DAY).substring(0, 10));
            callers.add(m);
        }
        String dayText = Times.iso(Times.dayStart(ev.time())).substring(0, 10);
        String api = service(ev) == null ? ev.eventName() : service(ev) + ":" + ev.eventName();
        String others = before.isEmpty() ? "no other principal" : before.size() + " other principal"
                + (before.size() == 1 ? "" : "s") + " (" + String.join(", ", before.keySet()) + ")";
        History h = e.history();
        ctx.emit(Finding.draft(ID, e)
                .subject(ev.eventName())
                .title("Rare API " + api + " called by a principal for the first time")
                .severity(isSensitive ? Severity.MEDIUM : Severity.LOW)
                .risk(isSensitive ? riskSensitive : risk)
                .mitre("T1078.004")
                .evidence("api", ev.eventName())
                .evidence("event_source", ev.eventSource())
                .evidence("sensitive_bucket", isSensitive)
                .evidence("prevalence", before.size())
                .evidence("max_principals", maxPrincipals)
                .evidence("window_days", windowDays)
                .evidence("prevalence_as_of", dayText)
                .evidence("callers_before", callers)
                .evidence("principal_first_seen", Describe.date(h.principalFirstSeen()))
                .evidence("outcome", ev.outcome().name().toLowerCase(Locale.ROOT))
                .explanation(Describe.who(ev) + " called " + api + " for the first time (outcome "
                        + ev.outcome().name().toLowerCase(Locale.ROOT) + ", from "
                        + Describe.source(ev.sourceIp(), e.source()) + "); " + others
                        + " called it in the " + windowDays + " days before " + dayText + ". "
                        + (isSensitive ? "It is in the email/SMS bucket attackers probe after stealing keys: " : "")
                        + "ask the owner, and look for other credentials calling it (Expel found every compromised key this way)."));
    }

    private boolean isSensitive(CloudTrailEvent ev) {
        if (sensitive.contains(ev.eventName())) {
            return true;
        }
        String svc = service(ev);
        return svc != null && sensitive.contains(svc + ":" + ev.eventName());
    }

    /** {@code ses.amazonaws.com} → {@code ses}; null when there is no event source. */
    static String service(CloudTrailEvent ev) {
        String src = ev.eventSource();
        if (src == null || src.isEmpty()) {
            return null;
        }
        int dot = src.indexOf('.');
        return dot < 0 ? src : src.substring(0, dot);
    }

    @Override
    public void onTimer(State s, long time, DetectorContext ctx) {
        int firstKept = (int) Math.floorDiv(time, Times.DAY) - windowDays;
        s.forgetBefore(firstKept);
    }

    @Override
    public boolean isEmpty(State s) {
        return s.days.isEmpty();
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(warmup);
    }
}
