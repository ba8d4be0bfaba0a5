package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventHeapTest {
    private static CloudTrailEvent ev(String id, long time) {
        return CloudTrailEvent.builder().eventId(id).time(time).eventName("X").build();
    }

    @Test
    void pollsBySmallestTimeAndGrowsFromATinyCapacity() {
        EventHeap h = new EventHeap(1);
        for (long t : new long[] {5, 1, 9, 3, 3, Long.MIN_VALUE, Long.MAX_VALUE}) {
            h.add(ev("e" + t, t));
        }
        List<Long> out = new ArrayList<>();
        while (!h.isEmpty()) {
            assertThat(h.minTime()).isEqualTo(h.toArray()[0].time());
            out.add(h.poll().time());
        }
        assertThat(out).containsExactly(Long.MIN_VALUE, 1L, 3L, 3L, 5L, 9L, Long.MAX_VALUE);
    }

    @Test
    void interleavedAddsAndPollsComeOutInTimeOrderWithNothingLost() {
        Random rnd = new Random(9);
        EventHeap h = new EventHeap(4);
        List<CloudTrailEvent> added = new ArrayList<>();
        List<CloudTrailEvent> polled = new ArrayList<>();
        long floor = 0;
        for (int i = 0; i < 100_000; i++) {
            if (rnd.nextInt(3) != 0) {
                CloudTrailEvent e = ev("id" + i, floor + rnd.nextInt(40)); // many equal times
                h.add(e);
                added.add(e);
            } else if (!h.isEmpty()) {
                CloudTrailEvent e = h.poll();
                assertThat(e.time()).isGreaterThanOrEqualTo(floor);
                floor = e.time(); // later adds are never below what was polled, as in the buffer
                polled.add(e);
            }
            assertThat(h.size()).isEqualTo(added.size() - polled.size());
        }
        while (!h.isEmpty()) {
            CloudTrailEvent e = h.poll();
            assertThat(e.time()).isGreaterThanOrEqualTo(floor);
            floor = e.time();
            polled.add(e);
        }
        assertThat(polled).containsExactlyInAnyOrderElementsOf(added);
    }
}
