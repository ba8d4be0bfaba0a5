package io.trailwarden.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Loads a small file whole into buffers this reader keeps, inflating gzip with one reused {@link Inflater}.
 *
 * <p>CloudTrail delivers one file per account, region and five minutes, typically a few kilobytes. Opening
 * each through {@code BufferedInputStream} and {@code GZIPInputStream} allocated about 200 KB of buffers and
 * a native inflater per file, which cost more than parsing its records; here a file costs one read into a
 * reused array. Anything unusual (a corrupt or truncated gzip, a file larger than the limits) answers null
 * and the caller streams the file instead, so errors are reported exactly as by the streaming path.
 * One instance per thread.
 */
final class SmallFiles {
    /** Files at most this large on disk are loaded whole. */
    static final long MAX_FILE = 1 << 20;
    /** Inflated content beyond this is streamed instead of held. */
    static final int MAX_PLAIN = 32 << 20;

    record Bytes(byte[] data, int offset, int length) {
    }

    private byte[] raw = new byte[1 << 16];
    private byte[] plain = new byte[1 << 18];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();

    boolean fits(InputFile file) {
        return !file.isStdin() && file.size() > 0 && file.size() <= MAX_FILE;
    }

    /** The file's bytes, inflated if gzip; null when it should be streamed instead. */
    Bytes load(InputFile file) throws IOException {
        int n;
        try (InputStream in = Files.newInputStream(file.path())) {
            int size = (int) file.size();
            if (raw.length < size + 1) {
                raw = new byte[Math.max(size + 1, raw.length * 2)];
            }
            n = in.readNBytes(raw, 0, raw.length);
            if (n == raw.length) {
                return null; // grew since it was listed
            }
        }
        if (n >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            int len = inflateAll(n);
            return len < 0 ? null : new Bytes(plain, 0, len);
        }
        return new Bytes(raw, 0, n);
    }

    /** Inflates every gzip member of raw[0, n) into {@link #plain}; -1 when anything is off. */
    private int inflateAll(int n) {
        int pos = 0;
        int out = 0;
        while (pos < n) {
            int data = headerEnd(n, pos);
            if (data < 0) {
                return -1;
            }
            inflater.reset();
            inflater.setInput(raw, data, n - data);
            crc.reset();
            int memberStart = out;
            try {
                while (!inflater.finished()) {
                    if (out == plain.length) {
                        if (plain.length >= MAX_PLAIN) {
                            return -1;
                        }
                        plain = java.util.Arrays.copyOf(plain, Math.min(MAX_PLAIN, plain.length * 2));
                    }
                    int k = inflater.inflate(plain, out, plain.length - out);
                    if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return -1; // truncated
                    }
                    out += k;
                }
            } catch (DataFormatException e) {
                return -1;
            }
            crc.update(plain, memberStart, out - memberStart);
            int trailer = n - inflater.getRemaining();
            if (trailer + 8 > n || (int) crc.getValue() != le32(trailer) || (out - memberStart) != le32(trailer + 4)) {
                return -1;
            }
            pos = trailer + 8;
            if (pos < n && !(pos + 1 < n && (raw[pos] & 0xff) == 0x1f && (raw[pos + 1] & 0xff) == 0x8b)) {
                return -1; // trailing bytes that are not another member: let the stream path judge them
            }
        }
        return out;
    }

    /** The offset of the deflate data of the gzip member starting at {@code p} (RFC 1952), or -1. */
    private int headerEnd(int n, int p) {
        if (p + 10 > n || (raw[p] & 0xff) != 0x1f || (raw[p + 1] & 0xff) != 0x8b || raw[p + 2] != 8) {
            return -1;
        }
        int flags = raw[p + 3] & 0xff;
        int i = p + 10;
        if ((flags & 4) != 0) { // FEXTRA
            if (i + 2 > n) {
                return -1;
            }
            i += 2 + ((raw[i] & 0xff) | (raw[i + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) { // FNAME
            while (i < n && raw[i] != 0) {
                i++;
            }
            i++;
        }
        if ((flags & 16) != 0) { // FCOMMENT
            while (i < n && raw[i] != 0) {
                i++;
            }
            i++;
        }
        if ((flags & 2) != 0) { // FHCRC
            i += 2;
        }
        return i <= n ? i : -1;
    }

    private int le32(int i) {
        return (raw[i] & 0xff) | (raw[i + 1] & 0xff) << 8 | (raw[i + 2] & 0xff) << 16 | (raw[i + 3] & 0xff) << 24;
    }
}
