package io.trailwarden.detect;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.detect.elastic.ErrorMessageSpike;
import io.trailwarden.detect.elastic.RareApiForUser;
import io.trailwarden.detect.elastic.RareAsnOrg;
import io.trailwarden.detect.elastic.RareCityForApi;
import io.trailwarden.detect.elastic.RareCountryForApi;
import io.trailwarden.detect.elastic.RareErrorCode;
import io.trailwarden.detect.expel.HostingProviderIp;
import io.trailwarden.detect.expel.MultiKeyRecon;
import io.trailwarden.detect.expel.NewUserAgent;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.detect.expel.RareEventPrevalence;
import io.trailwarden.detect.sentinel.FailedApiSpike;
import io.trailwarden.detect.splunk.NewApiForRole;
import java.util.List;

/** Every detection Trailwarden has, in the order they run and are listed (seed order). */
public final class Detections {
    private static final List<DetectionInfo> ALL = List.of(
            FailedApiSpike.INFO,
            NewApiForRole.INFO,
            RareCountryForApi.INFO,
            RareCityForApi.INFO,
            RareApiForUser.INFO,
            RareErrorCode.INFO,
            ErrorMessageSpike.INFO,
            RareAsnOrg.INFO,
            OffensiveUserAgent.INFO,
            NewUserAgent.INFO,
            HostingProviderIp.INFO,
            MultiKeyRecon.INFO,
            RareEventPrevalence.INFO
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
