package io.trailwarden.config;

import io.trailwarden.detect.Detector;
import java.util.List;
import java.util.function.Function;

/**
 * A detection's metadata: id, what it finds, the seed it implements, MITRE techniques, its
 * parameters with defaults, and how to build it from parameter values.
 */
public record DetectionInfo(String id, String title, String seed, List<String> mitre, List<Param> params,
                            Function<Params, Detector<?>> factory) {

    public Detector<?> create(Params p) {
        return factory.apply(p);
    }
}
