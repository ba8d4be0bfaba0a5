package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
    void twoDecodingThreadsGetTheSameInstanceOfAValue() throws Exception {
        char[] buf = "arn:aws:iam::111122223333:role/interner-shared-test".toCharArray();
        String[] seen = new String[2];
        Thread t = new Thread(() -> seen[1] = new Interner(1024).intern(buf, 0, buf.length));
        seen[0] = new Interner(1024).intern(buf, 0, buf.length);
        t.start();
        t.join();
        assertThat(seen[1]).isEqualTo(new String(buf)).isSameAs(seen[0]);
    }

    @Test
    void theSharedLevelNeverAnswersWithAnotherValue() {
        Interner a = new Interner(16);
        Interner b = new Interner(16);
        for (int i = 0; i < 200_000; i++) {
            char[] c = ("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)).toCharArray();
            assertThat((i & 1) == 0 ? a.intern(c, 0, c.length) : b.intern(c, 0, c.length)).isEqualTo(new String(c));
        }
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

    @Test
    void longValuesThatDifferOnlyBetweenTheSampledCharactersStayDistinct() {
        Interner in = new Interner(1024);
        String base = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
        // same length, same ends; one character in the middle differs: equal samples at most, never confused
        for (int i = 20; i < base.length() - 20; i++) {
            char[] c = base.toCharArray();
            c[i] = c[i] == 'x' ? 'y' : 'x';
            String other = new String(c);
            assertThat(in.intern(c, 0, c.length)).isEqualTo(other);
            assertThat(in.intern(base.toCharArray(), 0, base.length())).isEqualTo(base);
        }
    }

    @Test
    void theStringCharacterAndAsciiBytePathsHashAlike() {
        String[] values = {"", "a", "us-east-1", "x".repeat(32), "y".repeat(33),
            "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity"};
        for (String v : values) {
            char[] c = ("..." + v + "...").toCharArray();
            assertThat(Interner.hash(c, 3, v.length())).as(v).isEqualTo(Interner.hash(v));
        }
        java.util.Random r = new java.util.Random(1);
        for (int length = 0; length <= 70; length++) {
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < length; i++) {
                v.append((char) (32 + r.nextInt(95)));
            }
            char[] c = ("..." + v + "...").toCharArray();
            byte[] b = ("..." + v + "...").getBytes(StandardCharsets.US_ASCII);
            assertThat(Interner.hash(b, 3, length)).as("bytes and characters of " + v)
                    .isEqualTo(Interner.hash(c, 3, length));
        }
        Interner in = new Interner(64);
        String first = in.intern(values[5].toCharArray(), 0, values[5].length());
        assertThat(in.intern(new String(values[5]))).isSameAs(first);
    }

    @Test
    void theAsciiBytesOfAValueFindTheInstanceItsCharactersFound() {
        Interner interner = new Interner(64);
        char[] chars = "arn:aws:iam::111122223333:role/a-very-long-role-name-beyond-the-sample".toCharArray();
        byte[] bytes = new String(chars).getBytes(StandardCharsets.US_ASCII);
        String fromChars = interner.intern(chars, 0, chars.length);
        assertThat(interner.internAscii(bytes, 0, bytes.length)).isSameAs(fromChars);
        Interner other = new Interner(64);
        assertThat(other.internAscii(bytes, 0, bytes.length)).as("through the process-wide level").isSameAs(fromChars);
        assertThat(other.intern(chars, 0, chars.length)).isSameAs(fromChars);
    }
}
