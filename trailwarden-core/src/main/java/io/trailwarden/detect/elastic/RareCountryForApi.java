package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.EnrichedEvent;
import java.util.List;

/**
 * Seed 002 (Elastic ML): "Unusual Country For an AWS Command". An API called from a country where
 * the organisation has (almost) never called it in the last 45 days. Partition: the source country;
 * value: eventName; N: the organisation's hours with data (see {@link RareApiForLocation}).
 */
public final class RareCountryForApi extends RareApiForLocation {
    public static final String ID = "rare-country-for-api";
    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "API called from a country unusual for it", "seed 002, Elastic ML (Unusual Country For an AWS Command)",
            List.of(MITRE), params(50, "Elastic ML rules' anomaly threshold 50"), RareCountryForApi::new);

    public RareCountryForApi(Params p) {
        super(ID, p, "country", "new to this country");
    }

    @Override
    String location(EnrichedEvent e, String country) {
        return country;
    }
}
