package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordsTest {
    private static final byte[] BYTES = "arn:aws:iam".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theFirstByteIsTheLowestAndAShortValueIsZeroAbove() {
        assertThat(Words.first(BYTES, 0, 3)).isEqualTo('a' | 'r' << 8 | 'n' << 16);
        assertThat(Words.first(BYTES, 0, 0)).isZero();
    }

    @Test
    void eightBytesReadAtOnceEqualThemPackedOneByOne() {
        assertThat(Words.at(BYTES, 3)).isEqualTo(Words.first(BYTES, 3, 8));
        assertThat(Words.first("arn:aws:iam".toCharArray(), 3, 8)).isEqualTo(Words.at(BYTES, 3));
    }

    @Test
    void aValuesHeadAndTailAreItsFirstAndLastEightBytesWhereverItSits() {
        assertThat(Words.head(BYTES, 0, 3)).as("masked to the value").isEqualTo(Words.first(BYTES, 0, 3));
        assertThat(Words.head(BYTES, 8, 3)).as("at the array's end").isEqualTo(Words.first(BYTES, 8, 3));
        assertThat(Words.head(BYTES, 1, 10)).isEqualTo(Words.at(BYTES, 1));
        assertThat(Words.tail(BYTES, 1, 10, Words.head(BYTES, 1, 10))).isEqualTo(Words.at(BYTES, 3));
        long shortHead = Words.head(BYTES, 4, 3);
        assertThat(Words.tail(BYTES, 4, 3, shortHead)).isEqualTo(shortHead);
    }
}
