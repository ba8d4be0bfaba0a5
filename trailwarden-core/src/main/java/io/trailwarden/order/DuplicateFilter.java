package io.trailwarden.order;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops records whose eventID was already seen within the horizon (lateness + 1 h): CloudTrail may
 * deliver a record twice, and overlapping trails (an organisation trail beside an account trail)
 * deliver the same record in two files.
 *
 * <p>Every event passes through here, so it allocates nothing per event: the IDs sit in an {@link IdSet}
 * (open addressing, no entry objects) and, in insertion order with their times, in a ring of parallel
 * arrays (no boxed times). Eviction walks the ring from the oldest insertion and stops at the first entry
 * still inside the horizon, exactly as the former {@code LinkedHashMap<String, Long>} did: an ID inserted
 * late with an old time waits behind newer insertions, which keeps answers and snapshots identical.
 */
public final class DuplicateFilter {
    private final long horizon;
    private final IdSet ids = new IdSet(1 << 14);
    // The ring: entry i (from the oldest) at (head + i) & (capacity - 1). Hashes are kept so that eviction
    // finds the slot without touching the string.
    private long[] times = new long[1 << 12];
    private String[] order = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int head;
    private int size;

    public DuplicateFilter(long horizonMs) {
        this.horizon = horizonMs;
    }

    /** True when the event is new; false for a duplicate. */
    public boolean firstTime(String eventId, long time, long watermark) {
        if (eventId == null) {
            return true;
        }
        evict(watermark);
        if (!ids.add(eventId)) {
            return false;
        }
        append(eventId, time);
        return true;
    }

    private void evict(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long cutoff = watermark - horizon;
        int mask = times.length - 1;
        while (size > 0 && times[head] < cutoff) {
            ids.removeSame(order[head], hashes[head]);
            order[head] = null;
            head = (head + 1) & mask;
            size--;
        }
    }

    private void append(String eventId, long time) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        order[i] = eventId;
        hashes[i] = eventId.hashCode(); // cached in the string: computed by ids.add
        size++;
    }

    private void grow() {
        int n = times.length;
        int first = n - head; // unroll the ring into the new arrays' start
        long[] t = new long[n << 1];
        System.arraycopy(times, head, t, 0, first);
        System.arraycopy(times, 0, t, first, head);
        String[] o = new String[n << 1];
        System.arraycopy(order, head, o, 0, first);
        System.arraycopy(order, 0, o, first, head);
        int[] h = new int[n << 1];
        System.arraycopy(hashes, head, h, 0, first);
        System.arraycopy(hashes, 0, h, first, head);
        times = t;
        order = o;
        hashes = h;
        head = 0;
    }

    /** The number of IDs remembered. */
    public int size() {
        return size;
    }

    /** A copy of the remembered IDs with their event times, in insertion order (the snapshot format). */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
        int mask = times.length - 1;
        for (int i = 0; i < size; i++) {
            int j = (head + i) & mask;
            m.put(order[j], times[j]);
        }
        return m;
    }

    /** Adds the entries in their iteration order; an ID already present takes the restored time in place, as {@code putAll} did. */
    public void restore(Map<String, Long> entries) {
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            String id = e.getKey();
            long time = e.getValue();
            if (ids.add(id)) {
                append(id, time);
            } else {
                setTime(id, time);
            }
        }
    }

    /** A linear scan: only for a restore over existing state, which the engine never does. */
    private void setTime(String id, long time) {
        int mask = times.length - 1;
        for (int i = 0; i < size; i++) {
            int j = (head + i) & mask;
            if (order[j].equals(id)) {
                times[j] = time;
                return;
            }
        }
    }
}
