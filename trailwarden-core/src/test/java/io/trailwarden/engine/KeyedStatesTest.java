package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyedStatesTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        KeyedStates<Integer> states = new KeyedStates<>();
        Map<String, Integer> expected = new HashMap<>();
        Random r = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            // few distinct keys, so removals hit long probe chains and the table grows and shifts entries back
            String key = "arn:aws:iam::111122223333:user/u" + r.nextInt(3_000);
            switch (r.nextInt(4)) {
                case 0, 1 -> assertThat(states.put(key, step)).isEqualTo(expected.put(key, step));
                case 2 -> assertThat(states.remove(key)).isEqualTo(expected.remove(key));
                default -> assertThat(states.get(key)).isEqualTo(expected.get(key));
            }
            assertThat(states.size()).isEqualTo(expected.size());
        }
        assertThat(new TreeMap<>(states)).isEqualTo(new TreeMap<>(expected));
        for (String k : expected.keySet()) {
            assertThat(states.containsKey(new String(k))).isTrue();
        }
    }

    @Test
    void anEqualKeyInAnotherInstanceFindsTheStateAndIsRememberedInItsPlace() {
        KeyedStates<String> states = new KeyedStates<>();
        String restored = new String("AKIAEXAMPLE");
        states.put(restored, "state");
        String interned = new String("AKIAEXAMPLE");
        assertThat(states.get(interned)).isEqualTo("state");
        assertThat(states.keySet().iterator().next()).isSameAs(interned);
    }

    @Test
    void clearEmptiesAndTheMapIsUsableAfterwards() {
        KeyedStates<Integer> states = new KeyedStates<>();
        for (int i = 0; i < 100; i++) {
            states.put("k" + i, i);
        }
        states.clear();
        assertThat(states).isEmpty();
        assertThat(states.get("k1")).isNull();
        states.put("k1", 1);
        assertThat(states).containsOnlyKeys("k1");
    }
}
