package io.trailwarden.profile;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** What one principal used, with first/last seen and counts; kept for the profile's retention (90 days). */
public final class Profile {
    final String key;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    long events;
    final EnumMap<Dimension, HashMap<String, Seen>> values = new EnumMap<>(Dimension.class);

    Profile(String key) {
        this.key = key;
        for (Dimension d : Dimension.values()) {
            values.put(d, new HashMap<>());
        }
    }

    public String key() { return key; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public long events() { return events; }

    /** The values of one dimension with their first/last use and counts. */
    public Map<String, Seen> values(Dimension d) {
        return java.util.Collections.unmodifiableMap(values.get(d));
    }
}
