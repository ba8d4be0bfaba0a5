package io.trailwarden.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    private final long[] out = new long[2];

    @Test
    void parsesTheDigitsIntoTwoLongsMostSignificantFirst() {
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba9876543210", out)).isTrue();
        assertThat(out).containsExactly(0x0123456789abcdefL, 0xfedcba9876543210L);
        assertThat(Uuids.parse("ffffffff-ffff-ffff-ffff-ffffffffffff", out)).isTrue();
        assertThat(out).containsExactly(-1L, -1L);
    }

    @Test
    void renderGivesBackTheParsedStringForRandomUuids() {
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            String id = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            assertThat(Uuids.parse(id, out)).as(id).isTrue();
            assertThat(Uuids.render(out[0], out[1])).isEqualTo(id);
        }
    }

    @Test
    void rejectsEverythingButTheCanonicalLowercaseForm() {
        String ok = "01234567-89ab-cdef-fedc-ba9876543210";
        assertThat(Uuids.parse(ok, out)).isTrue();
        assertThat(Uuids.parse(ok.toUpperCase(java.util.Locale.ROOT), out)).as("upper case").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321", out)).as("short").isFalse();
        assertThat(Uuids.parse(ok + "0", out)).as("long").isFalse();
        assertThat(Uuids.parse("0123456789ab-cdef-fedc-ba9876543210-", out)).as("dashes moved").isFalse();
        assertThat(Uuids.parse("{1234567-89ab-cdef-fedc-ba9876543210", out)).as("brace").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321g", out)).as("g").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321:", out)).as("char after 9").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321`", out)).as("char before a").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321\u0660", out)).as("non-ASCII digit").isFalse();
        assertThat(Uuids.parse("01234567-89ab-cdef-fedc-ba987654321\u0130", out)).as("wide char").isFalse();
        assertThat(Uuids.parse("", out)).isFalse();
    }
}
