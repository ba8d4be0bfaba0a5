package io.trailwarden.sim;

/** Identifier shapes of AWS: access keys, principal IDs, UUIDs, request IDs. Pure functions of a number. */
final class Ids {
    private static final char[] B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    /** An AWS-style identifier: prefix + {@code n} base-32 characters (AKIA/ASIA keys: 16, AIDA/AROA: 17). */
    static String awsId(String prefix, long v, int n) {
        StringBuilder b = new StringBuilder(prefix.length() + n).append(prefix);
        long x = Rng.mix(v);
        for (int i = 0; i < n; i++) {
            if (i == 12) {
                x = Rng.mix(x + 0x632be59bd9b4e019L);
            }
            b.append(B32[(int) (x & 31)]);
            x >>>= 5;
        }
        return b.toString();
    }

    static String accessKey(String prefix, long v) {
        return awsId(prefix, v, 16);
    }

    static String uuid(long v) {
        long a = Rng.mix(v);
        long b = Rng.mix(a ^ 0x5851f42d4c957f2dL);
        a = (a & 0xffffffffffff0fffL) | 0x0000000000004000L;
        b = (b & 0x3fffffffffffffffL) | 0x8000000000000000L;
        StringBuilder s = new StringBuilder(36);
        hex(s, a >>> 32, 8).append('-');
        hex(s, (a >>> 16) & 0xffff, 4).append('-');
        hex(s, a & 0xffff, 4).append('-');
        hex(s, b >>> 48, 4).append('-');
        hex(s, b & 0xffffffffffffL, 12);
        return s.toString();
    }

    static String hex(long v, int digits) {
        return hex(new StringBuilder(digits), Rng.mix(v), digits).toString();
    }

    static String upperHex(long v, int digits) {
        return hex(v, digits).toUpperCase(java.util.Locale.ROOT);
    }

    private static StringBuilder hex(StringBuilder s, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            s.append(HEX[(int) ((v >>> (4 * i)) & 15)]);
        }
        return s;
    }

    /** Letters and digits, as in CloudTrail file-name suffixes. */
    static String alnum(long v, int n) {
        StringBuilder b = new StringBuilder(n);
        long x = Rng.mix(v);
        for (int i = 0; i < n; i++) {
            if (i % 8 == 0) {
                x = Rng.mix(x + i);
            }
            b.append(ALNUM[(int) Math.floorMod(x, (long) ALNUM.length)]);
            x /= ALNUM.length;
        }
        return b.toString();
    }
}
