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
        assertThat(s.removeSame(new String("event-1".toCharArray()), IdSet.hash(a))).as("another instance").isFalse();
        assertThat(s.removeSame(a, IdSet.hash(a))).isTrue();
        assertThat(s.removeSame(a, IdSet.hash(a))).isFalse();
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
        List<String> same = collidingStrings(3); // 8 strings, one hash (under 8 characters: String.hashCode): one run
        IdSet s = new IdSet(64);
        for (String k : same) {
            assertThat(s.add(k)).isTrue();
        }
        assertThat(s.capacity()).as("no growth: the run stays one run").isEqualTo(64);
        assertThat(s.removeSame(same.get(1), IdSet.hash(same.get(1)))).isTrue();
        assertThat(s.removeSame(same.get(4), IdSet.hash(same.get(4)))).isTrue();
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
            if (s.home(IdSet.hash(k)) == 63) {
                last.add(k);
            }
        }
        last.forEach(s::add);
        assertThat(s.removeSame(last.get(0), IdSet.hash(last.get(0)))).isTrue();
        assertThat(s.removeSame(last.get(3), IdSet.hash(last.get(3)))).isTrue();
        for (int i = 0; i < last.size(); i++) {
            assertThat(s.contains(last.get(i))).as("key " + i).isEqualTo(i != 0 && i != 3);
        }
    }

    @Test
    void randomAddsAndRemovesOverCollidingKeysMatchAMap() {
        // Few keys sharing three hashes (forced): long runs, removals inside runs, wrap-around at the table's end.
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
                boolean added = s.add(k, forced(k));
                assertThat(added).isEqualTo(!model.containsKey(k));
                model.putIfAbsent(k, k);
            } else {
                String instance = model.remove(k);
                if (instance != null) {
                    assertThat(s.removeSame(instance, forced(instance))).isTrue();
                } else {
                    assertThat(s.removeSame(k, forced(k))).isFalse();
                }
            }
            assertThat(s.size()).isEqualTo(model.size());
            String q = pool.get(rnd.nextInt(pool.size()));
            assertThat(s.contains(q, forced(q))).isEqualTo(model.containsKey(q));
        }
    }

    /** Three hash values for all keys: forces long runs of collisions. */
    private static int forced(String k) {
        return 1 + Math.floorMod(k.hashCode(), 3);
    }

    @Test
    void hashIsNeverZeroAndEqualForEqualStringsOfEveryLength() {
        assertThat(IdSet.hash("")).as("\"\".hashCode() is 0").isNotZero();
        StringBuilder b = new StringBuilder();
        for (int n = 0; n <= 70; n++) {
            String k = b.toString();
            assertThat(IdSet.hash(k)).as("length %d", n).isNotZero().isEqualTo(IdSet.hash(new String(k.toCharArray())));
            b.append((char) ('a' + n % 26));
        }
        assertThat(IdSet.hash("\u20ac-non-latin-1-characters")).isNotZero();
    }

    @Test
    void uuidsThatDifferInAnySingleCharacterHashApart() {
        String u = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        Map<Integer, String> seen = new HashMap<>();
        seen.put(IdSet.hash(u), u);
        for (int i = 0; i < u.length(); i++) {
            for (char c : "0123456789abcdef-".toCharArray()) {
                if (c != u.charAt(i)) {
                    String v = u.substring(0, i) + c + u.substring(i + 1);
                    assertThat(seen.put(IdSet.hash(v), v)).as(v).isNull();
                }
            }
        }
        assertThat(seen).hasSize(1 + 36 * 16);
    }

    @Test
    void equalHashesOfDifferentStringsStayDistinctKeys() {
        IdSet s = new IdSet(16);
        String a = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        String b = "d9b2a7c4-1e3f-4a5b-9c8d-7e6f5a4b3c2d";
        assertThat(s.add(a, 7)).isTrue();
        assertThat(s.add(b, 7)).isTrue();
        assertThat(s.contains(b, 7)).isTrue();
        assertThat(s.contains(new String(a.toCharArray()), 7)).isTrue();
        assertThat(s.removeSame(a, 7)).isTrue();
        assertThat(s.contains(a, 7)).isFalse();
        assertThat(s.contains(b, 7)).isTrue();
    }
}
