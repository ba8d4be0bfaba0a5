package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Holds events until the watermark (largest event time seen minus the allowed lateness) passes them,
 * then releases them in (eventTime, eventID) order. An event already older than the watermark on
 * arrival is late: the caller processes it at once, marked late.
 */
public final class ReorderBuffer {
    private final long lateness;
    private final PriorityQueue<CloudTrailEvent> queue = new PriorityQueue<>(1024, EventOrder.COMPARATOR);
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
        queue.add(e);
        if (e.time() > maxTime) {
            maxTime = e.time();
        }
    }

    /** Releases, in order, every buffered event older than {@code watermark}. */
    public void release(long watermark, Consumer<CloudTrailEvent> out) {
        while (!queue.isEmpty() && queue.peek().time() < watermark) {
            out.accept(queue.poll());
        }
    }

    public void releaseAll(Consumer<CloudTrailEvent> out) {
        while (!queue.isEmpty()) {
            out.accept(queue.poll());
        }
    }

    public int size() {
        return queue.size();
    }

    public long maxTime() {
        return maxTime;
    }

    /** The buffered events in release order, for snapshots. */
    public List<CloudTrailEvent> snapshot() {
        List<CloudTrailEvent> l = new ArrayList<>(queue);
        l.sort(EventOrder.COMPARATOR);
        return l;
    }

    public void restore(long maxTime, List<CloudTrailEvent> events) {
        this.maxTime = maxTime;
        queue.addAll(events);
    }
}
