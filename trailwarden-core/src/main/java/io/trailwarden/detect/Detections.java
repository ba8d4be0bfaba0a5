package io.trailwarden.detect;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.detect.elastic.ErrorMessageSpike;
import io.trailwarden.detect.elastic.RareApiForUser;
import io.trailwarden.detect.elastic.RareAsnOrg;
import io.trailwarden.detect.elastic.RareCityForApi;
import io.trailwarden.detect.elastic.RareCountryForApi;
import io.trailwarden.detect.elastic.RareErrorCode;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import java.util.List;

/** Every detection Trailwarden has, in the order they run and are listed. */
public final class Detections {
    private static final List<DetectionInfo> ALL = List.of(
            OffensiveUserAgent.INFO,
            RareCountryForApi.INFO,
            RareCityForApi.INFO,
            RareApiForUser.INFO,
            RareErrorCode.INFO,
            ErrorMessageSpike.INFO,
            RareAsnOrg.INFO
    );

    private Detections() {
    }

    public static List<DetectionInfo> all() {
        return ALL;
    }

    public static DetectionInfo byId(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detection '" + id + "'"));
    }
}
