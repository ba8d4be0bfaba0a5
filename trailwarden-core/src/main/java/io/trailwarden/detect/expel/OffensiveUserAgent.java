package io.trailwarden.detect.expel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.LastSeen;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.time.Duration;
import java.util.List;

/**
 * Seed 004 (Expel): "Observed Hacking Tool User agent – Kali Linux". Fires on a credential's first
 * use of a penetration-testing distribution or a known offensive tool in {@code window} (14 days).
 * Single-event: late events fire too. A distribution is medium (GuardDuty's PenTest findings); a
 * key-validation or exploitation tool is high.
 */
public final class OffensiveUserAgent implements Detector<LastSeen> {
    public static final String ID = "offensive-user-agent";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Penetration-testing distribution or offensive tool in the user agent", "seed 004, Expel",
            List.of("T1078.004"),
            List.of(Param.duration("window", Duration.ofDays(14),
                            "seed 004: 'had not used a Kali Linux useragent within the previous two weeks'"),
                    Param.integer("risk_distribution", 47, "GuardDuty PenTest findings are medium; Decision: risk 47"),
                    Param.integer("risk_tool", 73, "Decision: key-validation/exploitation tools are high, risk 73")),
            OffensiveUserAgent::new);

    private final long window;
    private final int riskDistribution;
    private final int riskTool;

    public OffensiveUserAgent(Params p) {
        this.window = p.millis("window");
        this.riskDistribution = p.integer("risk_distribution");
        this.riskTool = p.integer("risk_tool");
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
    public String keyOf(EnrichedEvent e) {
        UserAgentInfo a = e.agent();
        return a != null && (a.isPenTestDistribution() || a.isOffensiveTool()) ? e.event().credential() : null;
    }

    @Override
    public LastSeen newState() {
        return new LastSeen();
    }

    @Override
    public StateCodec<LastSeen> codec() {
        return LastSeen.CODEC;
    }

    @Override
    public void onEvent(LastSeen s, EnrichedEvent e, DetectorContext ctx) {
        UserAgentInfo a = e.agent();
        long t = e.event().time();
        if (a.isOffensiveTool()) {
            check(s, e, ctx, "tool:" + a.offensiveTool(), a.offensiveTool(), Severity.HIGH, riskTool);
        }
        if (a.isPenTestDistribution()) {
            check(s, e, ctx, "distribution:" + a.distribution(), a.distribution(), Severity.MEDIUM, riskDistribution);
        }
        // One clean-up timer per key and hour (not per event): a Kali user's thousand calls cost one timer.
        ctx.registerTimer(Times.hourStart(t) + Times.HOUR + window);
    }

    private void check(LastSeen s, EnrichedEvent e, DetectorContext ctx, String subject, String name,
                       Severity severity, int risk) {
        long t = e.event().time();
        long last = s.get(subject);
        s.put(subject, t);
        if (last != Long.MIN_VALUE && last >= t - window) {
            return;
        }
        boolean tool = subject.startsWith("tool:");
        ctx.emit(Finding.draft(ID, e)
                .subject(subject)
                .title(tool ? "Offensive tool " + name + " used with a credential"
                        : "Penetration-testing distribution (" + name + ") in a user agent")
                .severity(severity)
                .risk(risk)
                .mitre("T1078.004")
                .evidence(tool ? "tool" : "distribution", name)
                .evidence("user_agent_family", e.agent().family())
                .evidence("source_ip", e.event().sourceIp())
                .evidence("last_seen_before", Describe.date(last))
                .evidence("window_days", Describe.days(window))
                .explanation(Describe.who(e.event()) + " called " + e.event().eventName() + " from "
                        + Describe.source(e.event().sourceIp(), e.source()) + " with a user agent naming "
                        + (tool ? "the offensive tool " : "the penetration-testing distribution ") + name
                        + ", not used by this credential in the previous " + Describe.days(window)
                        + " days: confirm with its owner; if unexpected, disable the key and block the IP."));
    }

    @Override
    public void onTimer(LastSeen s, long time, DetectorContext ctx) {
        s.forgetBefore(time - window);
    }

    @Override
    public boolean isEmpty(LastSeen s) {
        return s.isEmpty();
    }
}
