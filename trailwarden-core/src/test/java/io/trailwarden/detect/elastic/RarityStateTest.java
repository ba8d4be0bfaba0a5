package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The state's remembered last value must always answer what the map holds. */
class RarityStateTest {

    @Test
    void aRepeatedLookUpSeesThePutHoursAndAnAbsentValueStaysAbsentUntilPut() {
        RarityState s = new RarityState();
        assertThat(s.hoursOf("ListBuckets")).isNull();
        assertThat(s.hoursOf("ListBuckets")).isNull();
        s.put("ListBuckets", new int[] {10});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10);
        s.put("GetObject", new int[] {11});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10);
        s.put("ListBuckets", new int[] {10, 12});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10, 12);
        assertThat(s.hoursOf(new String("GetObject"))).containsExactly(11);
    }

    @Test
    void pruningForgetsTheRememberedValue() {
        RarityState s = new RarityState();
        s.put("ListBuckets", new int[] {10, 20});
        s.hours.set(10);
        s.hours.set(20);
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10, 20);
        assertThat(s.pruneBefore(15)).isEqualTo(20);
        assertThat(s.hoursOf("ListBuckets")).containsExactly(20);
        s.pruneBefore(30);
        assertThat(s.hoursOf("ListBuckets")).isNull();
        assertThat(s.isEmpty()).isTrue();
    }
}
