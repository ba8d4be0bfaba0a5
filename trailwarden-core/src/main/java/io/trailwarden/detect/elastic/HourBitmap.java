package io.trailwarden.detect.elastic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A set of UTC hour indices as bits from a base hour (a multiple of 64): 45 days of hours cost at
 * most 17 longs. Used for "the hours in which this partition had events".
 */
final class HourBitmap {
    private int base;
    private long[] words = new long[0];
    /**
     * The hour last set, known to be in the set until {@link #pruneBefore} (the only removal) runs: a
     * partition's events mostly fall in the hour of the one before, whose set then touches no word.
     * Not saved.
     */
    private long lastSet = Long.MIN_VALUE; // no int hour equals it

    boolean isEmpty() {
        return words.length == 0;
    }

    void set(int hour) {
        if (hour == lastSet) {
            return;
        }
        lastSet = hour;
        int wb = Math.floorDiv(hour, 64) * 64;
        if (words.length == 0) {
            base = wb;
            words = new long[1];
        } else if (wb < base) {
            int extra = (base - wb) / 64;
            long[] w = new long[words.length + extra];
            System.arraycopy(words, 0, w, extra, words.length);
            words = w;
            base = wb;
        } else if (wb >= base + 64 * words.length) {
            words = Arrays.copyOf(words, (wb - base) / 64 + 1);
        }
        int off = hour - base;
        words[off >>> 6] |= 1L << (off & 63);
    }

    boolean contains(int hour) {
        long off = (long) hour - base;
        if (words.length == 0 || off < 0 || off >= 64L * words.length) {
            return false;
        }
        return (words[(int) (off >>> 6)] & (1L << (off & 63))) != 0;
    }

    /** The number of hours in [from, to). */
    int count(int from, int to) {
        if (words.length == 0 || to <= from) {
            return 0;
        }
        long a = Math.max(0L, (long) from - base);
        long b = Math.min(64L * words.length, (long) to - base);
        int c = 0;
        for (long i = a; i < b; ) {
            int w = (int) (i >>> 6);
            int lo = (int) (i & 63);
            int hi = (int) Math.min(64, b - ((long) w << 6));
            long mask = (hi == 64 ? -1L : (1L << hi) - 1) & (-1L << lo);
            c += Long.bitCount(words[w] & mask);
            i = ((long) w + 1) << 6;
        }
        return c;
    }

    /** Forgets the hours before {@code from}. */
    void pruneBefore(int from) {
        lastSet = Long.MIN_VALUE;
        if (words.length == 0 || from <= base) {
            return;
        }
        long off = (long) from - base;
        if (off >= 64L * words.length) {
            words = new long[0];
            return;
        }
        int drop = (int) (off >>> 6);
        if (drop > 0) {
            words = Arrays.copyOfRange(words, drop, words.length);
            base += 64 * drop;
        }
        words[0] &= -1L << (from - base);
        trim();
    }

    /** The lowest hour in the set, or {@link Integer#MAX_VALUE}. */
    int first() {
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                return base + 64 * i + Long.numberOfTrailingZeros(words[i]);
            }
        }
        return Integer.MAX_VALUE;
    }

    private void trim() {
        int lead = 0;
        while (lead < words.length && words[lead] == 0) {
            lead++;
        }
        if (lead == words.length) {
            words = new long[0];
            return;
        }
        int end = words.length;
        while (words[end - 1] == 0) {
            end--;
        }
        if (lead > 0 || end < words.length) {
            words = Arrays.copyOfRange(words, lead, end);
            base += 64 * lead;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(base);
        out.writeInt(words.length);
        for (long w : words) {
            out.writeLong(w);
        }
    }

    static HourBitmap read(DataInput in) throws IOException {
        HourBitmap b = new HourBitmap();
        b.base = in.readInt();
        int n = in.readInt();
        b.words = new long[n];
        for (int i = 0; i < n; i++) {
            b.words[i] = in.readLong();
        }
        return b;
    }
}
