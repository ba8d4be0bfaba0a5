package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.EnrichedEvent;
import java.util.List;

/**
 * Seed 002's related rule "Unusual City For an AWS Command". As {@link RareCountryForApi} with the
 * source city as partition, written {@code country/city} since city names repeat across countries.
 */
public final class RareCityForApi extends RareApiForLocation {
    public static final String ID = "rare-city-for-api";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API called from a city unusual for it", "seed 002, Elastic ML (Unusual City For an AWS Command)",
            List.of(MITRE), params(50, "Elastic ML rules' anomaly threshold 50"), RareCityForApi::new);

    public RareCityForApi(Params p) {
        super(ID, p, "city", "works from there");
    }

    @Override
    String location(EnrichedEvent e, String country) {
        String city = e.source().city();
        // profileCity() is country + "/" + city, built once per source address; country is the source's own
        return city == null || city.isEmpty() ? null : e.source().profileCity();
    }
}
