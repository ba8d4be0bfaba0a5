package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.finding.Finding;
import io.trailwarden.util.Times;
import java.util.List;

/**
 * Seed 002 (Elastic ML): "Unusual Country For an AWS Command". An API called from a country where
 * the organisation has (almost) never called it in the last 45 days. Partition: the source country;
 * value: eventName; N: the organisation's hours with data. Events without a country (service names,
 * {@code AWS Internal}, private or invalid addresses, calls invoked by AWS services) never enter.
 */
public final class RareCountryForApi extends RarityDetector {
    public static final String ID = "rare-country-for-api";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API called from a country unusual for it", "seed 002, Elastic ML (Unusual Country For an AWS Command)",
            List.of(MITRE), params(50, "Elastic ML rules' anomaly threshold 50"), RareCountryForApi::new);

    public RareCountryForApi(Params p) {
        super(p);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.OTHER;
    }

    /** The source country, or null when the event has none. */
    static String country(EnrichedEvent e) {
        SourceInfo s = e.source();
        if (s == null || !s.publicIp() || s.isServiceSource() || e.event().isServiceInvoked()) {
            return null;
        }
        String c = s.country();
        return c == null || c.isEmpty() ? null : c;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        return e.event().eventName() == null ? null : country(e);
    }

    @Override
    String valueOf(EnrichedEvent e) {
        return e.event().eventName();
    }

    @Override
    int dataHours(RarityState s, EnrichedEvent e, DetectorContext ctx, int from, int hour) {
        return ctx.coverage().hoursWithData(from * Times.HOUR, hour * Times.HOUR);
    }

    @Override
    void describe(Finding.Draft d, EnrichedEvent e, String country, String api, Rarity r) {
        d.title("API " + api + " called from " + country + ", a country unusual for it")
                .evidence("country", country)
                .evidence("api", api)
                .explanation(e.event().credential() + " called " + api + " from " + e.event().sourceIp() + " in "
                        + country + "; in the previous " + r.historyDays() + " days the organisation called " + api
                        + " from " + country + " in " + r.k() + " hour(s), and " + country + " was active in "
                        + r.partitionHours() + " of the " + r.n() + " hours with data (rarity score "
                        + round2(r.score()) + "): check whether the caller is travelling or new to this country,"
                        + " and if not treat the credential as possibly stolen.");
    }
}
