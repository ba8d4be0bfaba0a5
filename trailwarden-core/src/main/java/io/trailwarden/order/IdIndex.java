package io.trailwarden.order;

/**
 * The index of {@link DuplicateFilter}'s ring: eventID hash → ring position, by open addressing with linear
 * probing over one {@code long[]} (the hash in the high half, the position in the low half; 0 marks an empty
 * slot, so a stored hash is never 0). The IDs themselves stay in the ring; the caller passes the ring's ID
 * array to the calls that compare IDs, and they read an ID only on equal hashes.
 *
 * <p>Why not a set of strings: a probe there reads a key array and a hash array, two cache misses per event
 * in a table of tens of thousands of entries; here adding a new ID (nearly every event) and removing the
 * oldest read one array, mostly one cache line, and removal compares numbers only.
 *
 * <p>Why strings and not the UUIDs parsed into two longs: parsing reads all 36 characters of every eventID
 * and branches on each. Measured on the engine bench, parsing cost more than the map it replaced.
 *
 * <p>The capacity is a power of two and doubles past half full, which keeps probe runs short. Removal shifts
 * the following entries of the run back (no tombstones), so lookups never slow down with churn: this index sees
 * one insertion and one removal per event.
 */
final class IdIndex {
    private long[] slots;
    private int shift; // 32 - log2(capacity)
    private int size;

    IdIndex(int capacity) {
        allocate(Integer.highestOneBit(Math.max(2, capacity - 1)) << 1);
    }

    private void allocate(int capacity) {
        slots = new long[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    /**
     * The hash of an ID: {@link String#hashCode}, computed once per string and cached in it, with 0 (the empty
     * slot) mapped to 1. Tried and dropped: mixing the characters 8 at a time (xxHash64-style rounds), to break
     * the 36-step dependency chain. On fresh UUID strings both cost the same (about 20 ns, bound by reading the
     * string), and the string's cached hash is lost.
     */
    static int hash(String id) {
        int h = id.hashCode();
        return h != 0 ? h : 1;
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }

    /** The home slot: Fibonacci hashing takes the top bits of the scrambled hash, so weak low bits do not cluster. */
    int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static long entry(int hash, int position) {
        return (long) hash << 32 | (position & 0xFFFFFFFFL);
    }

    /** The ring position of the ID equal to {@code key} (with {@code hash}, non-zero), or -1. */
    int find(String key, int hash, String[] ids) {
        int mask = slots.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            long e = slots[i];
            if (e == 0) {
                return -1;
            }
            if ((int) (e >>> 32) == hash) {
                String k = ids[(int) e];
                if (k == key || k.equals(key)) {
                    return (int) e;
                }
            }
        }
    }

    /** Indexes {@code key} (with {@code hash}, non-zero) at {@code position} unless an equal ID is indexed; false then. */
    boolean add(String key, int hash, int position, String[] ids) {
        int mask = slots.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            long e = slots[i];
            if (e == 0) {
                break;
            }
            if ((int) (e >>> 32) == hash) {
                String k = ids[(int) e];
                if (k == key || k.equals(key)) {
                    return false;
                }
            }
        }
        slots[i] = entry(hash, position);
        if (++size > slots.length >>> 1) {
            grow();
        }
        return true;
    }

    /** Removes the entry of {@code position} (indexed with {@code hash}); false when there is none. */
    boolean remove(int hash, int position) {
        long target = entry(hash, position);
        int mask = slots.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            long e = slots[i];
            if (e == target) {
                break;
            }
            if (e == 0) {
                return false;
            }
        }
        // Backward-shift deletion: walk the run after the hole; an entry whose home is not cyclically in
        // (hole, j] would become unreachable behind the hole, so it moves into the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
            long e = slots[j];
            if (e == 0) {
                break;
            }
            if (((j - home((int) (e >>> 32))) & mask) >= ((j - hole) & mask)) {
                slots[hole] = e;
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        return true;
    }

    /** Forgets every entry (the ring was rearranged: the caller indexes it again). */
    void clear() {
        java.util.Arrays.fill(slots, 0);
        size = 0;
    }

    /** Indexes a position whose ID is known to be absent (re-indexing after {@link #clear}). */
    void put(int hash, int position) {
        int mask = slots.length - 1;
        int i = home(hash);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = entry(hash, position);
        if (++size > slots.length >>> 1) {
            grow();
        }
    }

    private void grow() {
        long[] old = slots;
        allocate(old.length << 1);
        int mask = slots.length - 1;
        for (long e : old) {
            if (e != 0) {
                int j = home((int) (e >>> 32));
                while (slots[j] != 0) {
                    j = (j + 1) & mask;
                }
                slots[j] = e;
            }
        }
    }
}
