package io.trailwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairKeyCacheTest {

    @Test
    void joinsWithTheSeparatorAndReturnsTheSameInstanceForARepeatedPair() {
        PairKeyCache c = new PairKeyCache('|', 64);
        String k = c.join("AKIA1", "arn:aws:iam::1:user/a");
        assertThat(k).isEqualTo("AKIA1|arn:aws:iam::1:user/a");
        assertThat(c.join("AKIA1", "arn:aws:iam::1:user/a")).isSameAs(k);
    }

    @Test
    void equalPartsThatAreNotTheSameInstanceStillHit() {
        PairKeyCache c = new PairKeyCache('/', 64);
        String k = c.join("DE", "Berlin");
        assertThat(c.join(new String("DE"), new String("Berlin"))).isSameAs(k);
    }

    @Test
    void differentPairsNeverShareAKeyEvenWhenTheyCollide() {
        // a single slot: every pair collides and replaces the previous one
        PairKeyCache c = new PairKeyCache('/', 1);
        assertThat(c.join("DE", "Berlin")).isEqualTo("DE/Berlin");
        assertThat(c.join("US", "Berlin")).isEqualTo("US/Berlin");
        assertThat(c.join("DE", "Bonn")).isEqualTo("DE/Bonn");
        assertThat(c.join("DE", "Berlin")).isEqualTo("DE/Berlin");
        // parts whose concatenations are equal are still different pairs of parts
        assertThat(c.join("a/b", "c")).isEqualTo("a/b/c");
        assertThat(c.join("a", "b/c")).isEqualTo("a/b/c");
    }

    @Test
    void manyPairsAllJoinCorrectlyInAFixedTable() {
        PairKeyCache c = new PairKeyCache('|', 16);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(c.join("k" + i, "arn" + (i % 7))).isEqualTo("k" + i + "|arn" + (i % 7));
            }
        }
    }
}
