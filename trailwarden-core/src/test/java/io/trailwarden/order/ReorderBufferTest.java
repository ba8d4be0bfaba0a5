package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    void interleavedSourcesWithDuplicatesAndMissingIdsAreReleasedAsAStableSortOfTheirArrival() {
        // Many files of different accounts interleave, each ascending: equal events (same time and ID) must
        // come out in arrival order, exactly as a stable sort of the arrivals would give them.
        Random rnd = new Random(17);
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        ReferenceBuffer ref = new ReferenceBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> out = new ArrayList<>();
        List<CloudTrailEvent> expected = new ArrayList<>();
        long[] cursor = new long[30];
        for (int i = 0; i < 60_000; i++) {
            int file = rnd.nextInt(cursor.length);
            cursor[file] += rnd.nextInt(40) * Times.SECOND;
            int r = rnd.nextInt(30);
            String id = r == 0 ? null : r == 1 ? "dup" : Integer.toString(rnd.nextInt(1000), 36);
            CloudTrailEvent e = ev(id, cursor[file]);
            assertThat(b.isLate(e)).isEqualTo(ref.isLate(e));
            if (b.isLate(e)) {
                continue;
            }
            if (rnd.nextInt(50) == 0) {
                CloudTrailEvent copy = ev(id, cursor[file]); // the same record delivered twice: equal, not identical
                b.add(copy);
                ref.add(copy);
            }
            b.add(e);
            ref.add(e);
            b.release(b.watermark(), out::add);
            ref.release(ref.watermark(), expected::add);
            assertThat(b.size()).isEqualTo(ref.size());
            if (i % 997 == 0) {
                assertSameInstances(b.snapshot(), ref.snapshot());
            }
        }
        assertSameInstances(b.snapshot(), ref.snapshot());
        b.releaseAll(out::add);
        ref.releaseAll(expected::add);
        assertSameInstances(out, expected);
        int ties = 0;
        for (int i = 1; i < expected.size(); i++) {
            ties += EventOrder.compare(expected.get(i - 1), expected.get(i)) == 0 ? 1 : 0;
        }
        assertThat(ties).as("equal events that only arrival order separates").isGreaterThan(200);
    }

    @Test
    void equalEventsLeaveInArrivalOrderAlsoWhenAddedAfterTheirSecondWasOpened() {
        ReorderBuffer b = new ReorderBuffer(0);
        CloudTrailEvent first = ev("k", 300);
        CloudTrailEvent second = ev("k", 300);
        CloudTrailEvent third = ev("k", 300);
        b.add(ev("early", 100));
        b.add(first);
        List<CloudTrailEvent> out = new ArrayList<>();
        b.release(T0 + 200, out::add); // releases "early": the bucket holding 300 is now sorted and open
        assertThat(ids(out)).containsExactly("early");
        b.add(second);
        b.add(ev("a", 300));
        b.add(third);
        b.add(ev("z", 300));
        out.clear();
        b.release(T0 + 301, out::add);
        assertThat(ids(out)).containsExactly("a", "k", "k", "k", "z");
        assertThat(out.get(1)).isSameAs(first);
        assertThat(out.get(2)).isSameAs(second);
        assertThat(out.get(3)).isSameAs(third);
    }

    @Test
    void randomArrivalsGapsStragglersAndWatermarksMatchTheStableSortReference() {
        // Lateness 0, one second, 15 minutes and three days (wide buckets); gaps of days (events set aside beyond
        // the ring), negative times, late adds, releases past the buffer's own watermark, snapshots and restores.
        long[] latenesses = {0, Times.SECOND, 15 * Times.MINUTE, 3 * Times.DAY};
        for (int round = 0; round < 40; round++) {
            Random rnd = new Random(round);
            long lateness = latenesses[round % latenesses.length];
            ReorderBuffer b = new ReorderBuffer(lateness);
            ReferenceBuffer ref = new ReferenceBuffer(lateness);
            List<CloudTrailEvent> out = new ArrayList<>();
            List<CloudTrailEvent> expected = new ArrayList<>();
            long[] cursor = new long[1 + rnd.nextInt(20)];
            Arrays.fill(cursor, (rnd.nextInt(5) - 2) * Times.DAY); // some rounds start at negative times
            boolean engineLike = round % 3 != 0; // otherwise late adds and arbitrary watermarks too
            for (int i = 0; i < 3_000; i++) {
                int file = rnd.nextInt(cursor.length);
                int jump = rnd.nextInt(1000);
                if (jump == 0) {
                    cursor[file] += (1 + rnd.nextInt(5)) * Times.DAY;
                } else if (jump < 5) {
                    cursor[file] -= rnd.nextInt(2 * (int) Math.min(lateness + 1, Times.HOUR));
                } else {
                    cursor[file] += rnd.nextInt(3) * (rnd.nextBoolean() ? Times.SECOND : rnd.nextInt(4000));
                }
                CloudTrailEvent e = ev(rnd.nextInt(8) == 0 ? null : Integer.toString(rnd.nextInt(20), 36), cursor[file]);
                assertThat(b.isLate(e)).isEqualTo(ref.isLate(e));
                if (engineLike && b.isLate(e)) {
                    continue;
                }
                b.add(e);
                ref.add(e);
                if (rnd.nextInt(4) != 0) {
                    long wm = engineLike || rnd.nextBoolean() ? b.watermark() : e.time() + rnd.nextInt(5000) - 2500;
                    b.release(wm, out::add);
                    ref.release(wm, expected::add);
                }
                assertThat(b.size()).as("round %d event %d", round, i).isEqualTo(ref.size());
                if (rnd.nextInt(300) == 0) {
                    assertSameInstances(b.snapshot(), ref.snapshot());
                    ReorderBuffer restored = new ReorderBuffer(lateness);
                    restored.restore(b.maxTime(), b.snapshot());
                    assertThat(restored.watermark()).isEqualTo(b.watermark());
                    b = restored;
                }
            }
            assertSameInstances(b.snapshot(), ref.snapshot());
            b.releaseAll(out::add);
            ref.releaseAll(expected::add);
            assertThat(b.size()).isZero();
            assertSameInstances(out, expected);
        }
    }

    @Test
    void aGapOfDaysIsSetAsideAndReleasedAfterTheEventsBeforeIt() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> out = new ArrayList<>();
        b.add(ev("before", 0));
        b.add(ev("later", 3 * Times.DAY)); // far beyond the ring
        b.add(ev("later", 3 * Times.DAY)); // its duplicate
        b.add(ev("b", 3 * Times.DAY - Times.MINUTE));
        assertThat(b.size()).isEqualTo(4);
        assertThat(ids(b.snapshot())).containsExactly("before", "b", "later", "later");
        b.release(b.watermark(), out::add);
        assertThat(ids(out)).containsExactly("before");
        b.add(ev("a", 3 * Times.DAY)); // same second as the events set aside
        b.add(ev("next", 3 * Times.DAY + 20 * Times.MINUTE));
        b.release(b.watermark(), out::add);
        assertThat(ids(out)).containsExactly("before", "b", "a", "later", "later");
        b.releaseAll(out::add);
        assertThat(ids(out)).endsWith("next");
        assertThat(b.size()).isZero();
    }

    @Test
    void withLatenessZeroAnEventWaitsOnlyForALaterTime() {
        ReorderBuffer b = new ReorderBuffer(0);
        List<CloudTrailEvent> out = new ArrayList<>();
        b.add(ev("b", 0));
        b.add(ev("a", 0));
        b.release(b.watermark(), out::add);
        assertThat(out).isEmpty();
        assertThat(b.isLate(ev("x", -1))).isTrue();
        b.add(ev("c", 1));
        b.release(b.watermark(), out::add);
        assertThat(ids(out)).containsExactly("a", "b");
        assertThat(b.size()).isEqualTo(1);
    }

    @Test
    void anEmptyBufferReleasesNothingAndHasAnEmptySnapshot() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> out = new ArrayList<>();
        b.release(Long.MAX_VALUE, out::add);
        b.releaseAll(out::add);
        assertThat(out).isEmpty();
        assertThat(b.snapshot()).isEmpty();
        b.add(ev("a", 0));
        b.releaseAll(out::add);
        b.release(Long.MAX_VALUE, out::add);
        assertThat(ids(out)).containsExactly("a");
        assertThat(b.size()).isZero();
        assertThat(b.snapshot()).isEmpty();
    }

    @Test
    void negativeTimesAndTheEndsOfTheTimeRangeAreOrdered() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        List<CloudTrailEvent> out = new ArrayList<>();
        for (long t : new long[] {-1, -1025, 0, -1024, 1023, Long.MAX_VALUE, -1}) {
            b.add(CloudTrailEvent.builder().eventId(Long.toString(t)).time(t).build());
        }
        assertThat(b.snapshot()).extracting(CloudTrailEvent::time)
                .containsExactly(-1025L, -1024L, -1L, -1L, 0L, 1023L, Long.MAX_VALUE);
        b.release(b.watermark(), out::add);
        assertThat(out).extracting(CloudTrailEvent::time).containsExactly(-1025L, -1024L, -1L, -1L, 0L, 1023L);
        b.releaseAll(out::add);
        assertThat(out).extracting(CloudTrailEvent::time).endsWith(Long.MAX_VALUE);
    }

    @Test
    void eventsOfOneSecondArrivingOutOfOrderAreReleasedSortedByIdDuplicatesIncludedInArrivalOrder() {
        ReorderBuffer b = new ReorderBuffer(15 * Times.MINUTE);
        CloudTrailEvent a1 = ev("a", 0);
        CloudTrailEvent a2 = ev("a", 0);
        b.add(ev("m", 0));
        b.add(ev("x", 0));
        b.add(ev("c", 0));
        b.add(ev("z", Times.SECOND));
        b.add(a1);
        b.add(ev("y", 0));
        b.add(a2); // a duplicate: both released, in arrival order
        b.add(CloudTrailEvent.builder().time(T0).build()); // no ID: sorts first
        List<CloudTrailEvent> out = new ArrayList<>();
        b.release(T0 + Times.SECOND, out::add);
        assertThat(ids(out)).containsExactly(null, "a", "a", "c", "m", "x", "y");
        assertThat(out.get(1)).isSameAs(a1);
        assertThat(out.get(2)).isSameAs(a2);
        assertThat(b.size()).isEqualTo(1);
    }

    private static void assertSameInstances(List<CloudTrailEvent> actual, List<CloudTrailEvent> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("event %d", i).isSameAs(expected.get(i));
        }
    }

    /**
     * The rule itself, as the reference: the buffered events in arrival order; a release stably sorts them by
     * {@link EventOrder} and takes those older than the watermark.
     */
    private static final class ReferenceBuffer {
        private final long lateness;
        private final List<CloudTrailEvent> buffered = new ArrayList<>();
        private long maxTime = Long.MIN_VALUE;

        ReferenceBuffer(long lateness) {
            this.lateness = lateness;
        }

        long watermark() {
            return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
        }

        boolean isLate(CloudTrailEvent e) {
            return e.time() < watermark();
        }

        void add(CloudTrailEvent e) {
            buffered.add(e);
            maxTime = Math.max(maxTime, e.time());
        }

        void release(long watermark, Consumer<CloudTrailEvent> out) {
            List<CloudTrailEvent> sorted = snapshot();
            buffered.clear();
            for (CloudTrailEvent e : sorted) {
                if (e.time() < watermark) {
                    out.accept(e);
                } else {
                    buffered.add(e);
                }
            }
        }

        void releaseAll(Consumer<CloudTrailEvent> out) {
            snapshot().forEach(out);
            buffered.clear();
        }

        int size() {
            return buffered.size();
        }

        List<CloudTrailEvent> snapshot() {
            List<CloudTrailEvent> l = new ArrayList<>(buffered);
            l.sort(EventOrder.COMPARATOR); // stable
            return l;
        }
    }
}
