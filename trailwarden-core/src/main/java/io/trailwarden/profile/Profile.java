package io.trailwarden.profile;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** What one principal used, with first/last seen and counts; kept for the profile's retention (90 days). */
public final class Profile {
    final String key;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    long events;
    /** The values of each dimension, indexed by {@link Dimension#ordinal()}. */
    final SeenTable[] values = new SeenTable[Dimension.values().length];

    // Run bookkeeping, not profile state (never written to snapshots): who last counted this profile's
    // principal and under which key, so that RunStats counts distinct principals with one comparison per
    // event instead of a hash-set add (see markCounted).
    private Object countedBy;
    private String countedKey;

    Profile(String key) {
        this.key = key;
        for (int i = 0; i < values.length; i++) {
            values[i] = new SeenTable();
        }
    }

    public String key() { return key; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public long events() { return events; }

    /**
     * The values of one dimension with their first/last use and counts: a read-only view of the profile (each
     * {@link Seen} a copy taken when read), for reports and triage, not the event path.
     */
    public Map<String, Seen> values(Dimension d) {
        return new ValuesView(values[d.ordinal()]);
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

    private static final class ValuesView extends AbstractMap<String, Seen> {
        private final SeenTable table;

        ValuesView(SeenTable table) {
            this.table = table;
        }

        @Override
        public Seen get(Object key) {
            return table.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return table.get(key) != null;
        }

        @Override
        public int size() {
            return table.size();
        }

        @Override
        public Set<Entry<String, Seen>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return table.size();
                }

                @Override
                public Iterator<Entry<String, Seen>> iterator() {
                    String[] keys = table.slotKeys();
                    return new Iterator<>() {
                        private int next = advance(0);

                        private int advance(int i) {
                            while (i < keys.length && keys[i] == null) {
                                i++;
                            }
                            return i;
                        }

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Entry<String, Seen> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next;
                            next = advance(i + 1);
                            return new SimpleImmutableEntry<>(keys[i], table.seenAt(i));
                        }
                    };
                }
            };
        }
    }
}
