package io.trailwarden.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Up to eight bytes as one {@code long}, the first byte lowest: how the decoder scans, hashes and compares short
 * strings a word at a time instead of a byte at a time.
 */
public final class Words {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** The eight bytes from {@code at}. */
    public static long at(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** The first {@code n} (at most 8) bytes from {@code at}, the rest zero; reads no byte past them. */
    public static long first(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    /**
     * The first eight bytes of the value {@code b[at, at + n)} as a word, zero above a shorter value's bytes: how a
     * value is keyed and compared a word at a time. A short value is read as a whole word and masked, unless that
     * word would run past the array.
     */
    public static long head(byte[] b, int at, int n) {
        if (at + 8 > b.length) {
            return first(b, at, Math.min(n, 8));
        }
        long w = at(b, at);
        return n >= 8 ? w : w & ((1L << (8 * n)) - 1);
    }

    /** The last eight bytes of the value {@code b[at, at + n)} as a word; its {@code head} when shorter than 8. */
    public static long tail(byte[] b, int at, int n, long head) {
        return n >= 8 ? at(b, at + n - 8) : head;
    }

    /** {@link #first(byte[], int, int)} of characters, each taken as its low byte. */
    public static long first(char[] c, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (c[at + i] & 0xff);
        }
        return v;
    }
}
