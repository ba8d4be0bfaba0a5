package io.trailwarden.detect;

import java.util.function.Predicate;

/**
 * A memo of a pure test on names (is this event name a sensitive API?), for tests too costly to run
 * per event (lower-casing, prefix and substring scans). Direct-mapped like {@link PairKeyCache}: fixed
 * memory that cannot grow with attacker-chosen names, a colliding name replaces its slot and is tested
 * again. Names are compared by identity first (the decoder interns them), then by {@code equals}.
 * Not thread-safe. Null is never cached: the caller decides what null means.
 *
 * <p>A slot's name and flag sit side by side in one array (the flag as {@link Boolean#TRUE} or
 * {@link Boolean#FALSE}, read by identity, never dereferenced): a test reads one cache line, where parallel
 * name and flag arrays read two.
 */
public final class NameFlags {
    private final Predicate<String> test;
    /** Slot i: [2i] the name (null: empty), [2i+1] Boolean.TRUE or Boolean.FALSE. */
    private final Object[] table;
    private final int mask;

    /** @param slots rounded up to a power of two (1 is allowed: every entry collides) */
    public NameFlags(Predicate<String> test, int slots) {
        int n = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.test = test;
        this.table = new Object[2 * n];
        this.mask = n - 1;
    }

    /** {@code test(name)}, computed once per name while it keeps its slot. */
    public boolean test(String name) {
        int h = name.hashCode();
        int i = 2 * ((h ^ (h >>> 16)) & mask);
        Object[] t = table;
        Object cached = t[i];
        if (cached == name || (cached != null && cached.equals(name))) {
            return t[i + 1] == Boolean.TRUE;
        }
        boolean f = test.test(name);
        t[i] = name;
        t[i + 1] = f ? Boolean.TRUE : Boolean.FALSE;
        return f;
    }
}
