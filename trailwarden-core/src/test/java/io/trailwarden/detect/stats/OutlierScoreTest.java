package io.trailwarden.detect.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutlierScoreTest {
    /** Kusto's own constant for ctukey 10/90 (DETECTIONS.md). */
    static final double KUSTO_F_10_90 = 2.772605605507915;

    @Test
    void reproducesMicrosoftsPublishedTenNinetyExample() {
        double[] series = {-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4};
        double[] expected = {-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0, 0, 0, 0, 0, 0, 0, 0,
                1.6702443406674186, 0, 0, 0, 0};
        double[] got = new OutlierScore(10, 90, KUSTO_F_10_90, 1.0).scores(series);
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(got[i]).as("score %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void factorFollowsTheNormalQuantileFormula() {
        assertThat(OutlierScore.factor(5, 95)).isCloseTo(4.6857193225, within(1e-9));
        // 1.5·(2·z90)/(2.69796 − z90), z90 = 1.2815515655446004
        assertThat(OutlierScore.factor(10, 90)).isCloseTo(1.5 * 2 * 1.2815515655446004 / (2.69796 - 1.2815515655446004),
                within(1e-12));
        assertThat(new OutlierScore(5, 95).factor()).isEqualTo(OutlierScore.factor(5, 95));
    }

    @Test
    void normalQuantileMatchesKnownValues() {
        assertThat(OutlierScore.normalQuantile(0.5)).isEqualTo(0.0);
        assertThat(OutlierScore.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(OutlierScore.normalQuantile(0.05)).isCloseTo(-1.6448536269514729, within(1e-14));
        assertThat(OutlierScore.normalQuantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-12));
        assertThat(OutlierScore.normalQuantile(1 - 1e-3)).isCloseTo(3.090232306167813, within(1e-12));
    }

    @Test
    void percentilesInterpolateLinearlyBetweenClosestRanksAsNumpy() {
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // rank = p·(n−1): 10% → 0.9 → 1.9; 95% → 8.55 → 9.55; 50% → 4.5 → 5.5
        assertThat(OutlierScore.percentile(oneToTen, 10)).isCloseTo(1.9, within(1e-12));
        assertThat(OutlierScore.percentile(oneToTen, 95)).isCloseTo(9.55, within(1e-12));
        assertThat(OutlierScore.percentile(oneToTen, 50)).isCloseTo(5.5, within(1e-12));
        assertThat(OutlierScore.percentile(oneToTen, 0)).isEqualTo(1);
        assertThat(OutlierScore.percentile(oneToTen, 100)).isEqualTo(10);
        assertThat(OutlierScore.percentile(new double[] {7}, 5)).isEqualTo(7);
        assertThat(OutlierScore.percentile(new double[] {0, 10}, 25)).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void percentilesOfFourteenDaysOfHoursUseRanksSixteenPointSevenFiveAndThreeEighteenPointTwoFive() {
        double[] series = new double[336];
        for (int i = 0; i < series.length; i++) {
            series[i] = i; // sorted already: value = rank
        }
        OutlierScore.Fences f = new OutlierScore(5, 95).fences(series);
        assertThat(f.low()).isCloseTo(16.75, within(1e-12));
        assertThat(f.high()).isCloseTo(318.25, within(1e-12));
        assertThat(f.spread()).isCloseTo(301.5, within(1e-12));
    }

    @Test
    void fencesOfASeriesReadThroughAnAccessorNeedNoCopy() {
        // ten zeros in front of 1..10, read without materialising the series (as error-message-spike does)
        int zeros = 10;
        OutlierScore s = new OutlierScore(5, 95);
        OutlierScore.Fences f = s.fencesOfSorted(20, i -> i < zeros ? 0 : i - zeros + 1);
        // rank 0.95 → between two zeros; rank 18.05 → between 9 and 10
        assertThat(f.low()).isZero();
        assertThat(f.high()).isCloseTo(9.05, within(1e-12));
        assertThat(f.spread()).isCloseTo(9.05, within(1e-12));
        assertThat(f.score(10)).isCloseTo(OutlierScore.factor(5, 95) * 0.95 / 9.05, within(1e-12));
        assertThat(OutlierScore.percentile(20, i -> i < zeros ? 0 : i - zeros + 1, 50)).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> s.fencesOfSorted(0, i -> 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroSpreadIsTakenAsOneCall() {
        double[] series = new double[336];
        series[335] = 3;
        OutlierScore s = new OutlierScore(5, 95);
        OutlierScore.Fences f = s.fences(series);
        assertThat(f.low()).isZero();
        assertThat(f.high()).isZero();
        assertThat(f.spread()).isEqualTo(1.0);
        assertThat(f.score(3)).isCloseTo(3 * OutlierScore.factor(5, 95), within(1e-12));
        assertThat(s.scores(series)[0]).isZero();
    }

    @Test
    void aConfiguredZeroSpreadIsUsed() {
        double[] series = new double[100];
        series[99] = 4;
        OutlierScore.Fences f = new OutlierScore(5, 95, 2.0, 4.0).fences(series);
        assertThat(f.score(4)).isCloseTo(2.0 * 4 / 4.0, within(1e-12));
    }

    @Test
    void theFenceRegionScoresZeroAndOutsideIsSignedDistanceOverSpread() {
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        OutlierScore s = new OutlierScore(10, 90, 2.0, 1.0);
        OutlierScore.Fences f = s.fences(oneToTen); // P10 = 1.9, P90 = 9.1, R = 7.2
        assertThat(f.score(1.9)).isZero();
        assertThat(f.score(9.1)).isZero();
        assertThat(f.score(5)).isZero();
        assertThat(f.score(10)).isCloseTo(2.0 * (10 - 9.1) / 7.2, within(1e-12));
        assertThat(f.score(1)).isCloseTo(2.0 * (1 - 1.9) / 7.2, within(1e-12)).isNegative();
    }

    @Test
    void scoringDoesNotReorderTheCallersSeries() {
        double[] series = {5, 1, 3};
        new OutlierScore(5, 95).scores(series);
        assertThat(series).containsExactly(5, 1, 3);
    }

    @Test
    void rejectsPercentilesOutOfOrderOrBeyondTukeysFence() {
        assertThatThrownBy(() -> new OutlierScore(95, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutlierScore(1, 99.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutlierScore(5, 95, 4.7, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
