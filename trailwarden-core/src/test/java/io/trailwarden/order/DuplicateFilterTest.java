package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {
    private static final long T0 = Times.parseUserTime("2024-03-01T10:00:00Z");
    private static final long HORIZON = 15 * Times.MINUTE + Times.HOUR;

    @Test
    void aSecondRecordWithTheSameEventIdIsADuplicate() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        assertThat(d.firstTime("e1", T0, Long.MIN_VALUE)).isTrue();
        assertThat(d.firstTime("e2", T0, Long.MIN_VALUE)).isTrue();
        assertThat(d.firstTime("e1", T0, Long.MIN_VALUE)).isFalse();
        assertThat(d.firstTime("e1", T0, T0 + HORIZON)).as("still within the horizon").isFalse();
    }

    @Test
    void recordsWithoutAnEventIdAreNeverDuplicates() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        assertThat(d.firstTime(null, T0, Long.MIN_VALUE)).isTrue();
        assertThat(d.firstTime(null, T0, Long.MIN_VALUE)).isTrue();
    }

    @Test
    void idsOlderThanTheHorizonBehindTheWatermarkAreForgotten() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        d.firstTime("old", T0, Long.MIN_VALUE);
        d.firstTime("new", T0 + 2 * Times.HOUR, Long.MIN_VALUE);
        long watermark = T0 + HORIZON + 1;
        assertThat(d.firstTime("probe", T0 + 2 * Times.HOUR, watermark)).isTrue();
        assertThat(d.snapshot()).containsOnlyKeys("new", "probe");
        assertThat(d.firstTime("old", T0, watermark)).as("forgotten, so accepted again").isTrue();
    }

    @Test
    void snapshotRestoresTheSeenIds() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        d.firstTime("e1", T0, Long.MIN_VALUE);
        DuplicateFilter r = new DuplicateFilter(HORIZON);
        r.restore(Map.copyOf(d.snapshot()));
        assertThat(r.firstTime("e1", T0, Long.MIN_VALUE)).isFalse();
    }

    private static final String U1 = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String U2 = "d9b2a7c4-1e3f-4a5b-9c8d-7e6f5a4b3c2d";

    @Test
    void idsAreComparedAsExactStringsByValueNotByInstance() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        assertThat(d.firstTime(U1, T0, Long.MIN_VALUE)).isTrue();
        assertThat(d.firstTime(new String(U1.toCharArray()), T0, Long.MIN_VALUE)).as("equal, not identical").isFalse();
        String upper = U1.toUpperCase(java.util.Locale.ROOT);
        assertThat(d.firstTime(upper, T0, Long.MIN_VALUE)).as("a different string, as before").isTrue();
        assertThat(d.firstTime(upper, T0, Long.MIN_VALUE)).isFalse();
        assertThat(d.firstTime("", T0, Long.MIN_VALUE)).as("an empty ID is an ID").isTrue();
        assertThat(d.firstTime("", T0, Long.MIN_VALUE)).isFalse();
        assertThat(d.snapshot()).containsOnlyKeys(U1, upper, "");
    }

    @Test
    void evictionFollowsInsertionOrderSoAnOldIdInsertedLateWaitsBehindNewerOnes() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        d.firstTime(U1, T0 + 2 * Times.HOUR, Long.MIN_VALUE);
        d.firstTime(U2, T0, Long.MIN_VALUE); // late arrival: older time, inserted after U1
        d.firstTime("other", T0, Long.MIN_VALUE);
        long watermark = T0 + HORIZON + 1; // U2 and "other" are past the horizon, U1 is not
        assertThat(d.firstTime(U2, T0, watermark)).as("still remembered behind U1").isFalse();
        assertThat(d.size()).isEqualTo(3);
        long later = T0 + 2 * Times.HOUR + HORIZON + 1; // now U1 goes, and the two behind it with it
        assertThat(d.firstTime(U2, T0, later)).isTrue();
        assertThat(d.snapshot()).containsExactly(Map.entry(U2, T0));
    }

    @Test
    void snapshotListsUuidsAndOtherIdsInInsertionOrderWithTheirTimes() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        d.firstTime(U2, T0 + 3, Long.MIN_VALUE);
        d.firstTime("e1", T0 + 1, Long.MIN_VALUE);
        d.firstTime(U1, T0 + 2, Long.MIN_VALUE);
        d.firstTime(U2, T0 + 9, Long.MIN_VALUE); // a duplicate keeps the first time and place
        assertThat(d.snapshot()).containsExactly(Map.entry(U2, T0 + 3), Map.entry("e1", T0 + 1), Map.entry(U1, T0 + 2));
    }

    @Test
    void restoreRebuildsTheSameSnapshotAndTheSameDuplicates() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        Random rnd = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            String id = rnd.nextInt(10) == 0 ? "id-" + i : new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            d.firstTime(id, T0 + rnd.nextInt(1000), Long.MIN_VALUE);
        }
        Map<String, Long> saved = new LinkedHashMap<>(d.snapshot());
        DuplicateFilter r = new DuplicateFilter(HORIZON);
        r.restore(saved);
        assertThat(r.snapshot()).containsExactlyEntriesOf(saved);
        for (String id : saved.keySet()) {
            assertThat(r.firstTime(id, T0, Long.MIN_VALUE)).isFalse();
        }
    }

    @Test
    void restoringAnIdAlreadyPresentTakesTheRestoredTimeInPlaceAsPutAllDid() {
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        d.firstTime(U1, T0, Long.MIN_VALUE);
        d.firstTime("e1", T0, Long.MIN_VALUE);
        d.firstTime(U2, T0, Long.MIN_VALUE);
        d.restore(Map.of(U1, T0 + 1, "e1", T0 + 2));
        assertThat(d.snapshot()).containsExactly(Map.entry(U1, T0 + 1), Map.entry("e1", T0 + 2), Map.entry(U2, T0));
    }

    @Test
    void randomTrafficGivesTheSameAnswersAndSnapshotsAsALinkedHashMap() {
        Random rnd = new Random(11);
        DuplicateFilter d = new DuplicateFilter(HORIZON);
        Legacy legacy = new Legacy(HORIZON);
        List<String> recent = new ArrayList<>();
        long t = T0;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < 300_000; i++) {
            t += rnd.nextInt(200) * 1L;
            if (i > 1000) {
                watermark = Math.max(watermark, t - 15 * Times.MINUTE);
            }
            String id;
            int kind = rnd.nextInt(20);
            if (kind == 0 && !recent.isEmpty()) {
                id = recent.get(rnd.nextInt(recent.size())); // a repeat, maybe already forgotten
            } else if (kind == 1) {
                id = "legacy-" + rnd.nextInt(50_000);
            } else if (kind == 2) {
                id = null;
            } else {
                id = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            }
            if (id != null && recent.size() < 10_000) {
                recent.add(id);
            } else if (id != null) {
                recent.set(rnd.nextInt(recent.size()), id);
            }
            long time = rnd.nextInt(50) == 0 ? t - rnd.nextInt(3 * 3600) * 1000L : t; // some far behind
            assertThat(d.firstTime(id, time, watermark)).as("event %d", i).isEqualTo(legacy.firstTime(id, time, watermark));
            if (i % 50_000 == 0) {
                assertThat(d.snapshot()).containsExactlyEntriesOf(legacy.seen);
            }
        }
        assertThat(d.snapshot()).containsExactlyEntriesOf(legacy.seen);
    }

    /** The former implementation, as the reference. */
    private static final class Legacy {
        private final long horizon;
        private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

        Legacy(long horizon) {
            this.horizon = horizon;
        }

        boolean firstTime(String eventId, long time, long watermark) {
            if (eventId == null) {
                return true;
            }
            if (watermark != Long.MIN_VALUE) {
                for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
                    if (it.next().getValue() < watermark - horizon) {
                        it.remove();
                    } else {
                        break;
                    }
                }
            }
            return seen.putIfAbsent(eventId, time) == null;
        }
    }
}
