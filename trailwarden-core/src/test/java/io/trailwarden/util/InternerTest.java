package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternerTest {
    @Test
    void equalStringsBecomeOneInstance() {
        Interner in = new Interner(1024);
        String a = in.intern(new String("arn:aws:iam::111122223333:user/alice"));
        assertThat(in.intern(new String("arn:aws:iam::111122223333:user/alice"))).isSameAs(a);
    }

    @Test
    void charactersFromAParserBufferFindTheSameInstanceWithoutBuildingAString() {
        Interner in = new Interner(1024);
        char[] buf = "xx us-east-1 yy".toCharArray();
        String first = in.intern(buf, 3, 9);
        assertThat(first).isEqualTo("us-east-1");
        assertThat(in.intern(buf, 3, 9)).isSameAs(first);
        assertThat(in.intern("us-east-1")).isSameAs(first);
    }

    @Test
    void aValueThatDiffersOnlyInLengthOrOneCharIsNotConfused() {
        Interner in = new Interner(1024);
        char[] buf = "10.0.0.10".toCharArray();
        assertThat(in.intern(buf, 0, 8)).isEqualTo("10.0.0.1");
        assertThat(in.intern(buf, 0, 9)).isEqualTo("10.0.0.10");
        assertThat(in.intern("10.0.0.11")).isEqualTo("10.0.0.11");
        assertThat(in.intern((String) null)).isNull();
    }

    @Test
    void manyMoreDistinctValuesThanSlotsStayCorrect() {
        Interner in = new Interner(16);
        for (int i = 0; i < 10_000; i++) {
            String v = "value-" + i;
            char[] c = v.toCharArray();
            assertThat(in.intern(c, 0, c.length)).isEqualTo(v);
        }
    }
}
