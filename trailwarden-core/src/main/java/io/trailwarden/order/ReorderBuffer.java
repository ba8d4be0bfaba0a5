package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Holds events until the watermark (largest event time seen minus the allowed lateness) passes them,
 * then releases them in {@link EventOrder} (eventTime, then eventID). An event already older than the
 * watermark on arrival is late: the caller processes it at once, marked late.
 *
 * <p><b>Ties.</b> Equal events (same time and eventID: a record delivered twice) leave in arrival order;
 * the duplicate filter downstream keeps the first. Release order is therefore exactly a stable sort of the
 * buffered events by {@link EventOrder} over their arrival order. A snapshot lists equal events in that
 * order too, so a restore (which adds them in snapshot order) keeps it.
 *
 * <p><b>Why a calendar queue.</b> Files (one per account, region and 5 minutes) each hold ascending events
 * but about 16 of them interleave within each 5 minutes, so a FIFO for in-order arrivals catches almost
 * nothing and a binary heap pays O(log n) compares of a ~5,000-event heap per event. Here an event is
 * appended to the bucket of its time (O(1)); a bucket is sorted once, when the watermark first passes its
 * start, by insertion sort (buckets hold a handful of events) or {@link Arrays#sort} (both stable).
 *
 * <p><b>Buckets.</b> A bucket spans 2^shift ms: 1024 ms (about the one second CloudTrail times are rounded
 * to; a power of two makes the bucket number a shift, floor even for negative times), wider for a long
 * lateness so the ring stays at most 8192 buckets. The ring holds buckets {@code [base, base + ring.length)}
 * and is sized so that every non-late event fits: such an event's time is in {@code [watermark, maxTime]}.
 * An event whose bucket lies beyond the ring (a jump in time longer than the lateness, e.g. a gap of days in
 * the data) waits aside, in arrival order per bucket, and moves into the ring as soon as the ring reaches its
 * bucket, before any newer arrival of that bucket can land there. An event below {@code base} (only after the buffer
 * was empty, when a caller adds an event the watermark already passed, or releases past the buffer's own
 * watermark) lowers {@code base}; ring buckets that then lie beyond the ring are set aside.
 */
public final class ReorderBuffer {
    private static final int MIN_SHIFT = 10; // 1024 ms
    private static final int BUCKETS_PER_LATENESS = 2048;

    private final long lateness;
    private final int shift;
    private Bucket[] ring;
    private int mask;
    private long base; // the lowest bucket that may hold events; valid while the buffer is not empty
    private long top; // the highest bucket holding events in the ring; valid while ringSize > 0
    private int ringSize;
    private final TreeMap<Long, List<CloudTrailEvent>> aside = new TreeMap<>();
    private int asideSize;
    private long asideFirst = Long.MAX_VALUE; // aside's first key, checked on every step of base
    private long maxTime = Long.MIN_VALUE;

    public ReorderBuffer(long latenessMs) {
        if (latenessMs < 0) {
            throw new IllegalArgumentException("negative lateness: " + latenessMs);
        }
        this.lateness = latenessMs;
        int s = MIN_SHIFT;
        while (s < 62 && (latenessMs >> s) >= BUCKETS_PER_LATENESS) {
            s++;
        }
        this.shift = s;
        // Non-late events span [maxTime - lateness, maxTime]: at most (lateness >> shift) + 2 buckets. Twice
        // that, so that a new maximum up to about one lateness ahead (a quiet stretch in the data) still fits.
        int n = Integer.highestOneBit((int) (2 * ((latenessMs >> s) + 2)) - 1) << 1;
        this.ring = newBuckets(Math.max(16, n));
        this.mask = ring.length - 1;
    }

    private static Bucket[] newBuckets(int n) {
        Bucket[] r = new Bucket[n];
        for (int i = 0; i < n; i++) {
            r[i] = new Bucket();
        }
        return r;
    }

    public long watermark() {
        return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
    }

    /** True when the event is late (older than the watermark); otherwise it is buffered. */
    public boolean isLate(CloudTrailEvent e) {
        return e.time() < watermark();
    }

    public void add(CloudTrailEvent e) {
        long t = e.time();
        if (t > maxTime) {
            maxTime = t;
        }
        long b = t >> shift;
        if (ringSize == 0 && asideSize == 0) {
            base = b;
        } else if (b < base) {
            lowerBase(b);
        }
        if (b - base >= ring.length) {
            aside.computeIfAbsent(b, k -> new ArrayList<>()).add(e);
            asideSize++;
            asideFirst = Math.min(asideFirst, b);
            return;
        }
        top = ringSize == 0 ? b : Math.max(top, b);
        ring[(int) b & mask].add(e);
        ringSize++;
    }

    /** Releases, in order, every buffered event older than {@code watermark}. */
    public void release(long watermark, Consumer<CloudTrailEvent> out) {
        while (true) {
            if (ringSize == 0) {
                if (asideSize == 0 || start(asideFirst) >= watermark) {
                    return;
                }
                base = asideFirst; // the buckets in between are empty
                moveIntoRing();
            }
            if (start(base) >= watermark) {
                return;
            }
            Bucket bucket = ring[(int) base & mask];
            if (!bucket.isEmpty()) {
                bucket.sort();
                while (bucket.peekTime() < watermark) {
                    out.accept(bucket.poll());
                    if (--ringSize == 0 || bucket.isEmpty()) {
                        break;
                    }
                }
                if (!bucket.isEmpty()) {
                    return;
                }
            }
            // Move past the bucket only once the watermark passed all of it: a non-late event can then never
            // fall below base (an empty bucket that still straddles the watermark stays the base).
            if (start(base + 1) > watermark) {
                return;
            }
            base++;
            if (asideSize > 0 && asideFirst - base < ring.length) {
                moveIntoRing();
            }
        }
    }

    public void releaseAll(Consumer<CloudTrailEvent> out) {
        for (long b = base; ringSize > 0; b++) {
            Bucket bucket = ring[(int) b & mask];
            if (!bucket.isEmpty()) {
                bucket.sort();
                while (!bucket.isEmpty()) {
                    out.accept(bucket.poll());
                    ringSize--;
                }
            }
        }
        while (!aside.isEmpty()) {
            List<CloudTrailEvent> l = aside.pollFirstEntry().getValue();
            asideSize -= l.size();
            l.sort(EventOrder.COMPARATOR); // stable
            l.forEach(out);
        }
        asideFirst = Long.MAX_VALUE;
    }

    public int size() {
        return ringSize + asideSize;
    }

    public long maxTime() {
        return maxTime;
    }

    /** The buffered events in release order, for snapshots. */
    public List<CloudTrailEvent> snapshot() {
        List<CloudTrailEvent> l = new ArrayList<>(size());
        for (long b = base; l.size() < ringSize; b++) {
            int from = l.size();
            ring[(int) b & mask].copyTo(l);
            l.subList(from, l.size()).sort(EventOrder.COMPARATOR); // stable; a no-op on a sorted bucket
        }
        for (List<CloudTrailEvent> bucket : aside.values()) {
            int from = l.size();
            l.addAll(bucket);
            l.subList(from, l.size()).sort(EventOrder.COMPARATOR);
        }
        return l;
    }

    public void restore(long maxTime, List<CloudTrailEvent> events) {
        for (CloudTrailEvent e : events) {
            add(e);
        }
        this.maxTime = maxTime;
    }

    /** The first time in bucket {@code b}, saturated at the ends of the long range. */
    private long start(long b) {
        if (b > Long.MAX_VALUE >> shift) {
            return Long.MAX_VALUE;
        }
        return b < Long.MIN_VALUE >> shift ? Long.MIN_VALUE : b << shift;
    }

    /**
     * Makes {@code b} (below base) the base. Ring buckets that would then lie beyond the ring are set aside,
     * in their current order (equal events in it are still in arrival order).
     */
    private void lowerBase(long b) {
        if (ringSize > 0) {
            for (long k = Math.max(base, b + ring.length); k <= top; k++) {
                Bucket bucket = ring[(int) k & mask];
                if (!bucket.isEmpty()) {
                    List<CloudTrailEvent> l = new ArrayList<>();
                    bucket.drainTo(l);
                    aside.put(k, l);
                    asideFirst = Math.min(asideFirst, k);
                    ringSize -= l.size();
                    asideSize += l.size();
                }
            }
            top = Math.min(top, b + ring.length - 1);
        }
        base = b;
    }

    /** Moves the buckets set aside that now fit into the ring (the ring has no events of those buckets yet). */
    private void moveIntoRing() {
        while (asideSize > 0 && asideFirst - base < ring.length) {
            Map.Entry<Long, List<CloudTrailEvent>> first = aside.pollFirstEntry();
            asideFirst = aside.isEmpty() ? Long.MAX_VALUE : aside.firstKey();
            long b = first.getKey();
            Bucket bucket = ring[(int) b & mask];
            for (CloudTrailEvent e : first.getValue()) {
                bucket.add(e);
            }
            int n = first.getValue().size();
            asideSize -= n;
            top = ringSize == 0 ? b : Math.max(top, b);
            ringSize += n;
        }
    }

    /**
     * The events of one bucket: {@code events[head, size)}. Unsorted (arrival order) until release first opens
     * it; while sorted, an added event goes to its sorted place after the equal ones (so ties stay in arrival
     * order). A bucket that empties is unsorted again.
     */
    static final class Bucket {
        private static final CloudTrailEvent[] NONE = new CloudTrailEvent[0];
        private static final int INSERTION_SORT_MAX = 24;
        private static final int KEEP_CAPACITY = 1024; // a larger array is dropped when the bucket empties

        private CloudTrailEvent[] events = NONE;
        private int head;
        private int size;
        private boolean sorted;

        boolean isEmpty() {
            return head == size;
        }

        long peekTime() {
            return events[head].time();
        }

        void add(CloudTrailEvent e) {
            if (size == events.length) {
                makeRoom();
            }
            int i = size++;
            if (sorted) {
                place(i, e);
            } else {
                events[i] = e;
            }
        }

        /** Puts {@code e} at {@code i} or below, after the equal events: a sorted {@code [head, i)} stays sorted. */
        private void place(int i, CloudTrailEvent e) {
            while (i > head && EventOrder.compare(events[i - 1], e) > 0) {
                events[i] = events[i - 1];
                i--;
            }
            events[i] = e;
        }

        private void makeRoom() {
            int n = size - head;
            if (head > 0 && n < events.length >> 1) {
                System.arraycopy(events, head, events, 0, n);
                Arrays.fill(events, n, size, null);
            } else {
                CloudTrailEvent[] a = new CloudTrailEvent[Math.max(4, events.length << 1)];
                System.arraycopy(events, head, a, 0, n);
                events = a;
            }
            head = 0;
            size = n;
        }

        void sort() {
            if (sorted) {
                return;
            }
            if (size - head <= INSERTION_SORT_MAX) {
                for (int i = head + 1; i < size; i++) {
                    place(i, events[i]);
                }
            } else {
                Arrays.sort(events, head, size, EventOrder.COMPARATOR);
            }
            sorted = true;
        }

        CloudTrailEvent poll() {
            CloudTrailEvent e = events[head];
            events[head++] = null;
            if (head == size) {
                head = 0;
                size = 0;
                sorted = false;
                if (events.length > KEEP_CAPACITY) {
                    events = NONE;
                }
            }
            return e;
        }

        void copyTo(List<CloudTrailEvent> l) {
            l.addAll(Arrays.asList(events).subList(head, size));
        }

        void drainTo(List<CloudTrailEvent> l) {
            while (!isEmpty()) {
                l.add(poll());
            }
        }
    }
}
