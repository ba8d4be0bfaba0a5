package io.trailwarden.detect.expel;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StatelessDetector;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.History;
import java.time.Duration;
import java.util.List;

/**
 * Seed 004 (Expel): "the IP was allocated to a hosting provider other than AWS, Google, or Microsoft".
 * A public IP whose network class is {@code hosting}, from an AS organisation not in the principal's
 * {@code window} (14-day) profile, for principals with at least {@code min_history} (7 days).
 *
 * <p>Reads only the profile stamp (as of the start of the event's hour); repeats within the hour merge
 * in the finding tracker (subject: the AS organisation). Nothing is kept between events
 * ({@link StatelessDetector}).
 */
public final class HostingProviderIp extends StatelessDetector {
    public static final String ID = "hosting-provider-ip";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Call from a hosting provider new for the principal", "seed 004, Expel",
            List.of("T1078.004"),
            List.of(Param.duration("window", Duration.ofDays(14),
                            "DETECTIONS.md: 'an AS organisation not in the principal's 14-day profile'"),
                    Param.duration("min_history", Duration.ofDays(7),
                            "DETECTIONS.md: 'principals with >= 7 days of history'"),
                    Param.integer("risk", 47, "DETECTIONS.md: severity medium, risk 47")),
            HostingProviderIp::new);

    private final long window;
    private final long minHistory;
    private final int risk;

    public HostingProviderIp(Params p) {
        super(ID, KeyKind.CREDENTIAL);
        this.window = p.millis("window");
        this.minHistory = p.millis("min_history");
        this.risk = p.integer("risk");
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        SourceInfo s = e.source();
        CloudTrailEvent ev = e.event();
        if (s == null || s.networkClass() != NetworkClass.HOSTING || !s.publicIp() || ev.isServiceInvoked()) {
            return null;
        }
        History h = e.history();
        if (h.principalAge() < minHistory || !h.isNew(noveltyDimension(s), window)) {
            return null;
        }
        return ev.credential();
    }

    /** The AS organisation, as the profile records it; the IP when the databases know neither name nor number. */
    private static Dimension noveltyDimension(SourceInfo s) {
        return s.asOrg() != null || s.asn() > 0 ? Dimension.AS_ORG : Dimension.IP;
    }

    @Override
    protected void emit(EnrichedEvent e, DetectorContext ctx) {
        CloudTrailEvent ev = e.event();
        SourceInfo s = e.source();
        History h = e.history();
        Dimension d = noveltyDimension(s);
        String org = s.profileAsOrg();
        long last = h.lastSeen(d);
        String subject = org != null ? org : ev.sourceIp();
        ctx.emit(Finding.draft(ID, e)
                .subject(subject)
                .title("Call from hosting provider " + subject + ", new for the principal")
                .severity(Severity.MEDIUM)
                .risk(risk)
                .mitre("T1078.004")
                .evidence("source_ip", ev.sourceIp())
                .evidence("network_class", s.networkClass().label())
                .evidence("as_org", s.asOrg())
                .evidence("asn", s.asn() > 0 ? s.asn() : null)
                .evidence("country", s.country())
                .evidence("city", s.city())
                .evidence("as_org_last_seen_before", Describe.date(last))
                .evidence("principal_first_seen", Describe.date(h.principalFirstSeen()))
                .evidence("principal_history_days", Describe.days(h.principalAge()))
                .evidence("window_days", Describe.days(window))
                .explanation(Describe.who(ev) + " called " + ev.eventName() + " from "
                        + Describe.source(ev.sourceIp(), s) + ", a hosting provider (not AWS, Google or Microsoft) "
                        + (org != null ? "whose AS organisation" : "whose address")
                        + " this principal had not used in the " + Describe.days(window) + " days before ("
                        + Describe.lastSeen(last) + "; the principal is known since " + Describe.date(h.principalFirstSeen())
                        + "): people rarely work from data centres; confirm with the owner, else disable the key and block the IP."));
    }

    @Override
    public Duration warmup() {
        return Duration.ofMillis(minHistory);
    }
}
