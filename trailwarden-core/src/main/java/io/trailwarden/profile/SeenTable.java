package io.trailwarden.profile;

import io.trailwarden.util.StringSlots;
import io.trailwarden.util.Times;

/**
 * One dimension of one profile: each value with its first/last use, last use before the hour of the last
 * use, and count. Every event stamps up to seven of these, so the layout is for that look-up: open
 * addressing with linear probing (at most half full), the values in one array, their four numbers side by
 * side in a {@code long[]} (stride 4), and each value's hash in an {@code int[]}. A hit on an interned value
 * reads the key slot and the numbers, two independent loads, where a {@code HashMap<String, Seen>} chases
 * table, node and {@code Seen} one after the other. A key that is not the same instance is compared by its
 * stored hash before {@code equals}, so a probe past other values does not touch their strings.
 *
 * <p>The last value stamped and its slot are remembered (a principal mostly keeps its IP, agent, region):
 * a repeat of the same instance skips even the probe. Slots only move when the table is rebuilt (growth,
 * {@link #removeLastBefore}), which forgets that memo. No removal on the event path, so no tombstones.
 */
final class SeenTable {
    private static final int MIN_SLOTS = 4;
    private static final int FIRST = 0;
    private static final int LAST = 1;
    /** The last use before the hour of the last use: what "as of the start of the hour" reads. */
    private static final int LAST_BEFORE_HOUR = 2;
    private static final int COUNT = 3;

    private String[] keys = new String[MIN_SLOTS];
    private int[] hashes = new int[MIN_SLOTS];
    private long[] data = new long[4 * MIN_SLOTS];
    private int size;
    private String memoValue;
    private int memoSlot;

    int size() {
        return size;
    }

    /**
     * Returns what was known of {@code value} before {@code hour} ({@link History#NEVER} when new or first
     * used in this hour), then records its use at {@code t}.
     */
    long stamp(String value, long t, long hour) {
        int i;
        if (value == memoValue) {
            i = memoSlot;
        } else {
            int h = value.hashCode();
            i = StringSlots.findOrFree(keys, hashes, value, h);
            if (i < 0) {
                i = insert(value, h, -1 - i, t, t, History.NEVER, 1);
                remember(value, i);
                return History.NEVER;
            }
            remember(value, i);
        }
        long[] d = data;
        int o = 4 * i;
        long first = d[o + FIRST];
        long last = d[o + LAST];
        long lastBeforeHour = d[o + LAST_BEFORE_HOUR];
        long known = first < hour ? (last < hour ? last : lastBeforeHour) : History.NEVER;
        if (t >= last) {
            if (last < hour) {
                d[o + LAST_BEFORE_HOUR] = last;
            }
            d[o + LAST] = t;
        } else if (t < Times.hourStart(last) && t > lastBeforeHour) {
            d[o + LAST_BEFORE_HOUR] = t; // a late event from an hour before the last use's hour
        }
        if (t < first) {
            d[o + FIRST] = t;
        }
        d[o + COUNT]++;
        return known;
    }

    /** The value's numbers as a {@link Seen}, or null when absent. */
    Seen get(Object value) {
        if (!(value instanceof String)) {
            return null;
        }
        String v = (String) value;
        int i = find(v, v.hashCode());
        return i < 0 ? null : seenAt(i);
    }

    /** Sets the numbers of {@code value} (restoring a snapshot). */
    void put(String value, long first, long last, long lastBeforeHour, long count) {
        int h = value.hashCode();
        int i = find(value, h);
        if (i < 0) {
            insert(value, h, -1, first, last, lastBeforeHour, count);
        } else {
            set(i, first, last, lastBeforeHour, count);
        }
    }

    /** Forgets the values last used before {@code cutoff}. */
    void removeLastBefore(long cutoff) {
        int removed = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && data[4 * i + LAST] < cutoff) {
                removed++;
            }
        }
        if (removed > 0) {
            rebuild(StringSlots.slotsFor(size - removed, MIN_SLOTS), cutoff);
        }
    }

    /** The values in slot order (nulls are free slots); with {@link #seenAt} for iteration. */
    String[] slotKeys() {
        return keys;
    }

    Seen seenAt(int i) {
        int o = 4 * i;
        return new Seen(data[o + FIRST], data[o + LAST], data[o + LAST_BEFORE_HOUR], data[o + COUNT]);
    }

    /** The values, sorted (for the codec). */
    String[] sortedValues() {
        return StringSlots.sortedKeys(keys, size);
    }

    /** Slots in the table (tests: growth and shrinking). */
    int slots() {
        return keys.length;
    }

    private void remember(String value, int slot) {
        memoValue = value;
        memoSlot = slot;
    }

    /** The slot of {@code value} (with hash {@code h}), or -1. */
    private int find(String value, int h) {
        return StringSlots.find(keys, hashes, value, h);
    }

    /**
     * Adds a value known to be absent, growing first when needed; returns its slot. {@code free} is the slot a
     * probe of this table already found for it ({@link StringSlots#findOrFree}), or -1 to probe here.
     */
    private int insert(String value, int h, int free, long first, long last, long lastBeforeHour, long count) {
        if (2 * (size + 1) > keys.length) {
            rebuild(2 * keys.length, Long.MIN_VALUE);
            free = -1;
        }
        int i = free >= 0 ? free : StringSlots.freeSlot(keys, h);
        keys[i] = value;
        hashes[i] = h;
        set(i, first, last, lastBeforeHour, count);
        size++;
        return i;
    }

    private void set(int i, long first, long last, long lastBeforeHour, long count) {
        int o = 4 * i;
        data[o + FIRST] = first;
        data[o + LAST] = last;
        data[o + LAST_BEFORE_HOUR] = lastBeforeHour;
        data[o + COUNT] = count;
    }

    /** Moves the values last used at or after {@code keepFrom} into a table of {@code slots}; forgets the memo. */
    private void rebuild(int slots, long keepFrom) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldData = data;
        keys = new String[slots];
        hashes = new int[slots];
        data = new long[4 * slots];
        size = 0;
        memoValue = null;
        for (int j = 0; j < oldKeys.length; j++) {
            int o = 4 * j;
            if (oldKeys[j] != null && oldData[o + LAST] >= keepFrom) {
                insert(oldKeys[j], oldHashes[j], -1, oldData[o + FIRST], oldData[o + LAST], oldData[o + LAST_BEFORE_HOUR],
                        oldData[o + COUNT]);
            }
        }
    }
}
