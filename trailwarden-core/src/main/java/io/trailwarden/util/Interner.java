package io.trailwarden.util;

import java.util.HashMap;

/**
 * Canonicalises repeated strings (event names, sources, regions, ARNs) so millions of events share
 * a few thousand instances. Not thread-safe: one per decoding thread. Bounded: it forgets everything
 * when full, which costs a little sharing and never correctness.
 */
public final class Interner {
    private final HashMap<String, String> map = new HashMap<>(4096);
    private final int capacity;

    public Interner(int capacity) {
        this.capacity = capacity;
    }

    public String intern(String s) {
        if (s == null) {
            return null;
        }
        String c = map.putIfAbsent(s, s);
        if (c != null) {
            return c;
        }
        if (map.size() > capacity) {
            map.clear();
        }
        return s;
    }
}
