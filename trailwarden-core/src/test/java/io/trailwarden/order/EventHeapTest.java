package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventHeapTest {
    private static CloudTrailEvent ev(String id, long time) {
        return CloudTrailEvent.builder().eventId(id).time(time).eventName("X").build();
    }

    @Test
    void pollsInEventOrderComparingIdsOnlyOnEqualTimes() {
        EventHeap h = new EventHeap(2);
        h.add(ev("b", 5));
        h.add(ev("z", 1));
        h.add(ev("a", 5));
        h.add(ev(null, 5));
        h.add(ev("c", 3));
        List<String> out = new ArrayList<>();
        while (!h.isEmpty()) {
            CloudTrailEvent e = h.poll();
            out.add(e.time() + ":" + e.eventId());
        }
        assertThat(out).containsExactly("1:z", "3:c", "5:null", "5:a", "5:b");
        assertThat(h.peek()).isNull();
    }

    @Test
    void givesTheVerySameSequenceAsAPriorityQueueIncludingAmongEqualEvents() {
        // Equal events (same time and ID) are duplicates; which instance comes first must not change.
        Random rnd = new Random(9);
        EventHeap h = new EventHeap(4);
        PriorityQueue<CloudTrailEvent> pq = new PriorityQueue<>(EventOrder.COMPARATOR);
        for (int i = 0; i < 100_000; i++) {
            if (rnd.nextInt(3) != 0) {
                int r = rnd.nextInt(8);
                CloudTrailEvent e = ev(r == 0 ? null : "id" + rnd.nextInt(5), rnd.nextInt(40) * 1000L);
                h.add(e);
                pq.add(e);
            } else if (!pq.isEmpty()) {
                assertThat(h.peek()).isSameAs(pq.peek());
                assertThat(h.poll()).isSameAs(pq.poll());
            }
            assertThat(h.size()).isEqualTo(pq.size());
        }
        assertThat(List.of(h.toArray())).containsExactlyElementsOf(new ArrayList<>(List.of(pq.toArray(new CloudTrailEvent[0]))));
        while (!pq.isEmpty()) {
            assertThat(h.poll()).isSameAs(pq.poll());
        }
        assertThat(h.isEmpty()).isTrue();
    }
}
