package io.trailwarden.detect.elastic;

import java.util.Arrays;

/**
 * A partition's values and their {@link Hours} arrays: the map every rarity event looks up, so it is
 * laid out for that look-up. Open addressing with linear probing, at most half full, each key next to
 * its value in one array: a hit reads one slot (usually one cache line) and compares by identity, where
 * a HashMap reads its table, then a node. Values are interned event names or error codes, so identity
 * usually decides; {@code equals} is the fallback for values that are not (restored from state, tests),
 * taken only when the slot's stored hash matches, so a probe past another value does not read its string.
 *
 * <p>No removal on the event path: {@link #pruneBefore} (a daily clean-up) rebuilds the table instead,
 * so there are no tombstones. Iteration order is the table's: the codec sorts.
 */
final class ValueHours {
    private static final int MIN_SLOTS = 8;

    /** Slot i: [2i] the value (null: free), [2i+1] its hours, never empty. */
    private Object[] table = new Object[2 * MIN_SLOTS];
    /** Slot i: the hash of its value. */
    private int[] hashes = new int[MIN_SLOTS];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The hours of {@code value}, or null. */
    int[] get(String value) {
        int i = find(value);
        return i < 0 ? null : hoursAt(i);
    }

    /**
     * The slot of {@code value}, or -1: with {@link #hoursAt} and {@link #setAt}, a caller that reads then
     * replaces a value's hours probes once. A slot stays valid until the next {@link #put} of a new value or
     * {@link #pruneBefore}, which may move every entry.
     */
    int find(String value) {
        Object[] t = table;
        int mask = (t.length >> 1) - 1;
        int h = value.hashCode();
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            Object k = t[2 * i];
            if (k == value) {
                return i;
            }
            if (k == null) {
                return -1;
            }
            if (hashes[i] == h && k.equals(value)) {
                return i;
            }
        }
    }

    int[] hoursAt(int slot) {
        return (int[]) table[2 * slot + 1];
    }

    /** Replaces the hours in a slot {@link #find} returned (a non-empty array). */
    void setAt(int slot, int[] hours) {
        table[2 * slot + 1] = hours;
    }

    /** Sets the hours of {@code value} (a non-empty array); returns its slot. */
    int put(String value, int[] hours) {
        if (2 * (size + 1) > (table.length >> 1)) {
            rebuild(2 * table.length); // double the slots
        }
        return insert(value, hours);
    }

    /** Puts without growing; returns the value's slot. */
    private int insert(String value, int[] hours) {
        Object[] t = table;
        int mask = (t.length >> 1) - 1;
        int h = value.hashCode();
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            Object k = t[2 * i];
            if (k == null) {
                t[2 * i] = value;
                t[2 * i + 1] = hours;
                hashes[i] = h;
                size++;
                return i;
            }
            if (k == value || hashes[i] == h && k.equals(value)) {
                t[2 * i + 1] = hours;
                return i;
            }
        }
    }

    /**
     * Forgets every hour before {@code from}, and the values left without hours; returns the oldest hour
     * left, or {@link Integer#MAX_VALUE}.
     */
    int pruneBefore(int from) {
        int oldest = Integer.MAX_VALUE;
        int removed = 0;
        Object[] t = table;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] == null) {
                continue;
            }
            int[] h = Hours.pruneBefore((int[]) t[i + 1], from);
            if (h.length == 0) {
                t[i + 1] = Hours.NONE; // dropped by the rebuild below
                removed++;
            } else {
                t[i + 1] = h;
                oldest = Math.min(oldest, h[0]);
            }
        }
        if (removed > 0) {
            int keep = size - removed;
            int slots = MIN_SLOTS;
            while (2 * keep > slots) {
                slots <<= 1;
            }
            rebuild(2 * slots);
        }
        return oldest;
    }

    /** Moves the entries with hours into a new table of {@code length} (= 2 × slots). */
    private void rebuild(int length) {
        Object[] old = table;
        table = new Object[length];
        hashes = new int[length >> 1];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != null && ((int[]) old[i + 1]).length > 0) {
                insert((String) old[i], (int[]) old[i + 1]);
            }
        }
    }

    /** The values, sorted (for the codec). */
    String[] sortedValues() {
        String[] r = new String[size];
        int n = 0;
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != null) {
                r[n++] = (String) table[i];
            }
        }
        Arrays.sort(r);
        return r;
    }

    /** Slots in use (tests: the table shrinks after pruning). */
    int slots() {
        return table.length >> 1;
    }

    /** String.hashCode mixed: event names of one service share prefixes, and their low bits cluster. */
    private static int slot(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
