package io.trailwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameFlagsTest {

    @Test
    void testsEachNameOnceWhileItKeepsItsSlot() {
        List<String> tested = new ArrayList<>();
        NameFlags f = new NameFlags(n -> {
            tested.add(n);
            return n.startsWith("Get");
        }, 64);
        assertThat(f.test("GetSecretValue")).isTrue();
        assertThat(f.test("ListUsers")).isFalse();
        assertThat(f.test("GetSecretValue")).isTrue();
        assertThat(f.test(new String("ListUsers"))).isFalse();
        assertThat(tested).containsExactly("GetSecretValue", "ListUsers");
    }

    @Test
    void aCollidingNameReplacesTheSlotAndIsTestedAgainNeverGivingAnotherNamesAnswer() {
        List<String> tested = new ArrayList<>();
        NameFlags f = new NameFlags(n -> {
            tested.add(n);
            return n.length() % 2 == 0;
        }, 1);
        for (int round = 0; round < 3; round++) {
            assertThat(f.test("ab")).isTrue();
            assertThat(f.test("abc")).isFalse();
        }
        assertThat(tested).hasSize(6);
    }

    @Test
    void memoryStaysFixedForAnyNumberOfNames() {
        NameFlags f = new NameFlags(n -> n.endsWith("7"), 8);
        for (int i = 0; i < 100_000; i++) {
            assertThat(f.test("Api" + i)).isEqualTo(i % 10 == 7);
        }
    }
}
