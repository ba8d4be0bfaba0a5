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

    /** {@link #first(byte[], int, int)} of characters, each taken as its low byte. */
    public static long first(char[] c, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (c[at + i] & 0xff);
        }
        return v;
    }
}
