package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CtukeyTest {

    @Test
    void microsoftsPublishedExampleAtTenNinety() {
        double[] series = {-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4};
        double[] expected = {-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0, 0, 0, 0, 0, 0, 0, 0,
            1.6702443406674186, 0, 0, 0, 0};
        double[] got = Ctukey.scores(series, 10, 90, 2.772605605507915);
        for (int i = 0; i < series.length; i++) {
            assertThat(got[i]).as("score %d", i).isCloseTo(expected[i], within(1e-9));
        }
    }

    @Test
    void factorForFiveNinetyFive() {
        assertThat(Ctukey.factor(5, 95)).isCloseTo(4.686, within(0.001));
        assertThat(Ctukey.normalQuantile(0.95)).isCloseTo(1.6448536269514722, within(1e-8));
    }

    @Test
    void zeroSpreadIsTakenAsOne() {
        assertThat(Ctukey.score(3, 0, 0, 2.0)).isEqualTo(6.0);
        assertThat(Ctukey.score(0, 0, 0, 2.0)).isEqualTo(0.0);
    }
}
