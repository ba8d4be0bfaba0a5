package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.Arrays;

/**
 * A binary min-heap of events by event time alone, the times copied into a parallel {@code long[]}: sifting
 * compares primitives and never dereferences an event. Events with equal times come out in an unspecified
 * (but deterministic) order; {@link ReorderBuffer} sorts each such group by eventID itself.
 */
final class EventHeap {
    private long[] times;
    private CloudTrailEvent[] events;
    private int size;

    EventHeap(int capacity) {
        times = new long[Math.max(1, capacity)];
        events = new CloudTrailEvent[times.length];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest time; the heap must not be empty. */
    long minTime() {
        return times[0];
    }

    void add(CloudTrailEvent e) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size << 1);
            events = Arrays.copyOf(events, size << 1);
        }
        long t = e.time();
        int k = size++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (t >= times[parent]) {
                break;
            }
            times[k] = times[parent];
            events[k] = events[parent];
            k = parent;
        }
        times[k] = t;
        events[k] = e;
    }

    /** Removes and returns an event with the smallest time; the heap must not be empty. */
    CloudTrailEvent poll() {
        CloudTrailEvent result = events[0];
        int n = --size;
        long t = times[n];
        CloudTrailEvent x = events[n];
        events[n] = null;
        if (n > 0) {
            int k = 0;
            int half = n >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                int right = child + 1;
                if (right < n && times[right] < times[child]) {
                    child = right;
                }
                if (t <= times[child]) {
                    break;
                }
                times[k] = times[child];
                events[k] = events[child];
                k = child;
            }
            times[k] = t;
            events[k] = x;
        }
        return result;
    }

    /** The events in heap (not sorted) order, for snapshots. */
    CloudTrailEvent[] toArray() {
        return Arrays.copyOf(events, size);
    }
}
