package io.trailwarden.order;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Drops records whose eventID was already seen within the horizon (lateness + 1 h): CloudTrail may
 * deliver a record twice, and overlapping trails (an organisation trail beside an account trail)
 * deliver the same record in two files.
 *
 * <p>Every event passes through here, so the common case allocates nothing. CloudTrail eventIDs are
 * canonical lowercase UUIDs: those are parsed into two longs and kept in {@link UuidSet}, an
 * open-addressing set of primitive pairs. Any other ID (other sources, tests, upper case, the nil UUID)
 * goes to a plain {@link HashSet}. Both kinds share one insertion-order queue with each entry's time:
 * eviction walks that queue from the oldest insertion and stops at the first entry still inside the
 * horizon, exactly as the former {@code LinkedHashMap<String, Long>} did (an entry inserted late with an
 * old time waits behind newer insertions; this keeps snapshots identical to what they were).
 */
public final class DuplicateFilter {
    private final long horizon;
    private final UuidSet uuids = new UuidSet(1 << 14);
    private final Set<String> others = new HashSet<>();
    private final InsertionQueue order = new InsertionQueue(1 << 12);
    /** Scratch for the parsed UUID (hi, lo): parsing returns two longs without allocating. */
    private final long[] parsed = new long[2];

    public DuplicateFilter(long horizonMs) {
        this.horizon = horizonMs;
    }

    /** True when the event is new; false for a duplicate. */
    public boolean firstTime(String eventId, long time, long watermark) {
        if (eventId == null) {
            return true;
        }
        evict(watermark);
        return insert(eventId, time);
    }

    private boolean insert(String eventId, long time) {
        if (Uuids.parse(eventId, parsed) && (parsed[0] | parsed[1]) != 0) { // (0, 0) is UuidSet's free slot
            long hi = parsed[0];
            long lo = parsed[1];
            if (!uuids.add(hi, lo)) {
                return false;
            }
            order.add(time, hi, lo, null);
            return true;
        }
        if (!others.add(eventId)) {
            return false;
        }
        order.add(time, 0, 0, eventId);
        return true;
    }

    private void evict(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long cutoff = watermark - horizon;
        while (!order.isEmpty() && order.headTime() < cutoff) {
            String other = order.headOther();
            if (other != null) {
                others.remove(other);
            } else {
                uuids.remove(order.headHi(), order.headLo());
            }
            order.removeHead();
        }
    }

    /** The number of IDs remembered. */
    public int size() {
        return order.size();
    }

    /** A copy of the remembered IDs with their event times, in insertion order (the snapshot format). */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>(Math.max(16, order.size() * 4 / 3 + 1));
        for (int i = 0; i < order.size(); i++) {
            String other = order.other(i);
            m.put(other != null ? other : Uuids.render(order.hi(i), order.lo(i)), order.time(i));
        }
        return m;
    }

    /** Adds the entries in their iteration order; a key already present gets the restored time (as {@code putAll}). */
    public void restore(Map<String, Long> entries) {
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            if (!insert(e.getKey(), e.getValue())) {
                order.setTime(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * The IDs in insertion order with their times: a growable ring of parallel arrays. A UUID entry keeps its
     * two longs (to remove it from the set on eviction); any other entry keeps its string.
     */
    static final class InsertionQueue {
        private long[] times;
        private long[] his;
        private long[] los;
        private String[] others;
        private int head;
        private int size;

        InsertionQueue(int capacity) {
            allocate(Integer.highestOneBit(Math.max(2, capacity - 1)) << 1);
        }

        private void allocate(int capacity) {
            times = new long[capacity];
            his = new long[capacity];
            los = new long[capacity];
            others = new String[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        void add(long time, long hi, long lo, String other) {
            if (size == times.length) {
                grow();
            }
            int i = (head + size) & (times.length - 1);
            times[i] = time;
            his[i] = hi;
            los[i] = lo;
            others[i] = other;
            size++;
        }

        long headTime() {
            return times[head];
        }

        long headHi() {
            return his[head];
        }

        long headLo() {
            return los[head];
        }

        String headOther() {
            return others[head];
        }

        void removeHead() {
            others[head] = null;
            head = (head + 1) & (times.length - 1);
            size--;
        }

        /** The i-th entry from the oldest. */
        private int at(int i) {
            return (head + i) & (times.length - 1);
        }

        long time(int i) {
            return times[at(i)];
        }

        long hi(int i) {
            return his[at(i)];
        }

        long lo(int i) {
            return los[at(i)];
        }

        String other(int i) {
            return others[at(i)];
        }

        /** Sets the time of the entry for {@code id}; a linear scan, for the rare restore over existing state. */
        void setTime(String id, long time) {
            for (int i = 0; i < size; i++) {
                String other = other(i);
                if (other != null ? other.equals(id) : Uuids.render(hi(i), lo(i)).equals(id)) {
                    times[at(i)] = time;
                    return;
                }
            }
        }

        private void grow() {
            long[] t = times;
            long[] h = his;
            long[] l = los;
            String[] o = others;
            int n = t.length;
            allocate(n << 1);
            // Unroll the ring into the new arrays' start.
            int first = n - head;
            System.arraycopy(t, head, times, 0, first);
            System.arraycopy(t, 0, times, first, head);
            System.arraycopy(h, head, his, 0, first);
            System.arraycopy(h, 0, his, first, head);
            System.arraycopy(l, head, los, 0, first);
            System.arraycopy(l, 0, los, first, head);
            System.arraycopy(o, head, others, 0, first);
            System.arraycopy(o, 0, others, first, head);
            head = 0;
        }
    }
}
