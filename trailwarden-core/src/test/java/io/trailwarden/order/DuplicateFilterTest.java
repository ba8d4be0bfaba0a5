package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.util.Times;
import java.util.Map;
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
}
