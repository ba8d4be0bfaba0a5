package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.finding.Finding;
import java.util.List;

/**
 * Seed 002's related rule "Unusual AWS Command for a User". Partition: the principal (per person for
 * SSO roles and roles with a sourceIdentity, as profiles are kept); value: eventName; N: the
 * principal's own active hours in the history window, kept in this detector's state. Threshold 75.
 */
public final class RareApiForUser extends RarityDetector {
    public static final String ID = "rare-api-for-user";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API unusual for the principal calling it", "seed 002, Elastic ML (Unusual AWS Command for a User)",
            List.of(MITRE), params(75, "Elastic's 'Unusual AWS Command for a User' anomaly threshold 75"),
            RareApiForUser::new);

    public RareApiForUser(Params p) {
        super(ID, p);
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.PRINCIPAL;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        String k = e.event().principal().profileKey();
        return e.event().eventName() == null || k == null || k.startsWith("unknown") ? null : k;
    }

    @Override
    String valueOf(EnrichedEvent e) {
        return e.event().eventName();
    }

    @Override
    int dataHours(RarityState s, EnrichedEvent e, DetectorContext ctx, int from, int hour) {
        return s.partitionHours(from, hour);
    }

    @Override
    void describe(Finding.Draft d, EnrichedEvent e, String principal, String api, Rarity r) {
        d.title("API " + api + " unusual for " + e.event().principal().key())
                .evidence("principal", principal)
                .evidence("api", api)
                .explanation(e.event().credential() + " called " + api + " from " + e.event().sourceIp()
                        + "; in the previous " + r.historyDays() + " days this principal called it in " + r.k()
                        + " of its " + r.n() + " active hours (rarity score " + round2(r.score())
                        + "): confirm the call with the principal's owner, and if unexpected review what else the"
                        + " credential did.");
    }
}
