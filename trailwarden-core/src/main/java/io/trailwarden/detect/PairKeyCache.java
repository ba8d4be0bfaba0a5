package io.trailwarden.detect;

import io.trailwarden.util.StringSlots;

/**
 * A state key made of two strings, {@code first + separator + second}, built once per distinct pair
 * instead of once per event: the same (access key, ARN) or (country, city) comes back millions of
 * times, and a fresh string each time costs an allocation, a hash computation and a full
 * {@code equals} in every map it is looked up in, where a cached instance hits by identity.
 *
 * <p>Direct-mapped, as {@link io.trailwarden.util.Interner}: a slot holds the last pair that hashed to
 * it, so memory is fixed and nothing needs clearing; a colliding pair replaces the slot and is merely
 * built again. Parts are compared by identity first (the decoder interns them) and by {@code equals}
 * otherwise, so a part that is not interned (restored from state, built by a test) still hits and
 * never gets a wrong key. The three strings of a slot sit side by side in one array, one cache line.
 * Not thread-safe: one per detector instance, which the engine calls from one thread.
 */
public final class PairKeyCache {
    private final char separator;
    /** Slot i: [3i] first, [3i+1] second, [3i+2] the joined key; all null when empty. */
    private final String[] table;
    private final int mask;

    /** @param slots rounded up to a power of two (1 is allowed: every entry collides) */
    public PairKeyCache(char separator, int slots) {
        int n = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.separator = separator;
        this.table = new String[3 * n];
        this.mask = n - 1;
    }

    /** {@code first + separator + second}, the same instance while the pair keeps its slot. */
    public String join(String first, String second) {
        int i = 3 * (StringSlots.spread(31 * first.hashCode() + second.hashCode()) & mask);
        String joined = table[i + 2];
        if (joined != null && same(table[i], first) && same(table[i + 1], second)) {
            return joined;
        }
        joined = first + separator + second;
        table[i] = first;
        table[i + 1] = second;
        table[i + 2] = joined;
        return joined;
    }

    private static boolean same(String cached, String s) {
        return cached == s || cached.equals(s);
    }

}
