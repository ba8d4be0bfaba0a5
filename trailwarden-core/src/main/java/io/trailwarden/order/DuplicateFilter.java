package io.trailwarden.order;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops records whose eventID was already seen within the horizon (lateness + 1 h): CloudTrail may
 * deliver a record twice, and overlapping trails (an organisation trail beside an account trail)
 * deliver the same record in two files.
 *
 * <p>Every event passes through here, so it allocates nothing per event: the IDs sit, in insertion order
 * with their times and hashes, in a ring of parallel arrays (no boxed times), indexed by an {@link IdIndex}
 * (hash → ring position, open addressing, no entry objects). Eviction walks the ring from the oldest
 * insertion and stops at the first entry still inside the horizon, exactly as the former
 * {@code LinkedHashMap<String, Long>} did: an ID inserted late with an old time waits behind newer
 * insertions, which keeps answers and snapshots identical.
 */
public final class DuplicateFilter {
    private final long horizon;
    private final IdIndex index = new IdIndex(1 << 14);
    // The ring: entry i (from the oldest) at (head + i) & (capacity - 1). Hashes are kept so that eviction
    // finds the index entry without touching the string.
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
        int hash = IdIndex.hash(eventId);
        if (size == times.length) {
            grow();
        }
        if (!index.add(eventId, hash, (head + size) & (times.length - 1), order)) {
            return false;
        }
        append(eventId, time, hash);
        return true;
    }

    private void evict(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long cutoff = watermark - horizon;
        int mask = times.length - 1;
        while (size > 0 && times[head] < cutoff) {
            index.remove(hashes[head], head);
            order[head] = null;
            head = (head + 1) & mask;
            size--;
        }
    }

    /** Appends at the ring's end, which has room (the caller grew it) and which the index already points to. */
    private void append(String eventId, long time, int hash) {
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        order[i] = eventId;
        hashes[i] = hash;
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
        index.clear(); // positions changed
        for (int i = 0; i < size; i++) {
            index.put(hashes[i], i);
        }
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
            int hash = IdIndex.hash(id);
            if (size == times.length) {
                grow();
            }
            int at = index.find(id, hash, order);
            if (at < 0) {
                index.put(hash, (head + size) & (times.length - 1));
                append(id, time, hash);
            } else {
                times[at] = time;
            }
        }
    }
}
