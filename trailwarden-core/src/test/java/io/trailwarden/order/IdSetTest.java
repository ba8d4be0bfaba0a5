package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdSetTest {
    /** 2^n distinct strings with one hash code: "Aa" and "BB" hash alike, and so does any sequence of them. */
    private static List<String> collidingStrings(int n) {
        List<String> l = new ArrayList<>(List.of(""));
        for (int i = 0; i < n; i++) {
            List<String> next = new ArrayList<>();
            for (String s : l) {
                next.add(s + "Aa");
                next.add(s + "BB");
            }
            l = next;
        }
        return l;
    }

    @Test
    void addsOnceByEqualityAndRemovesTheSameInstance() {
        IdSet s = new IdSet(16);
        String a = "event-1";
        assertThat(s.add(a)).isTrue();
        assertThat(s.add(new String("event-1".toCharArray()))).as("equal, not identical").isFalse();
        assertThat(s.contains("event-1")).isTrue();
        assertThat(s.removeSame(new String("event-1".toCharArray()), a.hashCode())).as("another instance").isFalse();
        assertThat(s.removeSame(a, a.hashCode())).isTrue();
        assertThat(s.removeSame(a, a.hashCode())).isFalse();
        assertThat(s.contains("event-1")).isFalse();
        assertThat(s.size()).isZero();
    }

    @Test
    void growsPastHalfFullAndKeepsEveryKey() {
        IdSet s = new IdSet(16);
        Random rnd = new Random(1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String k = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            keys.add(k);
            assertThat(s.add(k)).isTrue();
            assertThat(s.size() * 2).isLessThanOrEqualTo(s.capacity());
        }
        assertThat(s.capacity()).isGreaterThanOrEqualTo(200_000);
        for (String k : keys) {
            assertThat(s.contains(new String(k.toCharArray()))).isTrue();
        }
    }

    @Test
    void keysWithEqualHashCodesAreDistinctAndSurviveRemovalsInsideTheirRun() {
        List<String> same = collidingStrings(3); // 8 strings, one hash: one probe run
        IdSet s = new IdSet(64);
        for (String k : same) {
            assertThat(s.add(k)).isTrue();
        }
        assertThat(s.capacity()).as("no growth: the run stays one run").isEqualTo(64);
        assertThat(s.removeSame(same.get(1), same.get(1).hashCode())).isTrue();
        assertThat(s.removeSame(same.get(4), same.get(4).hashCode())).isTrue();
        for (int i = 0; i < same.size(); i++) {
            assertThat(s.contains(same.get(i))).as("key " + i).isEqualTo(i != 1 && i != 4);
        }
        assertThat(s.add(same.get(1))).as("removed, so new again").isTrue();
    }

    @Test
    void aRunThatWrapsPastTheTableEndStaysReachableAfterRemovals() {
        IdSet s = new IdSet(64);
        // Strings whose home is the last slot: their run wraps to slot 0 and on.
        List<String> last = new ArrayList<>();
        for (int i = 0; last.size() < 6; i++) {
            String k = "id" + i;
            if (s.home(k.hashCode()) == 63) {
                last.add(k);
            }
        }
        last.forEach(s::add);
        assertThat(s.removeSame(last.get(0), last.get(0).hashCode())).isTrue();
        assertThat(s.removeSame(last.get(3), last.get(3).hashCode())).isTrue();
        for (int i = 0; i < last.size(); i++) {
            assertThat(s.contains(last.get(i))).as("key " + i).isEqualTo(i != 0 && i != 3);
        }
    }

    @Test
    void randomAddsAndRemovesOverCollidingKeysMatchAMap() {
        // Few keys, many sharing one hash: long runs, removals inside runs, wrap-around at the table's end.
        List<String> pool = new ArrayList<>(collidingStrings(4));
        for (int i = 0; i < 40; i++) {
            pool.add("k" + i);
        }
        Random rnd = new Random(3);
        IdSet s = new IdSet(16);
        Map<String, String> model = new HashMap<>(); // key -> the instance added
        for (int i = 0; i < 200_000; i++) {
            String k = new String(pool.get(rnd.nextInt(pool.size())).toCharArray());
            if (rnd.nextBoolean()) {
                boolean added = s.add(k);
                assertThat(added).isEqualTo(!model.containsKey(k));
                model.putIfAbsent(k, k);
            } else {
                String instance = model.remove(k);
                if (instance != null) {
                    assertThat(s.removeSame(instance, instance.hashCode())).isTrue();
                } else {
                    assertThat(s.removeSame(k, k.hashCode())).isFalse();
                }
            }
            assertThat(s.size()).isEqualTo(model.size());
            String q = pool.get(rnd.nextInt(pool.size()));
            assertThat(s.contains(q)).isEqualTo(model.containsKey(q));
        }
    }
}
