package io.trailwarden.sim;

/**
 * One real IPv4 network of the geo/ASN subset: every address in it enriches to this country, city, AS and
 * network class.
 *
 * @param tag          kind and provider, e.g. {@code isp-us-comcast}, {@code aws-us-east-1}, {@code vpn-mullvad}
 * @param networkClass the classifier's label ({@code isp}, {@code aws}, {@code major-cloud}, {@code hosting})
 */
public record Net(String first, String last, String country, String city, long asn, String asOrg,
                  String networkClass, String tag) {

    /** The address {@code offset} after the first usable one, wrapping round the range. */
    public String address(long offset) {
        long a = v4(first);
        long b = v4(last);
        long size = b - a + 1;
        long start = a;
        long usable = size;
        if (size >= 256) {
            start = a + 1;
            usable = size - 2;
        }
        long v = start + Math.floorMod(offset, usable);
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    public boolean isIpv4() {
        return first.indexOf(':') < 0;
    }

    static long v4(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        long v = 0;
        for (String x : p) {
            v = (v << 8) | Integer.parseInt(x);
        }
        return v;
    }
}
