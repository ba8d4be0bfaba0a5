package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValueHoursTest {

    @Test
    void putReplacesAndGetFindsEqualValuesThatAreNotTheSameInstance() {
        ValueHours v = new ValueHours();
        assertThat(v.get("ListBuckets")).isNull();
        v.put("ListBuckets", new int[] {1});
        v.put(new String("ListBuckets"), new int[] {1, 2});
        assertThat(v.size()).isEqualTo(1);
        assertThat(v.get(new String("ListBuckets"))).containsExactly(1, 2);
        assertThat(v.get("GetObject")).isNull();
    }

    @Test
    void valuesWithTheSameHashStayApartAcrossGrowth() {
        ValueHours v = new ValueHours();
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        v.put("Aa", new int[] {1});
        v.put(new String("BB"), new int[] {2});
        for (int i = 0; i < 40; i++) {
            v.put("v" + i, new int[] {i});
        }
        v.put("BB", new int[] {2, 3});
        assertThat(v.get(new String("Aa"))).containsExactly(1);
        assertThat(v.get("BB")).containsExactly(2, 3);
        assertThat(v.size()).isEqualTo(42);
    }

    @Test
    void growsPastManyValuesAndAgreesWithAHashMap() {
        ValueHours v = new ValueHours();
        Map<String, int[]> expected = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            String k = "Describe" + (i * 7919 % 3001); // repeats: replaces
            int[] h = {i};
            v.put(k, h);
            expected.put(k, h);
        }
        assertThat(v.size()).isEqualTo(expected.size());
        expected.forEach((k, h) -> assertThat(v.get(k)).isSameAs(h));
        assertThat(v.get("Describe3001")).isNull();
        assertThat(v.slots()).isGreaterThanOrEqualTo(2 * v.size());
        assertThat(v.sortedValues()).containsExactlyElementsOf(new TreeMap<>(expected).keySet());
    }

    @Test
    void pruningDropsOldHoursAndEmptyValuesShrinksTheTableAndKeepsTheRestReachable() {
        ValueHours v = new ValueHours();
        for (int i = 0; i < 100; i++) {
            v.put("Api" + i, i < 95 ? new int[] {10} : new int[] {10, 20 + i});
        }
        int before = v.slots();
        assertThat(v.pruneBefore(15)).isEqualTo(115);
        assertThat(v.size()).isEqualTo(5);
        assertThat(v.slots()).isLessThan(before).isGreaterThanOrEqualTo(10);
        for (int i = 95; i < 100; i++) {
            assertThat(v.get("Api" + i)).containsExactly(20 + i);
        }
        assertThat(v.get("Api3")).isNull();
        v.put("Api3", new int[] {30});
        assertThat(v.get("Api3")).containsExactly(30);
        assertThat(v.pruneBefore(1000)).isEqualTo(Integer.MAX_VALUE);
        assertThat(v.isEmpty()).isTrue();
        assertThat(v.sortedValues()).isEmpty();
    }

    @Test
    void pruningThatRemovesNothingKeepsEveryValue() {
        ValueHours v = new ValueHours();
        v.put("a", new int[] {5, 9});
        v.put("b", new int[] {7});
        assertThat(v.pruneBefore(6)).isEqualTo(7);
        assertThat(v.get("a")).containsExactly(9);
        assertThat(v.get("b")).containsExactly(7);
        assertThat(v.size()).isEqualTo(2);
    }
}
