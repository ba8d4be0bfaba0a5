package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.finding.Finding;
import io.trailwarden.util.Times;
import java.util.List;

/**
 * Seed 002's related rule "Unusual City For an AWS Command". As {@link RareCountryForApi} with the
 * source city as partition, written {@code country/city} since city names repeat across countries.
 */
public final class RareCityForApi extends RarityDetector {
    public static final String ID = "rare-city-for-api";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API called from a city unusual for it", "seed 002, Elastic ML (Unusual City For an AWS Command)",
            List.of(MITRE), params(50, "Elastic ML rules' anomaly threshold 50"), RareCityForApi::new);

    public RareCityForApi(Params p) {
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

    @Override
    public String keyOf(EnrichedEvent e) {
        String country = RareCountryForApi.country(e);
        String city = e.source() == null ? null : e.source().city();
        if (country == null || city == null || city.isEmpty() || e.event().eventName() == null) {
            return null;
        }
        return country + "/" + city;
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
    void describe(Finding.Draft d, EnrichedEvent e, String city, String api, Rarity r) {
        d.title("API " + api + " called from " + city + ", a city unusual for it")
                .evidence("city", city)
                .evidence("api", api)
                .explanation(e.event().credential() + " called " + api + " from " + e.event().sourceIp() + " in "
                        + city + "; in the previous " + r.historyDays() + " days the organisation called " + api
                        + " from " + city + " in " + r.k() + " hour(s), and " + city + " was active in "
                        + r.partitionHours() + " of the " + r.n() + " hours with data (rarity score "
                        + round2(r.score()) + "): check whether the caller is travelling or works from there,"
                        + " and if not treat the credential as possibly stolen.");
    }
}
