package io.trailwarden.detect.expel;

import io.trailwarden.util.StringSlots;

/**
 * Principal key → two epoch days (the day of the last call, and of the last call before that day), for one
 * API of {@link RareEventPrevalence}. Every event of the organisation records its principal here, so the
 * layout is for that look-up: open addressing with linear probing (at most half full), the keys in one array,
 * their hashes in an {@code int[]} and the two days side by side in another {@code int[]}. A hit on an
 * interned key reads the key slot and the days, two independent loads, where a {@code HashMap<String, int[]>}
 * chases table, node and array one after the other; a key that is not the same instance is compared by its
 * stored hash before {@code equals}. The last principal recorded and its slot are remembered, so a repeat of
 * it skips the probe. No removal on the event path: {@link #forgetBefore} (daily) rebuilds the table.
 */
final class DayPairs {
    /** No day: the second day of a principal that called on one day only. */
    static final int NONE = Integer.MIN_VALUE;
    private static final int MIN_SLOTS = 4;

    private String[] keys = new String[MIN_SLOTS];
    private int[] hashes = new int[MIN_SLOTS];
    /** Slot i: [2i] the day of the last call, [2i+1] the day of the last call before that day, or NONE. */
    private int[] days = new int[2 * MIN_SLOTS];
    private int size;
    private String memoKey;
    private int memoSlot;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Records a call by {@code principal} on {@code day} (calls may come late, from earlier days). */
    void record(String principal, int day) {
        int i;
        if (principal == memoKey) {
            i = memoSlot;
        } else {
            int h = principal.hashCode();
            i = StringSlots.findOrFree(keys, hashes, principal, h);
            if (i < 0) {
                i = insert(principal, h, -1 - i, day, NONE);
            }
            memoKey = principal;
            memoSlot = i;
        }
        int[] d = days;
        int last = d[2 * i];
        if (day > last) {
            d[2 * i + 1] = last;
            d[2 * i] = day;
        } else if (day < last && day > d[2 * i + 1]) {
            d[2 * i + 1] = day; // a late event from an earlier day
        }
    }

    /** Sets the two days of {@code principal} (restoring a snapshot). */
    void put(String principal, int last, int before) {
        int h = principal.hashCode();
        int i = find(principal, h);
        if (i < 0) {
            insert(principal, h, -1, last, before);
        } else {
            days[2 * i] = last;
            days[2 * i + 1] = before;
        }
    }

    /** {last, before} of {@code principal} (a copy), or null. */
    int[] get(String principal) {
        int i = find(principal, principal.hashCode());
        return i < 0 ? null : new int[] {days[2 * i], days[2 * i + 1]};
    }

    /** Forgets the principals whose last call was before {@code firstKept}. */
    void forgetBefore(int firstKept) {
        int removed = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && days[2 * i] < firstKept) {
                removed++;
            }
        }
        if (removed > 0) {
            rebuild(StringSlots.slotsFor(size - removed, MIN_SLOTS), firstKept);
        }
    }

    // Iteration by slot, without allocating: for (i < slots()) if keyAt(i) != null ...

    int slots() {
        return keys.length;
    }

    /** The principal in slot {@code i}, or null for a free slot. */
    String keyAt(int i) {
        return keys[i];
    }

    int lastAt(int i) {
        return days[2 * i];
    }

    int beforeAt(int i) {
        return days[2 * i + 1];
    }

    /** The principals, sorted (for the codec and tests). */
    String[] sortedKeys() {
        return StringSlots.sortedKeys(keys, size);
    }

    private int find(String key, int h) {
        return StringSlots.find(keys, hashes, key, h);
    }

    /**
     * Adds a key known to be absent, growing first when needed; returns its slot. {@code free} is the slot a probe
     * of this table already found for it ({@link StringSlots#findOrFree}), or -1 to probe here.
     */
    private int insert(String key, int h, int free, int last, int before) {
        if (2 * (size + 1) > keys.length) {
            rebuild(2 * keys.length, Integer.MIN_VALUE);
            free = -1;
        }
        int i = free >= 0 ? free : StringSlots.freeSlot(keys, h);
        keys[i] = key;
        hashes[i] = h;
        days[2 * i] = last;
        days[2 * i + 1] = before;
        size++;
        return i;
    }

    /** Moves the entries whose last day is at least {@code firstKept} into a table of {@code slots}; forgets the memo. */
    private void rebuild(int slots, int firstKept) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldDays = days;
        keys = new String[slots];
        hashes = new int[slots];
        days = new int[2 * slots];
        size = 0;
        memoKey = null;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null && oldDays[2 * j] >= firstKept) {
                insert(oldKeys[j], oldHashes[j], -1, oldDays[2 * j], oldDays[2 * j + 1]);
            }
        }
    }
}
