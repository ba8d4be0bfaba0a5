package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.Arrays;

/**
 * A binary min-heap of events in {@link EventOrder}, with each event's time copied into a parallel
 * {@code long[]}: sifting compares the primitive times and dereferences the events (to compare eventIDs)
 * only on equal times. It sifts exactly as {@link java.util.PriorityQueue} does, so equal events (same
 * time and ID: duplicates) come out in the same order as they did from the former {@code PriorityQueue}.
 *
 * <p>Tried and dropped: a heap by time alone with each released second's events sorted by ID (no ID
 * comparisons inside the heap). On the engine bench it was no faster, and it changed the order of duplicates.
 */
final class EventHeap {
    private long[] times;
    private CloudTrailEvent[] events;
    private int size;

    EventHeap(int capacity) {
        times = new long[capacity];
        events = new CloudTrailEvent[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest event, or null when empty. */
    CloudTrailEvent peek() {
        return size == 0 ? null : events[0];
    }

    void add(CloudTrailEvent e) {
        if (size == times.length) {
            int n = Math.max(16, size << 1);
            times = Arrays.copyOf(times, n);
            events = Arrays.copyOf(events, n);
        }
        siftUp(size++, e.time(), e);
    }

    /** Removes and returns the smallest event; the heap must not be empty. */
    CloudTrailEvent poll() {
        CloudTrailEvent result = events[0];
        int n = --size;
        long t = times[n];
        CloudTrailEvent x = events[n];
        events[n] = null;
        if (n > 0) {
            siftDown(0, t, x, n);
        }
        return result;
    }

    private static int compare(long ta, CloudTrailEvent a, long tb, CloudTrailEvent b) {
        return ta != tb ? Long.compare(ta, tb) : EventOrder.compareIds(a.eventId(), b.eventId());
    }

    private void siftUp(int k, long t, CloudTrailEvent x) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (compare(t, x, times[parent], events[parent]) >= 0) {
                break;
            }
            times[k] = times[parent];
            events[k] = events[parent];
            k = parent;
        }
        times[k] = t;
        events[k] = x;
    }

    private void siftDown(int k, long t, CloudTrailEvent x, int n) {
        int half = n >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < n && compare(times[child], events[child], times[right], events[right]) > 0) {
                child = right;
            }
            if (compare(t, x, times[child], events[child]) <= 0) {
                break;
            }
            times[k] = times[child];
            events[k] = events[child];
            k = child;
        }
        times[k] = t;
        events[k] = x;
    }

    /** The events in heap (not sorted) order, for snapshots. */
    CloudTrailEvent[] toArray() {
        return Arrays.copyOf(events, size);
    }
}
