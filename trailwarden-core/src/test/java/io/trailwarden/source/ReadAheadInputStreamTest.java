package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void deliversExactlyTheSourceBytesAcrossChunkBoundaries() throws IOException {
        byte[] data = random(ReadAheadInputStream.CHUNK * 9 + 12345);
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data))) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            byte[] rest = in.readAllBytes();
            assertThat(rest).hasSize(data.length - 1);
            assertThat(rest[rest.length - 1]).isEqualTo(data[data.length - 1]);
            assertThat(java.util.Arrays.equals(rest, 0, rest.length, data, 1, data.length)).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(new byte[0]))) {
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void aSourceErrorIsThrownAfterTheBytesBeforeIt() throws IOException {
        byte[] data = random(ReadAheadInputStream.CHUNK * 2);
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos == data.length) {
                    throw new ZipException("invalid stored block lengths");
                }
                return data[pos++] & 0xff;
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing)) {
            byte[] got = in.readNBytes(data.length);
            assertThat(got).isEqualTo(data);
            assertThatThrownBy(in::read).isInstanceOf(ZipException.class).hasMessageContaining("stored block");
        }
    }

    @Test
    void closingEarlyStopsTheReaderThreadAndClosesTheSource() throws Exception {
        boolean[] sourceClosed = {false};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public void close() {
                sourceClosed[0] = true;
            }
        };
        InputStream in = new ReadAheadInputStream(endless);
        assertThat(in.read()).isEqualTo('x');
        in.close();
        assertThat(sourceClosed[0]).isTrue();
    }
}
