package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds events until the watermark (largest event time seen minus the allowed lateness) passes them,
 * then releases them in (eventTime, eventID) order. An event already older than the watermark on
 * arrival is late: the caller processes it at once, marked late.
 *
 * <p>Buffered events are ordered by time alone; the eventID decides only among events of one time, sorted
 * as a group when that time is released. Comparing eventIDs reads the strings' characters, which nothing
 * else on the hot path does: each comparison inside a heap costs cache misses, while the group sort
 * touches only events that share a time (CloudTrail times are whole seconds), right before they are
 * processed. Events equal in time and ID (duplicates; the filter drops all but the first) keep the order
 * they were gathered in: the FIFO's first, then the heap's, both deterministic.
 */
public final class ReorderBuffer {
    private static final Comparator<CloudTrailEvent> BY_ID = (a, b) -> EventOrder.compareIds(a.eventId(), b.eventId());

    private final long lateness;
    /**
     * Events arrive nearly in order (files are read in time order): those in time order go to a FIFO, which
     * costs nothing to keep sorted; only the out-of-order rest pays for the heap.
     */
    private final ArrayDeque<CloudTrailEvent> inOrder = new ArrayDeque<>(1024);
    private long tailTime = Long.MIN_VALUE;
    private final EventHeap queue = new EventHeap(1024);
    /** The group of one time being released, sorted by eventID. */
    private CloudTrailEvent[] group = new CloudTrailEvent[16];
    private long maxTime = Long.MIN_VALUE;

    public ReorderBuffer(long latenessMs) {
        this.lateness = latenessMs;
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
        if (inOrder.isEmpty() || t >= tailTime) {
            inOrder.addLast(e);
            tailTime = t;
        } else {
            queue.add(e);
        }
        if (t > maxTime) {
            maxTime = t;
        }
    }

    /** Releases, in order, every buffered event older than {@code watermark}. */
    public void release(long watermark, Consumer<CloudTrailEvent> out) {
        while (size() > 0) {
            long t = minTime();
            if (t >= watermark) {
                return;
            }
            releaseGroup(t, out);
        }
    }

    public void releaseAll(Consumer<CloudTrailEvent> out) {
        while (size() > 0) {
            releaseGroup(minTime(), out);
        }
    }

    /** The smallest buffered time; the buffer must not be empty. */
    private long minTime() {
        CloudTrailEvent a = inOrder.peekFirst();
        if (a == null) {
            return queue.minTime();
        }
        return queue.isEmpty() ? a.time() : Math.min(a.time(), queue.minTime());
    }

    /** Releases every buffered event of time {@code t} (the smallest), sorted by eventID. */
    private void releaseGroup(long t, Consumer<CloudTrailEvent> out) {
        int n = 0;
        CloudTrailEvent a;
        while ((a = inOrder.peekFirst()) != null && a.time() == t) {
            n = gather(n, inOrder.pollFirst());
        }
        while (!queue.isEmpty() && queue.minTime() == t) {
            n = gather(n, queue.poll());
        }
        if (n > 1) {
            Arrays.sort(group, 0, n, BY_ID); // stable: equal IDs keep the gathering order
        }
        for (int i = 0; i < n; i++) {
            CloudTrailEvent e = group[i];
            group[i] = null;
            out.accept(e);
        }
    }

    private int gather(int n, CloudTrailEvent e) {
        if (n == group.length) {
            group = Arrays.copyOf(group, n << 1);
        }
        group[n] = e;
        return n + 1;
    }

    public int size() {
        return inOrder.size() + queue.size();
    }

    public long maxTime() {
        return maxTime;
    }

    /** The buffered events in release order, for snapshots. */
    public List<CloudTrailEvent> snapshot() {
        List<CloudTrailEvent> l = new ArrayList<>(inOrder);
        l.addAll(Arrays.asList(queue.toArray()));
        l.sort(EventOrder.COMPARATOR);
        return l;
    }

    public void restore(long maxTime, List<CloudTrailEvent> events) {
        for (CloudTrailEvent e : events) {
            add(e);
        }
        this.maxTime = maxTime;
    }
}
