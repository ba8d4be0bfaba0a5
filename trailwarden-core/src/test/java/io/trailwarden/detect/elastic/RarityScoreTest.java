package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trailwarden.config.Params;
import io.trailwarden.finding.Finding;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RarityScoreTest {

    @Test
    void scoreValuesForGivenKAndN() {
        assertThat(RarityScore.score(0, 168)).isEqualTo(100.0);
        assertThat(RarityScore.score(1, 168)).isEqualTo(25.0);
        assertThat(RarityScore.score(2, 168)).isCloseTo(11.111, within(0.001));
        assertThat(RarityScore.score(0, 84)).isEqualTo(50.0);
        assertThat(RarityScore.score(0, 1000)).isEqualTo(100.0);
        assertThat(RarityScore.score(3, 42)).isCloseTo(1.5625, within(1e-9));
        assertThat(RarityScore.score(0, 0)).isEqualTo(0.0);
        assertThatThrownBy(() -> RarityScore.score(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noFindingWhileFewerThanTwentyHoursOfData() {
        RarityScore s = new RarityScore(RarityScore.DEFAULT_MIN_HOURS);
        assertThat(RarityScore.score(0, 19)).isGreaterThan(10);
        assertThat(s.fires(0, 19, 10)).isFalse();
        assertThat(s.fires(0, 20, 10)).isTrue();
    }

    @Test
    void warmupIsTheDataAtWhichANewValueReachesTheThreshold() {
        RarityScore s = new RarityScore(20);
        assertThat(s.warmupHours(50)).isEqualTo(84);
        assertThat(s.warmupHours(75)).isEqualTo(126);
        assertThat(s.warmupHours(5)).isEqualTo(20);
    }

    @Test
    void morePastOccurrencesNeverRaiseTheScore() {
        for (int n = 0; n <= 400; n++) {
            for (int k = 0; k <= 60; k++) {
                // another past hour of the value, in an hour the model already had
                assertThat(RarityScore.score(k + 1, n)).isLessThanOrEqualTo(RarityScore.score(k, n));
                // another past hour of the value in an hour that also adds to N (a principal's own model);
                // from N = 0 (score 0, nothing can fire) any data raises the score, so N starts at 1
                if (n >= 1 && k <= n) {
                    assertThat(RarityScore.score(k + 1, n + 1)).isLessThanOrEqualTo(RarityScore.score(k, n));
                }
            }
        }
    }

    @Test
    void aCountryNeverSeenBeforeScoresHundredOnceAWeekOfDataExists() {
        List<Finding> f = new DetectorHarness(Geo.enricher(), List.of(),
                new RareCountryForApi(Params.defaults(RareCountryForApi.INFO)))
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 170)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-08T03:10:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.evidence()).containsEntry("partition", "PT").containsEntry("value", "ListBuckets")
                    .containsEntry("value_hours", 0).containsEntry("partition_hours", 0)
                    .containsEntry("score", 100.0);
            assertThat((Integer) x.evidence().get("data_hours")).isGreaterThanOrEqualTo(168);
        });
    }

    @Test
    void harnessFindingsShowScoresFallingAsTheValueRecurs() {
        Params p = Params.defaults(RareCountryForApi.INFO).set("threshold", 1);
        DetectorHarness h = new DetectorHarness(Geo.enricher(), List.of(), new RareCountryForApi(p));
        h.feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 24 * 10)));
        long t0 = Events.at("2024-03-08T00:05:00Z");
        for (int i = 0; i < 5; i++) {
            h.feed(Events.user("dev", "AKIADEV", Times.iso(t0 + i * 2 * Times.HOUR), "ListBuckets")
                    .sourceIp(Geo.LISBON));
        }
        List<Double> scores = new ArrayList<>();
        for (Finding x : h.finish()) {
            scores.add((Double) x.evidence().get("score"));
        }
        assertThat(scores).hasSize(5).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.get(0)).isEqualTo(100.0);
        assertThat(scores.get(1)).isEqualTo(25.0);
    }

    @Test
    void maxPastHoursAgreesWithTheScoreForEveryThresholdAndK() {
        double[] thresholds = {-5, 0, 1e-12, 0.35, 1, 11.1, 11.12, 25, 50, 75, 99.99, 100, 100.01, Double.NaN};
        for (double t : thresholds) {
            int max = RarityScore.maxPastHours(t);
            for (int k = 0; k <= 1000; k++) {
                assertThat(k <= max).as("threshold %s, k %d", t, k)
                        .isEqualTo(RarityScore.score(k, RarityScore.FULL_DATA_HOURS) >= t);
            }
        }
        assertThat(RarityScore.maxPastHours(50)).isZero();
        assertThat(RarityScore.maxPastHours(25)).isEqualTo(1);
        assertThat(RarityScore.maxPastHours(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(RarityScore.maxPastHours(100.5)).isEqualTo(-1);
        assertThat(RarityScore.maxPastHours(Double.NaN)).isEqualTo(-1);
    }
}
