package io.trailwarden.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address parsed by hand from its text form: no DNS, no regex, no exception for bad input.
 * IPv4 is strict dotted-quad (no leading zeros: {@code 035.249.253.232} is not an address); IPv6 accepts the
 * RFC 4291 forms ({@code ::} compression, embedded dotted IPv4). An IPv4-mapped IPv6 address
 * ({@code ::ffff:1.2.3.4}) is returned as the IPv4 address it maps, so it is looked up in IPv4 data.
 *
 * <p>For IPv4, {@link #lo()} holds the address as an unsigned 32-bit value and {@link #hi()} is 0.
 */
public final class IpAddress {
    private final boolean v6;
    private final long hi;
    private final long lo;

    private IpAddress(boolean v6, long hi, long lo) {
        this.v6 = v6;
        this.hi = hi;
        this.lo = lo;
    }

    public static IpAddress ofV4(long value) {
        return new IpAddress(false, 0, value & 0xffffffffL);
    }

    public static IpAddress ofV6(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return ofV4(lo);
        }
        return new IpAddress(true, hi, lo);
    }

    public boolean isV6() {
        return v6;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    /** The address, or null when {@code s} is not an IPv4/IPv6 address. */
    public static IpAddress parse(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n < 2 || n > 45) {
            return null;
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        long v = parseV4(s, 0, n);
        return v < 0 ? null : ofV4(v);
    }

    /** Strict dotted quad in s[from, to): the unsigned value, or -1. */
    static long parseV4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int octet = 0;
            while (i < to) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int len = i - start;
            if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (parts == 4) {
                return i == to ? value : -1;
            }
            if (i >= to || s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    private static IpAddress parseV6(String s) {
        int n = s.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" was
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(true, 0, 0);
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n) {
                int d = hex(s.charAt(i));
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                i++;
            }
            int len = i - start;
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 as the last 32 bits
                long v4 = parseV4(s, start, n);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = n;
                break;
            }
            if (len == 0 || len > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single colon
            }
        }
        if (gap < 0) {
            if (count != 8) {
                return null;
            }
        } else {
            if (count > 7) {
                return null;
            }
            int move = count - gap;
            int shift = 8 - count;
            for (int k = move - 1; k >= 0; k--) {
                groups[gap + shift + k] = groups[gap + k];
            }
            for (int k = gap; k < gap + shift; k++) {
                groups[k] = 0;
            }
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | groups[k];
            lo = (lo << 16) | groups[k + 4];
        }
        return ofV6(hi, lo);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * True for addresses that never come from the internet: RFC 1918, loopback, link-local, "this network"
     * (0.0.0.0/8), carrier-grade NAT (100.64.0.0/10, RFC 6598), and in IPv6 the unspecified and loopback
     * addresses, link-local (fe80::/10) and unique-local (fc00::/7).
     */
    public boolean isPrivate() {
        if (!v6) {
            long a = lo;
            int first = (int) (a >>> 24);
            int second = (int) ((a >>> 16) & 0xff);
            return first == 10 || first == 127 || first == 0
                    || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168)
                    || (first == 169 && second == 254)
                    || (first == 100 && second >= 64 && second <= 127);
        }
        if (hi == 0 && (lo == 0 || lo == 1)) {
            return true;
        }
        int top = (int) (hi >>> 48);
        return (top & 0xffc0) == 0xfe80 || (top & 0xfe00) == 0xfc00;
    }

    /** The address as an {@link InetAddress}, built from bytes (never a DNS look-up). */
    public InetAddress toInetAddress() {
        byte[] b;
        if (!v6) {
            b = new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        } else {
            b = new byte[16];
            for (int k = 0; k < 8; k++) {
                b[k] = (byte) (hi >>> (56 - 8 * k));
                b[k + 8] = (byte) (lo >>> (56 - 8 * k));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: length is 4 or 16
        }
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (!v6) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xffff);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int j = k;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - k > bestLen && j - k >= 2) {
                    bestStart = k;
                    bestLen = j - k;
                }
                k = j;
            } else {
                k++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && other.v6 == v6 && other.hi == hi && other.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi * 31 + lo) ^ (v6 ? 1 : 0);
    }
}
