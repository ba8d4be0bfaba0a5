package io.trailwarden.order;

/** Canonical lowercase UUIDs ({@code 8-4-4-4-12} hex digits) to and from two longs, without allocating to parse. */
final class Uuids {
    private static final int LENGTH = 36;
    /** Hex digit values of '0'-'9' and 'a'-'f'; -1 for every other char below 128 (upper case is not canonical). */
    private static final byte[] DIGIT = new byte[128];
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < 16; i++) {
            DIGIT[HEX[i]] = (byte) i;
        }
    }

    private Uuids() {
    }

    /**
     * Parses a canonical lowercase UUID into {@code out[0]} (the first 16 digits) and {@code out[1]} (the last 16).
     * False for anything else, so that {@link #render} gives back exactly the parsed string.
     */
    static boolean parse(String s, long[] out) {
        if (s.length() != LENGTH || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            return false;
        }
        long hi = 0;
        long lo = 0;
        // OR-ing the digits keeps the loop branch-free; a -1 anywhere sets the sign bit of `bad`.
        int bad = 0;
        for (int i = 0; i < 18; i++) {
            if (i == 8 || i == 13) {
                continue;
            }
            int d = digit(s.charAt(i));
            bad |= d;
            hi = hi << 4 | (d & 0xF);
        }
        for (int i = 19; i < LENGTH; i++) {
            if (i == 23) {
                continue;
            }
            int d = digit(s.charAt(i));
            bad |= d;
            lo = lo << 4 | (d & 0xF);
        }
        if (bad < 0) {
            return false;
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    private static int digit(char c) {
        return c < 128 ? DIGIT[c] : -1;
    }

    /** The canonical lowercase form of the UUID (hi, lo). */
    static String render(long hi, long lo) {
        char[] c = new char[LENGTH];
        int p = 0;
        for (int i = 15; i >= 0; i--) {
            if (p == 8 || p == 13) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) (hi >>> (i * 4)) & 0xF];
        }
        c[p++] = '-';
        for (int i = 15; i >= 0; i--) {
            if (p == 23) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) (lo >>> (i * 4)) & 0xF];
        }
        return new String(c);
    }
}
