package io.trailwarden.order;

/**
 * A set of strings by open addressing with linear probing, keeping each key's hash in an {@code int[]} beside
 * the key. The caller computes the hash once with {@link #hash} and passes it to every call. A probe reads
 * only the {@code int[]} (a stored hash is never 0, so 0 marks an empty slot) and touches a key's characters
 * only on equal hashes; {@link #removeSame} (removal of the very instance that was added) touches no
 * characters at all. An unsuccessful probe, the common case (nearly every eventID is new), thus reads one
 * array, mostly one cache line.
 *
 * <p>Why strings and not the UUIDs parsed into two longs: parsing reads all 36 characters of every eventID
 * and branches on each. Measured on the engine bench, parsing cost more than the map it replaced.
 *
 * <p>The capacity is a power of two and doubles past half full, which keeps probe runs short. Removal shifts
 * the following entries of the run back (no tombstones), so lookups never slow down with churn: this set sees
 * one insertion and one removal per event.
 */
final class IdSet {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

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

    /**
     * The hash of an ID, never 0. {@link String#hashCode} is a chain of 36 dependent multiply-adds for a UUID,
     * computed on every eventID (each is a fresh string); this reads the characters 8 at a time into longs and
     * mixes them in rounds (as xxHash64 does), a short dependency chain. Every character counts (the last chunk
     * overlaps the one before when the length is not a multiple of 8), so IDs that differ anywhere rarely
     * collide; a collision only costs a comparison. Short and long IDs take {@link String#hashCode}.
     */
    static int hash(String id) {
        int n = id.length();
        int h;
        if (n < 8 || n > 64) {
            h = id.hashCode();
        } else {
            long acc = n * P1;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                acc = Long.rotateLeft(acc + chunk(id, i) * P2, 31) * P1;
            }
            if (i < n) {
                acc = Long.rotateLeft(acc + chunk(id, n - 8) * P2, 31) * P1;
            }
            acc ^= acc >>> 33;
            acc *= P2;
            h = (int) (acc ^ (acc >>> 32));
        }
        return h != 0 ? h : 1;
    }

    /** Characters i to i + 7, 8 bits each (higher bits of non-Latin-1 characters are dropped: only the hash suffers). */
    private static long chunk(String s, int i) {
        return (s.charAt(i) & 0xFFL)
                | (s.charAt(i + 1) & 0xFFL) << 8
                | (s.charAt(i + 2) & 0xFFL) << 16
                | (s.charAt(i + 3) & 0xFFL) << 24
                | (s.charAt(i + 4) & 0xFFL) << 32
                | (s.charAt(i + 5) & 0xFFL) << 40
                | (s.charAt(i + 6) & 0xFFL) << 48
                | (s.charAt(i + 7) & 0xFFL) << 56;
    }

    boolean contains(String key) {
        return contains(key, hash(key));
    }

    /** {@code hash} is {@link #hash}{@code (key)} (tests may pass another non-zero value to force collisions). */
    boolean contains(String key, int hash) {
        int mask = keys.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            int h = hashes[i];
            if (h == 0) {
                return false;
            }
            if (h == hash) {
                String k = keys[i];
                if (k == key || k.equals(key)) {
                    return true;
                }
            }
        }
    }

    boolean add(String key) {
        return add(key, hash(key));
    }

    /** Adds the key with its (non-zero) hash; false when an equal key was present. */
    boolean add(String key, int hash) {
        int mask = keys.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            int h = hashes[i];
            if (h == 0) {
                break;
            }
            if (h == hash) {
                String k = keys[i];
                if (k == key || k.equals(key)) {
                    return false;
                }
            }
        }
        keys[i] = key;
        hashes[i] = hash;
        if (++size > keys.length >>> 1) {
            grow();
        }
        return true;
    }

    /** Removes the very instance {@code key} (compared by identity), added with {@code hash}; false when it is not in the set. */
    boolean removeSame(String key, int hash) {
        int mask = keys.length - 1;
        int i = home(hash);
        for (; ; i = (i + 1) & mask) {
            int h = hashes[i];
            if (h == 0) {
                return false;
            }
            if (h == hash && keys[i] == key) {
                break;
            }
        }
        // Backward-shift deletion: walk the run after the hole; an entry whose home is not cyclically in
        // (hole, j] would become unreachable behind the hole, so it moves into the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
            int h = hashes[j];
            if (h == 0) {
                break;
            }
            if (((j - home(h)) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
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
            if (oldHashes[i] != 0) {
                int j = home(oldHashes[i]);
                while (hashes[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                hashes[j] = oldHashes[i];
            }
        }
    }
}
