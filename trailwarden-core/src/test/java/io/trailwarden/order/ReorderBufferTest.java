package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static final long T0 = Times.parseUserTime("2024-03-01T10:00:00Z");

    private static CloudTrailEvent ev(String id, long offsetMs) {
        return CloudTrailEvent.builder().eventId(id).time(T0 + offsetMs).eventName("X").build();
    }

    private static List<String> ids(List<CloudTrailEvent> l) {
        return l.stream().map(CloudTrailEvent::eventId).toList();
    }

    @Test
    void watermarkIsTheLargestEventTimeSeenMinusTheLateness() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        assertThat(b.watermark()).isEqualTo(Long.MIN_VALUE);
        b.add(ev("a", 30 * Times.MINUTE));
        b.add(ev("b", 10 * Times.MINUTE));
        assertThat(b.watermark()).isEqualTo(T0 + 15 * Times.MINUTE);
    }

    @Test
    void releasesOnlyEventsOlderThanTheWatermarkInEventTimeThenEventIdOrder() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        b.add(ev("c", 5 * Times.MINUTE));
        b.add(ev("z", 0));
        b.add(ev("a", 0));
        b.add(ev("m", 15 * Times.MINUTE)); // exactly at the watermark: stays
        b.add(ev("last", 30 * Times.MINUTE));
        List<CloudTrailEvent> out = new ArrayList<>();
        b.release(b.watermark(), out::add);
        assertThat(ids(out)).containsExactly("a", "z", "c");
        assertThat(b.size()).isEqualTo(2);
        out.clear();
        b.releaseAll(out::add);
        assertThat(ids(out)).containsExactly("m", "last");
    }

    @Test
    void mostlyOrderedArrivalWithStragglersAndTiesIsReleasedInExactlyEventOrder() {
        java.util.Random rnd = new java.util.Random(42);
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> all = new ArrayList<>();
        List<CloudTrailEvent> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            t += rnd.nextInt(3) * Times.SECOND; // many events share a second
            long time = rnd.nextInt(10) == 0 ? t - rnd.nextInt(600) * Times.SECOND : t; // 10% arrive late-ish
            CloudTrailEvent e = ev(Long.toHexString(rnd.nextLong()), time);
            all.add(e);
            if (b.isLate(e)) {
                continue; // the engine processes these at once; not the buffer's business
            }
            b.add(e);
            b.release(b.watermark(), out::add);
        }
        b.releaseAll(out::add);
        List<CloudTrailEvent> expected = new ArrayList<>(out);
        expected.sort(EventOrder.COMPARATOR);
        assertThat(out).hasSizeGreaterThan(15_000).containsExactlyElementsOf(expected);
    }

    @Test
    void anEventOlderThanTheWatermarkIsLateOneAtItIsNot() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        b.add(ev("a", 60 * Times.MINUTE));
        assertThat(b.isLate(ev("old", 45 * Times.MINUTE - 1))).isTrue();
        assertThat(b.isLate(ev("edge", 45 * Times.MINUTE))).isFalse();
        assertThat(new ReorderBuffer(0).isLate(ev("first", 0))).as("nothing is late before any event").isFalse();
    }

    @Test
    void snapshotListsBufferedEventsInReleaseOrderAndRestoresThem() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        b.add(ev("b", 2));
        b.add(ev("a", 2));
        b.add(ev("c", 1));
        assertThat(ids(b.snapshot())).containsExactly("c", "a", "b");
        ReorderBuffer r = new ReorderBuffer(15 * Times.MINUTE);
        r.restore(b.maxTime(), b.snapshot());
        assertThat(r.watermark()).isEqualTo(b.watermark());
        List<CloudTrailEvent> out = new ArrayList<>();
        r.releaseAll(out::add);
        assertThat(ids(out)).containsExactly("c", "a", "b");
    }

    @Test
    void eventOrderPutsEventsWithoutAnIdFirstAmongEqualTimes() {
        CloudTrailEvent noId = CloudTrailEvent.builder().time(T0).build();
        assertThat(EventOrder.COMPARATOR.compare(noId, ev("a", 0))).isNegative();
        assertThat(EventOrder.COMPARATOR.compare(ev("a", 1), ev("b", 0))).isPositive();
    }

    @Test
    void interleavedSourcesWithDuplicatesAndMissingIdsAreReleasedInTheSameSequenceAsBefore() {
        // Many files of different accounts interleave: most events go to the heap. Equal events (same time
        // and ID) must come out in the same sequence as from the former PriorityQueue-based buffer.
        Random rnd = new Random(17);
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        LegacyBuffer legacy = new LegacyBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> out = new ArrayList<>();
        List<CloudTrailEvent> expected = new ArrayList<>();
        long[] cursor = new long[30];
        for (int i = 0; i < 60_000; i++) {
            int file = rnd.nextInt(cursor.length);
            cursor[file] += rnd.nextInt(40) * Times.SECOND;
            int r = rnd.nextInt(30);
            String id = r == 0 ? null : r == 1 ? "dup" : Integer.toString(rnd.nextInt(1000), 36);
            CloudTrailEvent e = ev(id, cursor[file]);
            assertThat(b.isLate(e)).isEqualTo(legacy.isLate(e));
            if (b.isLate(e)) {
                continue;
            }
            if (rnd.nextInt(50) == 0) {
                b.add(e); // the same record delivered twice
                legacy.add(e);
            }
            b.add(e);
            legacy.add(e);
            b.release(b.watermark(), out::add);
            legacy.release(legacy.watermark(), expected::add);
            assertThat(b.size()).isEqualTo(legacy.size());
        }
        assertThat(b.snapshot()).containsExactlyElementsOf(legacy.snapshot());
        b.releaseAll(out::add);
        legacy.releaseAll(expected::add);
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).as("event %d", i).isSameAs(expected.get(i));
        }
        List<CloudTrailEvent> sorted = new ArrayList<>(out);
        sorted.sort(EventOrder.COMPARATOR);
        assertThat(out).containsExactlyElementsOf(sorted);
    }

    @Test
    void eventsOfOneSecondFromFifoAndHeapAreReleasedSortedByIdDuplicatesIncluded() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        b.add(ev("m", 0)); // FIFO
        b.add(ev("x", 0)); // FIFO: same time, larger ID
        b.add(ev("c", 0)); // heap: a smaller ID than the FIFO's tail
        b.add(ev("z", Times.SECOND)); // FIFO
        b.add(ev("a", 0)); // heap: older than the FIFO's tail
        b.add(ev("y", 0));
        b.add(ev("a", 0)); // a duplicate: both released
        b.add(CloudTrailEvent.builder().time(T0).build()); // no ID: sorts first
        List<CloudTrailEvent> out = new ArrayList<>();
        b.release(T0 + Times.SECOND, out::add);
        assertThat(ids(out)).containsExactly(null, "a", "a", "c", "m", "x", "y");
        assertThat(b.size()).isEqualTo(1);
    }

    /** The former implementation (FIFO plus a PriorityQueue), as the reference. */
    private static final class LegacyBuffer {
        private final long lateness;
        private final ArrayDeque<CloudTrailEvent> inOrder = new ArrayDeque<>();
        private final PriorityQueue<CloudTrailEvent> queue = new PriorityQueue<>(EventOrder.COMPARATOR);
        private long maxTime = Long.MIN_VALUE;

        LegacyBuffer(long lateness) {
            this.lateness = lateness;
        }

        long watermark() {
            return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
        }

        boolean isLate(CloudTrailEvent e) {
            return e.time() < watermark();
        }

        void add(CloudTrailEvent e) {
            CloudTrailEvent tail = inOrder.peekLast();
            if (tail == null || EventOrder.COMPARATOR.compare(tail, e) <= 0) {
                inOrder.addLast(e);
            } else {
                queue.add(e);
            }
            maxTime = Math.max(maxTime, e.time());
        }

        void release(long watermark, Consumer<CloudTrailEvent> out) {
            CloudTrailEvent e;
            while ((e = peek()) != null && e.time() < watermark) {
                out.accept(e == inOrder.peekFirst() ? inOrder.pollFirst() : queue.poll());
            }
        }

        void releaseAll(Consumer<CloudTrailEvent> out) {
            release(Long.MAX_VALUE, out);
            CloudTrailEvent e;
            while ((e = peek()) != null) { // events at Long.MAX_VALUE, if any
                out.accept(e == inOrder.peekFirst() ? inOrder.pollFirst() : queue.poll());
            }
        }

        int size() {
            return inOrder.size() + queue.size();
        }

        List<CloudTrailEvent> snapshot() {
            List<CloudTrailEvent> l = new ArrayList<>(inOrder);
            l.addAll(queue);
            l.sort(EventOrder.COMPARATOR);
            return l;
        }

        private CloudTrailEvent peek() {
            CloudTrailEvent a = inOrder.peekFirst();
            CloudTrailEvent b = queue.peek();
            if (a == null) {
                return b;
            }
            return b == null || EventOrder.COMPARATOR.compare(a, b) <= 0 ? a : b;
        }
    }
}
