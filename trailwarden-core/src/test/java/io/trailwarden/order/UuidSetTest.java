package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UuidSetTest {
    private record Key(long hi, long lo) {
    }

    @Test
    void addsOnceAndRemovesOnce() {
        UuidSet s = new UuidSet(16);
        assertThat(s.add(1, 2)).isTrue();
        assertThat(s.add(1, 2)).isFalse();
        assertThat(s.add(2, 1)).as("halves are not interchangeable").isTrue();
        assertThat(s.contains(1, 2)).isTrue();
        assertThat(s.remove(1, 2)).isTrue();
        assertThat(s.remove(1, 2)).isFalse();
        assertThat(s.contains(1, 2)).isFalse();
        assertThat(s.contains(2, 1)).isTrue();
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void growsPastHalfFullAndKeepsEveryKey() {
        UuidSet s = new UuidSet(16);
        Random rnd = new Random(1);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            Key k = new Key(rnd.nextLong(), i + 1);
            keys.add(k);
            assertThat(s.add(k.hi(), k.lo())).isTrue();
            assertThat(s.size() * 2).isLessThanOrEqualTo(s.capacity());
        }
        assertThat(s.capacity()).isGreaterThanOrEqualTo(200_000);
        for (Key k : keys) {
            assertThat(s.contains(k.hi(), k.lo())).isTrue();
        }
    }

    @Test
    void removingFromTheMiddleOfACollisionRunThatWrapsTheTableEndKeepsTheRestReachable() {
        // Eight keys with the same home slot near the end of a 64-slot table: one probe run, wrapping to slot 0.
        UuidSet s = new UuidSet(64);
        List<Key> same = new ArrayList<>();
        for (long lo = 1; same.size() < 8; lo++) {
            if (s.home(0, lo) == 62) {
                same.add(new Key(0, lo));
            }
        }
        for (Key k : same) {
            s.add(k.hi(), k.lo());
        }
        assertThat(s.capacity()).as("no growth: the run stays one run").isEqualTo(64);
        assertThat(s.remove(same.get(1).hi(), same.get(1).lo())).isTrue();
        assertThat(s.remove(same.get(4).hi(), same.get(4).lo())).isTrue();
        for (int i = 0; i < same.size(); i++) {
            assertThat(s.contains(same.get(i).hi(), same.get(i).lo())).as("key " + i).isEqualTo(i != 1 && i != 4);
        }
        assertThat(s.add(same.get(1).hi(), same.get(1).lo())).as("removed, so new again").isTrue();
    }

    @Test
    void randomAddsAndRemovesOverAFewCollidingKeysMatchAHashSet() {
        Random rnd = new Random(3);
        UuidSet s = new UuidSet(16);
        Set<Key> model = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            // A small key space: long probe runs, many removals inside runs, wrap-around at the table's end.
            Key k = new Key(rnd.nextInt(4), 1 + rnd.nextInt(60));
            if (rnd.nextBoolean()) {
                assertThat(s.add(k.hi(), k.lo())).isEqualTo(model.add(k));
            } else {
                assertThat(s.remove(k.hi(), k.lo())).isEqualTo(model.remove(k));
            }
            assertThat(s.size()).isEqualTo(model.size());
            Key q = new Key(rnd.nextInt(4), 1 + rnd.nextInt(60));
            assertThat(s.contains(q.hi(), q.lo())).isEqualTo(model.contains(q));
        }
    }
}
