package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.List;
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
}
