package io.trailwarden.detect.expel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DayPairsTest {
    @Test
    void keepsTheLastDayAndTheDayBeforeItWhateverTheOrder() {
        DayPairs d = new DayPairs();
        d.record("alice", 10);
        d.record("alice", 12);
        d.record("alice", 11); // late, from an earlier day
        d.record("alice", 9); // older than both: ignored
        assertThat(d.get("alice")).containsExactly(12, 11);
        d.record("bob", 5);
        assertThat(d.get("bob")).containsExactly(5, DayPairs.NONE);
        assertThat(d.get("carol")).isNull();
    }

    @Test
    void keysWithTheSameHashOrInOtherInstancesAreFoundByEquality() {
        DayPairs d = new DayPairs();
        d.record("Aa", 1);
        d.record("BB", 2);
        d.record(new String("Aa"), 3);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.get(new String("Aa"))).containsExactly(3, 1);
        assertThat(d.get("BB")).containsExactly(2, DayPairs.NONE);
    }

    @Test
    void growsAndShrinksKeepingEntriesAndTheMemo() {
        DayPairs d = new DayPairs();
        for (int i = 0; i < 500; i++) {
            d.record("p" + i, i);
            d.record("p0", i); // the memo's key across every growth
        }
        assertThat(d.size()).isEqualTo(500);
        assertThat(2 * d.size()).isLessThanOrEqualTo(d.slots());
        assertThat(d.get("p0")).containsExactly(499, 498);
        assertThat(d.get("p321")).containsExactly(321, DayPairs.NONE);
        int grown = d.slots();
        d.forgetBefore(495);
        assertThat(d.sortedKeys()).containsExactly("p0", "p495", "p496", "p497", "p498", "p499");
        assertThat(d.slots()).isLessThan(grown);
        d.record("p0", 600);
        assertThat(d.get("p0")).containsExactly(600, 499);
        d.record("p1", 600);
        assertThat(d.get("p1")).as("forgotten: starts over").containsExactly(600, DayPairs.NONE);
    }

    @Test
    void iterationBySlotVisitsEachEntryOnce() {
        DayPairs d = new DayPairs();
        d.put("a", 3, 1);
        d.put("b", 4, DayPairs.NONE);
        d.put("a", 5, 3); // restore overwrites
        int seen = 0;
        for (int i = 0; i < d.slots(); i++) {
            if (d.keyAt(i) != null) {
                seen++;
                if (d.keyAt(i).equals("a")) {
                    assertThat(d.lastAt(i)).isEqualTo(5);
                    assertThat(d.beforeAt(i)).isEqualTo(3);
                }
            }
        }
        assertThat(seen).isEqualTo(2);
        d.forgetBefore(Integer.MAX_VALUE);
        assertThat(d.isEmpty()).isTrue();
    }
}
