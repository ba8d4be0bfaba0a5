package io.trailwarden.profile;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** What one principal used, with first/last seen and counts; kept for the profile's retention (90 days). */
public final class Profile {
    final String key;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    long events;
    /** The values of each dimension, indexed by {@link Dimension#ordinal()}. */
    @SuppressWarnings("unchecked")
    final HashMap<String, Seen>[] values = new HashMap[Dimension.values().length];

    // Per dimension, the value instance stamped last and its Seen, so that a repeat of it (a principal mostly
    // keeps its IP, agent and region) skips the map. Valid while the map maps that value to that Seen: entries
    // are only added, and the sweep and a restore (the only removals and replacements) forget the memo.
    final String[] memoValue = new String[values.length];
    final Seen[] memoSeen = new Seen[values.length];

    // Run bookkeeping, not profile state (never written to snapshots): who last counted this profile's
    // principal and under which key, so that RunStats counts distinct principals with one comparison per
    // event instead of a hash-set add (see markCounted).
    private Object countedBy;
    private String countedKey;

    Profile(String key) {
        this.key = key;
        for (int i = 0; i < values.length; i++) {
            values[i] = new HashMap<>();
        }
    }

    void memo(int dimension, String value, Seen seen) {
        memoValue[dimension] = value;
        memoSeen[dimension] = seen;
    }

    void forgetMemo() {
        Arrays.fill(memoValue, null);
        Arrays.fill(memoSeen, null);
    }

    public String key() { return key; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public long events() { return events; }

    /** The values of one dimension with their first/last use and counts. */
    public Map<String, Seen> values(Dimension d) {
        return Collections.unmodifiableMap(values[d.ordinal()]);
    }

    /**
     * Records that {@code counter} has counted {@code principalKey} for this profile; false when it already had
     * (the last key it counted here is equal). A true answer only means "not known to be counted": a profile's
     * events normally share one principal key, and the caller keeps its own set for the rare other cases.
     */
    public boolean markCounted(Object counter, String principalKey) {
        String k = countedKey;
        if (countedBy == counter && (k == principalKey || k != null && k.equals(principalKey))) {
            return false;
        }
        countedBy = counter;
        countedKey = principalKey;
        return true;
    }
}
