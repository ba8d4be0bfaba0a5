package io.trailwarden.util;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonicalises repeated strings (event names, sources, regions, ARNs, IPs, user agents) so millions of
 * events share a few thousand instances, and a value seen before costs no allocation at all: it is looked
 * up from the parser's own character buffer.
 *
 * <p>A direct-mapped cache rather than a map: a slot holds the last string that hashed to it, so memory is
 * fixed, there is nothing to clear, and a colliding or one-off value (an error message with a request id)
 * merely replaces its slot, costing a little sharing and never correctness. Not thread-safe: one per
 * decoding thread.
 */
public final class Interner {
    private final String[] table;
    /** Each slot's characters and hash, so that a look-up compares arrays (vectorised) and rejects on the hash. */
    private final char[][] chars;
    /** Each slot's characters as ASCII bytes, for {@link #internAscii}; null when the value is not ASCII. */
    private final byte[][] ascii;
    private final int[] hashes;
    private final int mask;

    /** @param slots rounded up to a power of two */
    public Interner(int slots) {
        int n = Integer.highestOneBit(Math.max(16, slots - 1)) << 1;
        this.table = new String[n];
        this.chars = new char[n][];
        this.ascii = new byte[n][];
        this.hashes = new int[n];
        this.mask = n - 1;
    }

    public String intern(String s) {
        if (s == null) {
            return null;
        }
        int h = hash(s);
        int slot = StringSlots.spread(h) & mask;
        String c = table[slot];
        if (hashes[slot] == h && s.equals(c)) {
            return c;
        }
        table[slot] = s;
        chars[slot] = s.toCharArray();
        ascii[slot] = asciiOf(chars[slot]);
        hashes[slot] = h;
        return s;
    }

    /** The canonical string for {@code chars[offset, offset + length)}. */
    public String intern(char[] chars, int offset, int length) {
        int h = hash(chars, offset, length);
        int slot = StringSlots.spread(h) & mask;
        char[] c = this.chars[slot];
        if (c != null && hashes[slot] == h && Arrays.equals(c, 0, c.length, chars, offset, offset + length)) {
            return table[slot];
        }
        Shared e = shared(chars, offset, length, h);
        table[slot] = e.string;
        this.chars[slot] = e.chars;
        ascii[slot] = e.ascii;
        hashes[slot] = h;
        return e.string;
    }

    /**
     * The canonical string for the ASCII bytes {@code bytes[offset, offset + length)}: the same instance
     * {@link #intern(char[], int, int)} gives for the same characters, since an ASCII byte is its character and the
     * hash is the same. The caller guarantees that every byte is below 0x80.
     */
    public String internAscii(byte[] bytes, int offset, int length) {
        int h = hash(bytes, offset, length);
        int slot = StringSlots.spread(h) & mask;
        byte[] c = ascii[slot];
        if (c != null && hashes[slot] == h && Arrays.equals(c, 0, c.length, bytes, offset, offset + length)) {
            return table[slot];
        }
        Shared e = sharedAscii(bytes, offset, length, h);
        table[slot] = e.string;
        chars[slot] = e.chars;
        ascii[slot] = e.ascii;
        hashes[slot] = h;
        return e.string;
    }

    /**
     * A second level, one for the whole process, consulted only when a thread's own table misses. Without it each
     * decoding thread made its own instance of every value, and the engine, which memoises on identity (the last
     * IP, agent, principal, a table's key), saw two instances of each value and fell back to comparing characters
     * about half the time. Direct-mapped like the first level. Read and written without locks: an entry is
     * immutable (final fields, so a racing reader sees it whole or not at all), and a lost or stale entry only costs
     * sharing, never a wrong value, because the characters are always compared.
     */
    private static final Shared[] SHARED = new Shared[1 << 16];

    private record Shared(String string, char[] chars, byte[] ascii, int hash) {
    }

    private static Shared shared(char[] chars, int offset, int length, int h) {
        Shared[] t = SHARED;
        int i = (StringSlots.spread(h) >>> 7) & (t.length - 1);
        Shared e = t[i];
        if (e != null && e.hash == h && Arrays.equals(e.chars, 0, e.chars.length, chars, offset, offset + length)) {
            return e;
        }
        char[] copy = Arrays.copyOfRange(chars, offset, offset + length);
        e = new Shared(new String(copy), copy, asciiOf(copy), h);
        t[i] = e;
        return e;
    }

    private static Shared sharedAscii(byte[] bytes, int offset, int length, int h) {
        Shared[] t = SHARED;
        int i = (StringSlots.spread(h) >>> 7) & (t.length - 1);
        Shared e = t[i];
        if (e != null && e.hash == h && e.ascii != null
                && Arrays.equals(e.ascii, 0, e.ascii.length, bytes, offset, offset + length)) {
            return e;
        }
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        char[] chars = new char[length];
        for (int k = 0; k < length; k++) {
            chars[k] = (char) copy[k];
        }
        e = new Shared(new String(copy, StandardCharsets.ISO_8859_1), chars, copy, h);
        t[i] = e;
        return e;
    }

    /** The characters as bytes when all are ASCII, else null. */
    private static byte[] asciiOf(char[] c) {
        byte[] b = new byte[c.length];
        for (int k = 0; k < c.length; k++) {
            if (c[k] >= 0x80) {
                return null;
            }
            b[k] = (byte) c[k];
        }
        return b;
    }

    /**
     * The slot hash reads at most {@value #SAMPLE} characters: all of a short value, else the length, both ends
     * and a few from the middle. User agents and error messages are long, and hashing every character of every
     * field was the interner's main cost; two values equal on these samples only share a slot (the comparison
     * of all characters still decides), which for values differing only in the middle costs some sharing.
     */
    static int hash(char[] c, int offset, int length) {
        int h = length;
        if (length <= SAMPLE) {
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + c[i];
            }
            return h;
        }
        for (int i = offset, end = offset + EDGE; i < end; i++) {
            h = 31 * h + c[i];
        }
        for (int i = offset + length - EDGE, end = offset + length; i < end; i++) {
            h = 31 * h + c[i];
        }
        int step = length / (MIDDLE + 1);
        for (int k = 1; k <= MIDDLE; k++) {
            h = 31 * h + c[offset + k * step];
        }
        return h;
    }

    /** The same hash over ASCII bytes, which are their characters. */
    static int hash(byte[] c, int offset, int length) {
        int h = length;
        if (length <= SAMPLE) {
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + c[i];
            }
            return h;
        }
        for (int i = offset, end = offset + EDGE; i < end; i++) {
            h = 31 * h + c[i];
        }
        for (int i = offset + length - EDGE, end = offset + length; i < end; i++) {
            h = 31 * h + c[i];
        }
        int step = length / (MIDDLE + 1);
        for (int k = 1; k <= MIDDLE; k++) {
            h = 31 * h + c[offset + k * step];
        }
        return h;
    }

    /** The same hash for a string (the rare intern(String) path: values that were not JSON strings). */
    static int hash(String s) {
        return hash(s.toCharArray(), 0, s.length());
    }

    private static final int EDGE = 12;
    private static final int MIDDLE = 8;
    private static final int SAMPLE = 2 * EDGE + MIDDLE;
}
