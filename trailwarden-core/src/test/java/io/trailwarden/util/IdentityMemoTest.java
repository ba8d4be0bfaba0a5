package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityMemoTest {
    @Test
    void theSameInstanceIsAnsweredFromTheMemoAndAnEqualCopyAsksTheFunctionAgain() {
        List<String> calls = new ArrayList<>();
        IdentityMemo<Integer> memo = new IdentityMemo<>(s -> {
            calls.add(s);
            return s == null ? -1 : s.length();
        }, 16);
        String ip = new String("198.51.100.7");
        assertThat(memo.get(ip)).isEqualTo(12);
        assertThat(memo.get(ip)).isEqualTo(12);
        assertThat(calls).hasSize(1);
        assertThat(memo.get(new String("198.51.100.7"))).isEqualTo(12);
        assertThat(memo.get(null)).isEqualTo(-1);
        assertThat(calls).hasSize(3);
    }

    @Test
    void collidingKeysGetTheirOwnAnswers() {
        IdentityMemo<String> memo = new IdentityMemo<>(s -> "v:" + s, 1);
        for (int i = 0; i < 1_000; i++) {
            String k = "key" + (i % 7);
            assertThat(memo.get(k)).isEqualTo("v:" + k);
        }
    }
}
