package io.trailwarden.detect;

import java.util.function.Predicate;

/**
 * A memo of a pure test on names (is this event name a sensitive API?), for tests too costly to run
 * per event (lower-casing, prefix and substring scans). Direct-mapped like {@link PairKeyCache}: fixed
 * memory that cannot grow with attacker-chosen names, a colliding name replaces its slot and is tested
 * again. Names are compared by identity first (the decoder interns them), then by {@code equals}.
 * Not thread-safe. Null is never cached: the caller decides what null means.
 */
public final class NameFlags {
    private final Predicate<String> test;
    private final String[] names;
    private final boolean[] flags;
    private final int mask;

    /** @param slots rounded up to a power of two (1 is allowed: every entry collides) */
    public NameFlags(Predicate<String> test, int slots) {
        int n = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.test = test;
        this.names = new String[n];
        this.flags = new boolean[n];
        this.mask = n - 1;
    }

    /** {@code test(name)}, computed once per name while it keeps its slot. */
    public boolean test(String name) {
        int h = name.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        String cached = names[i];
        if (cached == name || (cached != null && cached.equals(name))) {
            return flags[i];
        }
        boolean f = test.test(name);
        names[i] = name;
        flags[i] = f;
        return f;
    }
}
