package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    private static final String U1 = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String U2 = "d9b2a7c4-1e3f-4a5b-9c8d-7e6f5a4b3c2d";

    @Test
    void findsAnEqualIdByValueAndRemovesByPosition() {
        IdIndex x = new IdIndex(16);
        String[] ids = new String[8];
        ids[3] = U1;
        assertThat(x.add(U1, IdIndex.hash(U1), 3, ids)).isTrue();
        String copy = new String(U1.toCharArray());
        assertThat(x.add(copy, IdIndex.hash(copy), 4, ids)).as("equal, not identical").isFalse();
        assertThat(x.find(copy, IdIndex.hash(copy), ids)).isEqualTo(3);
        assertThat(x.remove(IdIndex.hash(U1), 4)).as("another position").isFalse();
        assertThat(x.remove(IdIndex.hash(U1), 3)).isTrue();
        assertThat(x.remove(IdIndex.hash(U1), 3)).isFalse();
        assertThat(x.find(U1, IdIndex.hash(U1), ids)).isEqualTo(-1);
        assertThat(x.size()).isZero();
    }

    @Test
    void growsPastHalfFullAndKeepsEveryEntry() {
        IdIndex x = new IdIndex(16);
        Random rnd = new Random(1);
        String[] ids = new String[100_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            assertThat(x.add(ids[i], IdIndex.hash(ids[i]), i, ids)).isTrue();
            assertThat(x.size() * 2).isLessThanOrEqualTo(x.capacity());
        }
        assertThat(x.capacity()).isGreaterThanOrEqualTo(200_000);
        for (int i = 0; i < ids.length; i++) {
            String k = new String(ids[i].toCharArray());
            assertThat(x.find(k, IdIndex.hash(k), ids)).isEqualTo(i);
        }
    }

    @Test
    void idsWithEqualHashesAreDistinctAndSurviveRemovalsInsideTheirRun() {
        IdIndex x = new IdIndex(64);
        String[] ids = new String[8];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "id-" + i;
            assertThat(x.add(ids[i], 42, i, ids)).isTrue(); // one forced hash: one probe run
        }
        assertThat(x.capacity()).as("no growth: the run stays one run").isEqualTo(64);
        assertThat(x.remove(42, 1)).isTrue();
        assertThat(x.remove(42, 4)).isTrue();
        for (int i = 0; i < ids.length; i++) {
            assertThat(x.find(ids[i], 42, ids)).as("id " + i).isEqualTo(i != 1 && i != 4 ? i : -1);
        }
        assertThat(x.add(ids[1], 42, 1, ids)).as("removed, so new again").isTrue();
    }

    @Test
    void aRunThatWrapsPastTheTableEndStaysReachableAfterRemovals() {
        IdIndex x = new IdIndex(64);
        List<Integer> lastHashes = new ArrayList<>(); // hashes whose home is the last slot: the run wraps to slot 0
        for (int h = 1; lastHashes.size() < 6; h++) {
            if (x.home(h) == 63) {
                lastHashes.add(h);
            }
        }
        String[] ids = new String[6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "id" + i;
            x.add(ids[i], lastHashes.get(i), i, ids);
        }
        assertThat(x.remove(lastHashes.get(0), 0)).isTrue();
        assertThat(x.remove(lastHashes.get(3), 3)).isTrue();
        for (int i = 0; i < ids.length; i++) {
            assertThat(x.find(ids[i], lastHashes.get(i), ids)).as("id " + i).isEqualTo(i != 0 && i != 3 ? i : -1);
        }
    }

    @Test
    void randomAddsAndRemovesOverCollidingIdsMatchAMap() {
        // Few IDs sharing three hashes (forced): long runs, removals inside runs, wrap-around at the table's end.
        String[] pool = new String[48];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "k" + i;
        }
        Random rnd = new Random(3);
        IdIndex x = new IdIndex(16);
        String[] ring = new String[64]; // position -> ID; an ID at most once
        Map<String, Integer> model = new HashMap<>(); // ID -> position
        for (int i = 0; i < 200_000; i++) {
            String k = new String(pool[rnd.nextInt(pool.length)].toCharArray());
            if (rnd.nextBoolean()) {
                int free = rnd.nextInt(ring.length);
                while (ring[free] != null) {
                    free = (free + 1) % ring.length;
                }
                boolean added = x.add(k, forced(k), free, ring);
                assertThat(added).isEqualTo(!model.containsKey(k));
                if (added) {
                    ring[free] = k;
                    model.put(k, free);
                }
            } else {
                Integer at = model.remove(k);
                if (at != null) {
                    assertThat(x.remove(forced(k), at)).isTrue();
                    ring[at] = null;
                } else {
                    int free = rnd.nextInt(ring.length);
                    while (ring[free] != null) {
                        free = (free + 1) % ring.length;
                    }
                    assertThat(x.remove(forced(k), free)).as("no entry at a free position").isFalse();
                }
            }
            assertThat(x.size()).isEqualTo(model.size());
            String q = pool[rnd.nextInt(pool.length)];
            assertThat(x.find(q, forced(q), ring)).isEqualTo(model.getOrDefault(q, -1));
        }
    }

    /** Three hash values for all IDs: forces long runs of collisions. */
    private static int forced(String k) {
        return 1 + Math.floorMod(k.hashCode(), 3);
    }

    @Test
    void clearThenPutReindexesMovedPositions() {
        IdIndex x = new IdIndex(16);
        String[] ids = {U1, U2};
        x.add(U1, IdIndex.hash(U1), 0, ids);
        x.add(U2, IdIndex.hash(U2), 1, ids);
        String[] moved = {U2, U1};
        x.clear();
        x.put(IdIndex.hash(U2), 0);
        x.put(IdIndex.hash(U1), 1);
        assertThat(x.find(U1, IdIndex.hash(U1), moved)).isEqualTo(1);
        assertThat(x.find(U2, IdIndex.hash(U2), moved)).isEqualTo(0);
        assertThat(x.size()).isEqualTo(2);
    }

    @Test
    void hashIsNeverZeroSoThatZeroCanMarkAnEmptySlot() {
        assertThat("".hashCode()).isZero();
        assertThat(IdIndex.hash("")).isNotZero();
        assertThat(IdIndex.hash(U1)).isEqualTo(U1.hashCode());
        IdIndex x = new IdIndex(16);
        String[] ids = {""};
        assertThat(x.add("", IdIndex.hash(""), 0, ids)).isTrue();
        assertThat(x.find("", IdIndex.hash(""), ids)).isZero();
        assertThat(x.add(new String(""), IdIndex.hash(""), 1, ids)).isFalse();
    }
}
