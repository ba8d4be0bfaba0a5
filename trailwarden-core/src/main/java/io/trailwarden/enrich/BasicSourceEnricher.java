package io.trailwarden.enrich;

import java.util.HashMap;
import java.util.Map;

/**
 * Classifies sources without any geo database: AWS services, private, and invalid values are classified as
 * usual; every public address is {@code unknown} with no country, city or AS. For runs that want no geo at all.
 * Not thread-safe (a plain HashMap cache, bounded by clearing when full): one instance per thread.
 */
public final class BasicSourceEnricher implements SourceEnricher {
    private static final int MAX = 100_000;
    private final Map<String, SourceInfo> cache = new HashMap<>();

    @Override
    public SourceInfo enrich(String value) {
        String key = value == null ? "" : value;
        SourceInfo info = cache.get(key);
        if (info == null) {
            info = classify(key);
            if (cache.size() >= MAX) {
                cache.clear();
            }
            cache.put(key, info);
        }
        return info;
    }

    private static SourceInfo classify(String v) {
        if (NetworkClassifier.isServiceName(v)) {
            return new SourceInfo(v, NetworkClass.AWS_SERVICE, false, null, null, 0, null);
        }
        IpAddress ip = IpAddress.parse(v);
        if (ip == null) {
            return new SourceInfo(v, NetworkClass.UNKNOWN, false, null, null, 0, null);
        }
        if (ip.isPrivate()) {
            return new SourceInfo(v, NetworkClass.PRIVATE, false, null, null, 0, null);
        }
        return new SourceInfo(v, NetworkClass.UNKNOWN, true, null, null, 0, null);
    }
}
