package io.trailwarden.order;

/**
 * A set of 128-bit keys (two longs) by open addressing with linear probing: one {@code long[]} holding the
 * pairs side by side, so a lookup touches one or two cache lines and allocates nothing. (0, 0) marks a free
 * slot and cannot be stored. The capacity is a power of two and doubles past half full, which keeps probe
 * runs short. Removal shifts the following entries of the run back (no tombstones), so lookups never slow
 * down with churn: this set sees one insertion and one removal per event.
 */
final class UuidSet {
    private long[] slots; // slots[2i] = hi, slots[2i + 1] = lo
    private int mask; // capacity - 1
    private int size;

    UuidSet(int capacity) {
        int c = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new long[2 * c];
        mask = c - 1;
    }

    int size() {
        return size;
    }

    int capacity() {
        return mask + 1;
    }

    /** The home slot: a murmur3-style finaliser mixes both halves, so non-random IDs spread too. */
    int home(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    boolean contains(long hi, long lo) {
        for (int i = home(hi, lo); ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == hi && l == lo) {
                return true;
            }
            if ((h | l) == 0) {
                return false;
            }
        }
    }

    /** Adds the key; false when it was present. */
    boolean add(long hi, long lo) {
        assert (hi | lo) != 0 : "(0, 0) marks a free slot";
        int i = home(hi, lo);
        for (; ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == hi && l == lo) {
                return false;
            }
            if ((h | l) == 0) {
                break;
            }
        }
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        if (++size > (mask + 1) >>> 1) {
            grow();
        }
        return true;
    }

    /** Removes the key; false when it was absent. */
    boolean remove(long hi, long lo) {
        int i = home(hi, lo);
        for (; ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == hi && l == lo) {
                break;
            }
            if ((h | l) == 0) {
                return false;
            }
        }
        // Backward-shift deletion: walk the run after the hole; an entry whose home is not in (hole, j]
        // cyclically would become unreachable behind the hole, so it moves into the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
            long h = slots[2 * j];
            long l = slots[2 * j + 1];
            if ((h | l) == 0) {
                break;
            }
            int k = home(h, l);
            if (((j - k) & mask) >= ((j - hole) & mask)) {
                slots[2 * hole] = h;
                slots[2 * hole + 1] = l;
                hole = j;
            }
        }
        slots[2 * hole] = 0;
        slots[2 * hole + 1] = 0;
        size--;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = (mask << 1) | 1;
        for (int i = 0; i < old.length; i += 2) {
            long h = old[i];
            long l = old[i + 1];
            if ((h | l) != 0) {
                int j = home(h, l);
                while ((slots[2 * j] | slots[2 * j + 1]) != 0) {
                    j = (j + 1) & mask;
                }
                slots[2 * j] = h;
                slots[2 * j + 1] = l;
            }
        }
    }
}
