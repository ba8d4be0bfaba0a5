package io.trailwarden.profile;

import io.trailwarden.util.StringSlots;
import java.util.ArrayList;
import java.util.List;

/**
 * The profiles by key: open addressing with linear probing (at most half full), keys, their hashes and the
 * profiles in three arrays. Every event looks its principal up here; a hit on the interned key reads the key
 * slot and the profile slot (independent loads) where a {@code HashMap} chases table, node and profile. A
 * key that is not the same instance is compared by stored hash before {@code equals}. Removal only by
 * {@link #removeLastSeenBefore} (the daily sweep), which rebuilds: no tombstones.
 */
final class ProfileTable {
    private static final int MIN_SLOTS = 16;

    private String[] keys = new String[MIN_SLOTS];
    private int[] hashes = new int[MIN_SLOTS];
    private Profile[] profiles = new Profile[MIN_SLOTS];
    private int size;

    int size() {
        return size;
    }

    /** The profile under {@code key}, or null. */
    Profile get(String key) {
        int i = StringSlots.find(keys, hashes, key, key.hashCode());
        return i < 0 ? null : profiles[i];
    }

    /** Adds a profile whose key is absent. */
    void add(Profile p) {
        if (2 * (size + 1) > keys.length) {
            rebuild(2 * keys.length, Long.MIN_VALUE);
        }
        insert(p, p.key.hashCode());
    }

    /** Drops the profiles last seen before {@code cutoff}. */
    void removeLastSeenBefore(long cutoff) {
        int removed = 0;
        for (Profile p : profiles) {
            if (p != null && p.lastSeen < cutoff) {
                removed++;
            }
        }
        if (removed > 0) {
            rebuild(StringSlots.slotsFor(size - removed, MIN_SLOTS), cutoff);
        }
    }

    /** The profiles, in no particular order (a copy). */
    List<Profile> all() {
        List<Profile> r = new ArrayList<>(size);
        for (Profile p : profiles) {
            if (p != null) {
                r.add(p);
            }
        }
        return r;
    }

    /** Slots in the table (tests). */
    int slots() {
        return keys.length;
    }

    private void insert(Profile p, int h) {
        int i = StringSlots.freeSlot(keys, h);
        keys[i] = p.key;
        hashes[i] = h;
        profiles[i] = p;
        size++;
    }

    /** Moves the profiles last seen at or after {@code keepFrom} into a table of {@code slots}. */
    private void rebuild(int slots, long keepFrom) {
        int[] oldHashes = hashes;
        Profile[] old = profiles;
        keys = new String[slots];
        hashes = new int[slots];
        profiles = new Profile[slots];
        size = 0;
        for (int j = 0; j < old.length; j++) {
            if (old[j] != null && old[j].lastSeen >= keepFrom) {
                insert(old[j], oldHashes[j]);
            }
        }
    }
}
