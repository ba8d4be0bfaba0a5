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
    /**
     * Each slot's last value with its characters, bytes and hash, in one object: a look-up reads the slot, the
     * entry and the characters, where parallel arrays cost a cache line each.
     */
    private final Shared[] table;
    private final int mask;

    /** @param slots rounded up to a power of two */
    public Interner(int slots) {
        int n = Integer.highestOneBit(Math.max(16, slots - 1)) << 1;
        this.table = new Shared[n];
        this.mask = n - 1;
    }

    public String intern(String s) {
        if (s == null) {
            return null;
        }
        int h = hash(s);
        int slot = StringSlots.spread(h) & mask;
        Shared e = table[slot];
        if (e != null && e.hash == h && s.equals(e.string)) {
            return e.string;
        }
        char[] chars = s.toCharArray();
        table[slot] = new Shared(s, chars, asciiOf(chars), h);
        return s;
    }

    /** The canonical string for {@code chars[offset, offset + length)}. */
    public String intern(char[] chars, int offset, int length) {
        int h = hash(chars, offset, length);
        int slot = StringSlots.spread(h) & mask;
        Shared e = table[slot];
        if (e != null && e.hash == h && Arrays.equals(e.chars, 0, e.chars.length, chars, offset, offset + length)) {
            return e.string;
        }
        e = shared(chars, offset, length, h);
        table[slot] = e;
        return e.string;
    }

    /**
     * The canonical string for the ASCII bytes {@code bytes[offset, offset + length)}: the same instance
     * {@link #intern(char[], int, int)} gives for the same characters, since an ASCII byte is its character and the
     * hash is the same. The caller guarantees that every byte is below 0x80.
     */
    public String internAscii(byte[] bytes, int offset, int length) {
        long first = Words.head(bytes, offset, length);
        long last = Words.tail(bytes, offset, length, first);
        int h = hash(bytes, offset, length, first, last);
        int slot = StringSlots.spread(h) & mask;
        Shared e = table[slot];
        if (e != null && e.hash == h && e.isAscii(bytes, offset, length, first, last)) {
            return e.string;
        }
        e = sharedAscii(bytes, offset, length, h, first, last);
        table[slot] = e;
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

    /**
     * A value, its characters, its bytes when it is ASCII (else null), its hash, and the first and last eight of its
     * bytes as words: a value of up to 16 bytes is then compared in two steps, without calling a vectorised loop.
     */
    private static final class Shared {
        final String string;
        final char[] chars;
        final byte[] ascii;
        final int hash;
        final long first;
        final long last;

        Shared(String string, char[] chars, byte[] ascii, int hash) {
            this.string = string;
            this.chars = chars;
            this.ascii = ascii;
            this.hash = hash;
            this.first = ascii == null ? 0 : Words.head(ascii, 0, ascii.length);
            this.last = ascii == null ? 0 : Words.tail(ascii, 0, ascii.length, first);
        }

        boolean isAscii(byte[] b, int offset, int length, long first, long last) {
            return ascii != null && ascii.length == length && this.first == first && this.last == last
                    && (length <= 16 || Arrays.equals(ascii, 8, length - 8, b, offset + 8, offset + length - 8));
        }
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

    private static Shared sharedAscii(byte[] bytes, int offset, int length, int h, long first, long last) {
        Shared[] t = SHARED;
        int i = (StringSlots.spread(h) >>> 7) & (t.length - 1);
        Shared e = t[i];
        if (e != null && e.hash == h && e.isAscii(bytes, offset, length, first, last)) {
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
     * The slot hash: the length and four 8-byte words of the value, at its start, a third, two thirds and its end
     * (overlapping for short values, all of a value of up to 16 characters), each character taken as its low byte.
     * Values differing only between the words share a slot, which costs some sharing, never correctness: the
     * comparison of all characters still decides. Reading words rather than characters matters because ~15 values
     * of every record are interned; the former 31-polynomial over 32 sampled characters was a serial chain of
     * multiplications and the decoder's largest single cost.
     */
    static int hash(char[] c, int offset, int length) {
        if (length < 8) {
            long v = Words.first(c, offset, length);
            return mix(v, v, v, v, length);
        }
        return mix(Words.first(c, offset, 8), Words.first(c, offset + third(length), 8),
                Words.first(c, offset + twoThirds(length), 8), Words.first(c, offset + length - 8, 8), length);
    }

    /** The same hash over ASCII bytes, which are their characters' low bytes. */
    static int hash(byte[] b, int offset, int length) {
        long first = Words.head(b, offset, length);
        return hash(b, offset, length, first, Words.tail(b, offset, length, first));
    }

    /** {@link #hash(byte[], int, int)} given the value's first and last words, which the caller also compares. */
    private static int hash(byte[] b, int offset, int length, long first, long last) {
        if (length < 8) {
            return mix(first, first, first, first, length);
        }
        return mix(first, Words.at(b, offset + third(length)), Words.at(b, offset + twoThirds(length)), last, length);
    }

    /** Where the words around a third and two thirds of a value of at least 8 characters start. */
    private static int third(int length) {
        return Math.max(0, length / 3 - 4);
    }

    private static int twoThirds(int length) {
        return Math.min(length - 8, 2 * length / 3 - 4);
    }

    private static int mix(long a, long b, long c, long d, int length) {
        long h = a * 0x9E3779B97F4A7C15L + Long.rotateLeft(b * 0xC2B2AE3D27D4EB4FL, 21)
                + Long.rotateLeft(c * 0x165667B19E3779F9L, 42) + (d ^ length) * 0xD6E8FEB86659FD93L;
        h ^= h >>> 29;
        return (int) (h ^ h >>> 32);
    }

    /** The same hash for a string (the rare intern(String) path: values that were not JSON strings). */
    static int hash(String s) {
        return hash(s.toCharArray(), 0, s.length());
    }

}
