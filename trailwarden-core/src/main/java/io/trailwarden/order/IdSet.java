package io.trailwarden.order;

/**
 * A set of strings by open addressing with linear probing, keeping each key's hash in an {@code int[]} beside
 * the key: a probe compares the stored hashes and touches a key's characters only on equal hashes, and
 * {@link #removeSame} (removal of the very instance that was added) touches no characters at all.
 *
 * <p>Why strings and not the UUIDs parsed into two longs: parsing reads all 36 characters of every eventID,
 * while {@link String#hashCode} is computed once per string and cached in it. Measured on the engine bench,
 * parsing cost more than the map it replaced.
 *
 * <p>The capacity is a power of two and doubles past half full, which keeps probe runs short. Removal shifts
 * the following entries of the run back (no tombstones), so lookups never slow down with churn: this set sees
 * one insertion and one removal per event.
 */
final class IdSet {
    private String[] keys;
    private int[] hashes;
    private int shift; // 32 - log2(capacity)
    private int size;

    IdSet(int capacity) {
        allocate(Integer.highestOneBit(Math.max(2, capacity - 1)) << 1);
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        hashes = new int[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    int size() {
        return size;
    }

    int capacity() {
        return keys.length;
    }

    /** The home slot: Fibonacci hashing takes the top bits of the scrambled hash, so weak low bits do not cluster. */
    int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    boolean contains(String key) {
        int hash = key.hashCode();
        int mask = keys.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return false;
            }
            if (hashes[i] == hash && (k == key || k.equals(key))) {
                return true;
            }
        }
    }

    /** Adds the key; false when an equal key was present. */
    boolean add(String key) {
        int hash = key.hashCode();
        int mask = keys.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                break;
            }
            if (hashes[i] == hash && (k == key || k.equals(key))) {
                return false;
            }
        }
        keys[i] = key;
        hashes[i] = hash;
        if (++size > keys.length >>> 1) {
            grow();
        }
        return true;
    }

    /** Removes the very instance {@code key} (compared by identity); false when it is not in the set. */
    boolean removeSame(String key, int hash) {
        int mask = keys.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == key) {
                break;
            }
            if (k == null) {
                return false;
            }
        }
        // Backward-shift deletion: walk the run after the hole; an entry whose home is not cyclically in
        // (hole, j] would become unreachable behind the hole, so it moves into the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
            String k = keys[j];
            if (k == null) {
                break;
            }
            int h = hashes[j];
            if (((j - home(h)) & mask) >= ((j - hole) & mask)) {
                keys[hole] = k;
                hashes[hole] = h;
                hole = j;
            }
        }
        keys[hole] = null;
        hashes[hole] = 0;
        size--;
        return true;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        allocate(oldKeys.length << 1);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int j = home(oldHashes[i]);
                while (keys[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                hashes[j] = oldHashes[i];
            }
        }
    }
}
