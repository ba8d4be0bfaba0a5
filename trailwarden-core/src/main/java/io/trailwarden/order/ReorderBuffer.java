package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds events until the watermark (largest event time seen minus the allowed lateness) passes them,
 * then releases them in (eventTime, eventID) order. An event already older than the watermark on
 * arrival is late: the caller processes it at once, marked late.
 */
public final class ReorderBuffer {
    private final long lateness;
    /**
     * Events arrive nearly in order (files are read in time order): those in order go to a FIFO, which costs
     * nothing to keep sorted; only the out-of-order rest pays for the heap. Release takes the smaller head
     * (the FIFO's on a tie).
     */
    private final ArrayDeque<CloudTrailEvent> inOrder = new ArrayDeque<>(1024);
    private final EventHeap queue = new EventHeap(1024);
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
        CloudTrailEvent tail = inOrder.peekLast();
        if (tail == null || EventOrder.compare(tail, e) <= 0) {
            inOrder.addLast(e);
        } else {
            queue.add(e);
        }
        if (e.time() > maxTime) {
            maxTime = e.time();
        }
    }

    /** Releases, in order, every buffered event older than {@code watermark}. */
    public void release(long watermark, Consumer<CloudTrailEvent> out) {
        CloudTrailEvent e;
        while ((e = peek()) != null && e.time() < watermark) {
            out.accept(poll(e));
        }
    }

    public void releaseAll(Consumer<CloudTrailEvent> out) {
        CloudTrailEvent e;
        while ((e = peek()) != null) {
            out.accept(poll(e));
        }
    }

    private CloudTrailEvent peek() {
        CloudTrailEvent a = inOrder.peekFirst();
        CloudTrailEvent b = queue.peek();
        if (a == null) {
            return b;
        }
        return b == null || EventOrder.compare(a, b) <= 0 ? a : b;
    }

    private CloudTrailEvent poll(CloudTrailEvent head) {
        return head == inOrder.peekFirst() ? inOrder.pollFirst() : queue.poll();
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
