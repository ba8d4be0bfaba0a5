package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFilesTest {
    @TempDir
    Path dir;
    final SmallFiles small = new SmallFiles();

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    /** A gzip member with the optional FEXTRA, FNAME and FCOMMENT header fields, as other tools write them. */
    static byte[] gzipWithHeaderFields(String s) {
        byte[] plain = s.getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[plain.length + 64];
        int n = d.deflate(buf);
        d.end();
        CRC32 crc = new CRC32();
        crc.update(plain);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        b.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        b.writeBytes("trail.json\0".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        b.write(buf, 0, n);
        long c = crc.getValue();
        b.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
        int len = plain.length;
        b.writeBytes(new byte[] {(byte) len, (byte) (len >> 8), (byte) (len >> 16), (byte) (len >> 24)});
        return b.toByteArray();
    }

    InputFile file(byte[] content) throws IOException {
        Path p = Files.write(dir.resolve("f" + System.nanoTime()), content);
        return new InputFile(p, p.toString(), Long.MAX_VALUE, content.length);
    }

    String text(SmallFiles.Bytes b) {
        return new String(b.data(), b.offset(), b.length(), StandardCharsets.UTF_8);
    }

    @Test
    void plainFilesAreReturnedAsTheyAre() throws IOException {
        assertThat(text(small.load(file("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))))).isEqualTo("{\"Records\":[]}");
    }

    @Test
    void concatenatedGzipMembersInflateToTheirConcatenation() throws IOException {
        byte[] a = gzip("{\"Records\":[1]}");
        byte[] b = gzip("{\"Records\":[2]}");
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(text(small.load(file(both)))).isEqualTo("{\"Records\":[1]}{\"Records\":[2]}");
    }

    @Test
    void optionalHeaderFieldsAreSkipped() throws IOException {
        assertThat(text(small.load(file(gzipWithHeaderFields("{\"Records\":[]}"))))).isEqualTo("{\"Records\":[]}");
    }

    @Test
    void buffersGrowForLargerContentAndAreReusedAcrossFiles() throws IOException {
        String big = "x".repeat(3 << 20);
        assertThat(small.load(file(gzip(big))).length()).isEqualTo(big.length());
        assertThat(text(small.load(file(gzip("small"))))).isEqualTo("small");
    }

    @Test
    void corruptOrTruncatedGzipIsLeftToTheStreamingPath() throws IOException {
        byte[] g = gzip("{\"Records\":[{\"eventName\":\"A\"}]}");
        byte[] badCrc = g.clone();
        badCrc[g.length - 8] ^= 1;
        assertThat(small.load(file(badCrc))).isNull();
        assertThat(small.load(file(Arrays.copyOf(g, g.length - 5)))).isNull();
        assertThat(small.load(file(Arrays.copyOf(g, 12)))).isNull();
        byte[] trailingJunk = Arrays.copyOf(g, g.length + 3);
        assertThat(small.load(file(trailingJunk))).isNull();
    }

    @Test
    void onlySmallFilesOnDiskAreLoadedWhole() {
        assertThat(small.fits(new InputFile(dir, "x", 0, SmallFiles.MAX_FILE))).isTrue();
        assertThat(small.fits(new InputFile(dir, "x", 0, SmallFiles.MAX_FILE + 1))).isFalse();
        assertThat(small.fits(new InputFile(dir, "x", 0, 0))).as("size unknown").isFalse();
        assertThat(small.fits(InputFile.stdin())).isFalse();
    }
}
