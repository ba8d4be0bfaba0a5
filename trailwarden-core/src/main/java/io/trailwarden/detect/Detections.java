package io.trailwarden.detect;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.detect.sentinel.FailedApiSpike;
import io.trailwarden.detect.splunk.NewApiForRole;
import java.util.List;

/** Every detection Trailwarden has, in the order they run and are listed. */
public final class Detections {
    private static final List<DetectionInfo> ALL = List.of(
            FailedApiSpike.INFO,
            NewApiForRole.INFO,
            OffensiveUserAgent.INFO
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
