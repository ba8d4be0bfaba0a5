package io.trailwarden.source;

import io.trailwarden.util.Words;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The field names one JSON object's decoder reads, for {@link ByteRecordReader}: a small open-addressing table keyed
 * by each name's length and first eight bytes, a name of up to 16 bytes compared as two 8-byte words. One probe and
 * one comparison per field, instead of comparing the field's name with each known name in turn.
 */
final class FieldNames {
    static final int NONE = -1;
    /** Per slot: the name's length (-1: empty), its first and last eight bytes as words, the name, its index. */
    private final int[] lengths;
    private final long[] heads;
    private final long[] tails;
    private final byte[][] names;
    private final int[] ids;
    private final int mask;

    FieldNames(String... names) {
        int n = 64;
        while (n < 4 * names.length) {
            n <<= 1;
        }
        this.lengths = new int[n];
        Arrays.fill(lengths, -1);
        this.heads = new long[n];
        this.tails = new long[n];
        this.names = new byte[n][];
        this.ids = new int[n];
        this.mask = n - 1;
        for (int id = 0; id < names.length; id++) {
            byte[] name = names[id].getBytes(StandardCharsets.US_ASCII);
            long head = Words.head(name, 0, name.length);
            int i = slot(head, name.length);
            while (lengths[i] >= 0) {
                i = (i + 1) & mask;
            }
            lengths[i] = name.length;
            heads[i] = head;
            tails[i] = Words.tail(name, 0, name.length, head);
            this.names[i] = name;
            ids[i] = id;
        }
    }

    /** The index of the name {@code b[start, start + len)}, or {@link #NONE}; up to 16 bytes compare as two words. */
    int find(byte[] b, int start, int len) {
        long head = Words.head(b, start, len);
        long tail = Words.tail(b, start, len, head);
        for (int i = slot(head, len); ; i = (i + 1) & mask) {
            int l = lengths[i];
            if (l < 0) {
                return NONE;
            }
            if (l == len && heads[i] == head && tails[i] == tail
                    && (len <= 16 || Arrays.equals(names[i], 8, len - 8, b, start + 8, start + len - 8))) {
                return ids[i];
            }
        }
    }

    private int slot(long head, int len) {
        return (int) ((head + len) * 0x9E3779B97F4A7C15L >>> 40) & mask;
    }
}
