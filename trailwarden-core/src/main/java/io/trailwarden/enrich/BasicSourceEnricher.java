package io.trailwarden.enrich;

import java.util.HashMap;
import java.util.Map;

/** Classifies sources without any geo database: services, private, public and invalid addresses. */
public final class BasicSourceEnricher implements SourceEnricher {
    private final Map<String, SourceInfo> cache = new HashMap<>();

    @Override
    public SourceInfo enrich(String value) {
        String key = value == null ? "" : value;
        return cache.computeIfAbsent(key, BasicSourceEnricher::classify);
    }

    private static SourceInfo classify(String v) {
        if (v.isEmpty()) {
            return new SourceInfo(v, NetworkClass.UNKNOWN, false, null, null, 0, null);
        }
        if (v.startsWith("AWS Internal") || v.endsWith(".amazonaws.com")) {
            return new SourceInfo(v, NetworkClass.AWS_SERVICE, false, null, null, 0, null);
        }
        if (v.startsWith("10.") || v.startsWith("192.168.") || v.startsWith("127.")) {
            return new SourceInfo(v, NetworkClass.PRIVATE, false, null, null, 0, null);
        }
        boolean ip = v.matches("(\\d{1,3}\\.){3}\\d{1,3}") || v.contains(":");
        return new SourceInfo(v, NetworkClass.UNKNOWN, ip, null, null, 0, null);
    }
}
