package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.finding.Finding;
import java.util.List;

/**
 * Seed 002's related rule "Rare AWS Error Code". Partition: the organisation (one key); value: the
 * errorCode; N: the organisation's hours with data. Events without an error never enter.
 */
public final class RareErrorCode extends RarityDetector {
    public static final String ID = "rare-error-code";
    public static final String ORGANISATION = "organisation";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Error code rare in the organisation", "seed 002, Elastic ML (Rare AWS Error Code)",
            List.of(MITRE), params(50, "Elastic ML rules' anomaly threshold 50"), RareErrorCode::new);

    public RareErrorCode(Params p) {
        super(ID, p);
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.ORGANISATION;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        String c = e.event().errorCode();
        return c == null || c.isEmpty() ? null : ORGANISATION;
    }

    @Override
    String valueOf(EnrichedEvent e) {
        return e.event().errorCode();
    }

    @Override
    void describe(Finding.Draft d, EnrichedEvent e, String organisation, String code, Rarity r) {
        String msg = e.event().errorMessage();
        d.subject(code)
                .title("Error code " + code + " rare in the organisation")
                .evidence("error_code", code)
                .evidence("error_message", msg == null ? null : ErrorMessageSpike.clip(msg))
                .explanation(e.event().credential() + " got error " + code + " calling " + e.event().eventName()
                        + " from " + e.event().sourceIp() + "; in the previous " + r.historyDays()
                        + " days the organisation saw " + code + " in " + r.k() + " of " + r.n()
                        + " hours with data (rarity score " + round2(r.score()) + "): errors new to an"
                        + " organisation often come from someone probing with a stolen key; check what else this"
                        + " credential did.");
    }
}
