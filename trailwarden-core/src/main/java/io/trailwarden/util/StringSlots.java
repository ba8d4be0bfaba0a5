package io.trailwarden.util;

import java.util.Arrays;

/**
 * The probing shared by the engine's open-addressing tables keyed by strings ({@code SeenTable},
 * {@code ProfileTable}, {@code DayPairs}): keys in a {@code String[]} whose length is a power of two, each key's
 * {@code hashCode()} in a parallel {@code int[]}, linear probing, at most half full, no removal (a table is rebuilt
 * instead, so there are no tombstones). A probe compares the same instance first (the decoder interns), then the
 * stored hash, and touches another key's characters only when the hashes are equal.
 */
public final class StringSlots {
    private StringSlots() {
    }

    /** The slot of {@code key} (whose hash is {@code h}), or -1. */
    public static int find(String[] keys, int[] hashes, String key, int h) {
        int i = findOrFree(keys, hashes, key, h);
        return i < 0 ? -1 : i;
    }

    /**
     * The slot of {@code key} (whose hash is {@code h}) when present, else {@code -1 - free}, where {@code free}
     * is the slot it goes in: one probe where {@link #find} then {@link #freeSlot} would walk the same slots twice.
     */
    public static int findOrFree(String[] keys, int[] hashes, String key, int h) {
        int mask = keys.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String x = keys[i];
            if (x == key) {
                return i;
            }
            if (x == null) {
                return -1 - i;
            }
            if (hashes[i] == h && x.equals(key)) {
                return i;
            }
        }
    }

    /** The free slot where a key with hash {@code h}, known to be absent, goes. */
    public static int freeSlot(String[] keys, int h) {
        int mask = keys.length - 1;
        int i = spread(h) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The smallest power of two of at least {@code min} slots that holds {@code entries} at most half full. */
    public static int slotsFor(int entries, int min) {
        int slots = min;
        while (2 * entries > slots) {
            slots <<= 1;
        }
        return slots;
    }

    /** The {@code size} keys of the table, sorted (snapshots write them in this order). */
    public static String[] sortedKeys(String[] keys, int size) {
        String[] r = new String[size];
        int n = 0;
        for (String k : keys) {
            if (k != null) {
                r[n++] = k;
            }
        }
        Arrays.sort(r);
        return r;
    }

    /**
     * {@code String.hashCode} mixed: keys of one kind (principal ARNs, IPs of one subnet, API names) share long
     * prefixes, and the low bits of their hashes cluster.
     */
    public static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
