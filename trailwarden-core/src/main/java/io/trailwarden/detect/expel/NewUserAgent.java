package io.trailwarden.detect.expel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StatelessDetector;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.History;
import java.time.Duration;
import java.util.List;

/**
 * Seed 004 (Expel): "this AWS user account had not previously used a Kali Linux useragent within the
 * previous two weeks". A principal with at least {@code min_history} (7 days) of history uses a
 * user-agent family (tool + OS/distribution, no versions) not seen for it in {@code window} (14 days).
 *
 * <p>Reads only the profile stamp (as of the start of the event's hour), so every call of the new
 * family in that hour fires and the finding tracker merges them into one finding per credential and
 * family; from the next hour on the family is known. So nothing is kept between events
 * ({@link StatelessDetector}).
 */
public final class NewUserAgent extends StatelessDetector {
    public static final String ID = "new-user-agent";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "User-agent family new for the principal", "seed 004, Expel",
            List.of("T1078.004"),
            List.of(Param.duration("window", Duration.ofDays(14),
                            "seed 004: 'had not previously used a Kali Linux useragent within the previous two weeks'"),
                    Param.duration("min_history", Duration.ofDays(7),
                            "DETECTIONS.md: 'a principal with >= 7 days of history'"),
                    Param.integer("risk", 21, "DETECTIONS.md: severity low, risk 21")),
            NewUserAgent::new);

    private final long window;
    private final long minHistory;
    private final int risk;

    public NewUserAgent(Params p) {
        super(ID, KeyKind.CREDENTIAL);
        this.window = p.millis("window");
        this.minHistory = p.millis("min_history");
        this.risk = p.integer("risk");
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        CloudTrailEvent ev = e.event();
        // AWS services acting for the principal never feed the user-agent profile: nothing to compare.
        if (ev.isServiceInvoked() || e.source().isServiceSource()) {
            return null;
        }
        UserAgentInfo a = e.agent();
        if (a == null || a.family() == null || ev.userAgent() == null || ev.userAgent().isEmpty()) {
            return null;
        }
        History h = e.history();
        if (h.principalAge() < minHistory || !h.isNew(Dimension.AGENT_FAMILY, window)) {
            return null;
        }
        return ev.credential();
    }

    @Override
    protected void emit(EnrichedEvent e, DetectorContext ctx) {
        CloudTrailEvent ev = e.event();
        UserAgentInfo a = e.agent();
        History h = e.history();
        long last = h.lastSeen(Dimension.AGENT_FAMILY);
        ctx.emit(Finding.draft(ID, e)
                .subject(a.family())
                .title("User-agent family " + a.family() + " new for the principal")
                .severity(Severity.LOW)
                .risk(risk)
                .mitre("T1078.004")
                .evidence("user_agent_family", a.family())
                .evidence("tool", a.tool())
                .evidence("os", a.os())
                .evidence("distribution", a.distribution())
                .evidence("family_last_seen_before", Describe.date(last))
                .evidence("principal_first_seen", Describe.date(h.principalFirstSeen()))
                .evidence("principal_history_days", Describe.days(h.principalAge()))
                .evidence("window_days", Describe.days(window))
                .explanation(Describe.who(ev) + " called " + ev.eventName() + " from "
                        + Describe.source(ev.sourceIp(), e.source()) + " with the user-agent family "
                        + a.family() + ", not used by this principal in the " + Describe.days(window)
                        + " days before (" + Describe.lastSeen(last) + "; the principal is known since "
                        + Describe.date(h.principalFirstSeen()) + "): confirm the new tool or machine with its owner."));
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(minHistory);
    }
}
