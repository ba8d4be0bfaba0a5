package io.trailwarden.util;

import java.util.function.Function;

/**
 * A memo of a function of strings, keyed by the string's identity: for values the decoder interns (source IPs,
 * user agents), whose equal occurrences are one instance, so a hit costs one hash read and one reference compare
 * where a map would compare characters. Direct-mapped: a slot keeps the last key that hashed to it, so memory is
 * fixed; a colliding key, or an equal string in another instance, just calls the function again, which must
 * therefore be pure (or cached itself). Null keys are not memoised. Not thread-safe.
 */
public final class IdentityMemo<V> {
    private final Function<String, V> function;
    /** Slot i: [2i] the key (null: empty), [2i+1] its value; side by side, one cache line. */
    private final Object[] table;
    private final int mask;

    /** @param slots rounded up to a power of two */
    public IdentityMemo(Function<String, V> function, int slots) {
        int n = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.function = function;
        this.table = new Object[2 * n];
        this.mask = n - 1;
    }

    @SuppressWarnings("unchecked")
    public V get(String key) {
        if (key == null) {
            return function.apply(null);
        }
        int h = key.hashCode();
        int i = 2 * ((h ^ (h >>> 16)) & mask);
        Object[] t = table;
        if (t[i] == key) {
            return (V) t[i + 1];
        }
        V v = function.apply(key);
        t[i] = key;
        t[i + 1] = v;
        return v;
    }
}
