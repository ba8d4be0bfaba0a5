package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.util.Times;
import org.junit.jupiter.api.Test;

class DataCoverageTest {
    private static long t(String s) {
        return Times.parseUserTime(s);
    }

    @Test
    void countsHoursWithDataInAHalfOpenRangeWhateverTheArrivalOrder() {
        DataCoverage c = new DataCoverage();
        c.add(t("2024-03-02T10:30:00Z"));
        c.add(t("2024-03-02T10:59:00Z"));
        c.add(t("2024-03-01T08:00:00Z")); // earlier than the first: the bit set shifts
        c.add(t("2024-03-02T12:00:00Z"));
        assertThat(c.firstEventTime()).isEqualTo(t("2024-03-01T08:00:00Z"));
        assertThat(c.hoursWithData(t("2024-03-01"), t("2024-03-03"))).isEqualTo(3);
        assertThat(c.hoursWithData(t("2024-03-02T10:00:00Z"), t("2024-03-02T12:00:00Z"))).isEqualTo(1);
        assertThat(c.hoursWithData(t("2024-03-02T10:00:00Z"), t("2024-03-02T12:00:01Z"))).isEqualTo(2);
        assertThat(c.hoursWithData(t("2024-02-01"), t("2024-02-02"))).isZero();
        assertThat(c.covers(t("2024-03-01T08:00:00Z"))).isTrue();
        assertThat(c.covers(t("2024-03-01T07:59:59Z"))).isFalse();
    }

    @Test
    void restoresFromItsSnapshotForm() {
        DataCoverage c = new DataCoverage();
        c.add(t("2024-03-01T08:00:00Z"));
        c.add(t("2024-03-03T08:00:00Z"));
        DataCoverage r = new DataCoverage();
        r.restore(c.firstEventTime(), c.baseHour(), c.bits());
        assertThat(r.hoursWithData(t("2024-03-01"), t("2024-03-04"))).isEqualTo(2);
        r.add(t("2024-03-02T08:00:00Z"));
        assertThat(r.hoursWithData(t("2024-03-01"), t("2024-03-04"))).isEqualTo(3);
    }

    @Test
    void emptyCoverageHasNoHoursAndNoStart() {
        DataCoverage c = new DataCoverage();
        assertThat(c.firstEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.hoursWithData(0, Long.MAX_VALUE / 2)).isZero();
    }
}
