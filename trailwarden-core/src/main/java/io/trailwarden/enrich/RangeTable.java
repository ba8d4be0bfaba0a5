package io.trailwarden.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-overlapping inclusive address ranges with attributes, held in sorted primitive arrays and searched by
 * binary search: the ASN CSV (~400k IPv4 + ~100k IPv6 rows) loads into ~20 MB and answers ~10M look-ups/s.
 * Each row points to an attribute record (country, city, AS number, organisation), shared between rows.
 * Immutable once built; thread-safe.
 */
final class RangeTable {
    /** One attribute record. */
    record Attributes(String country, String city, long asn, String asOrg) {}

    // IPv4: starts/ends stored as value ^ 0x80000000 so that signed int order is unsigned address order
    private final int[] v4Start;
    private final int[] v4End;
    private final int[] v4Attr;
    // IPv6: 128-bit values, compared as (hi, lo) unsigned
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;
    private final int[] v6Attr;
    private final Attributes[] attrs;

    private RangeTable(Builder b) {
        this.attrs = b.attrs.toArray(new Attributes[0]);
        int n4 = b.n4;
        v4Start = new int[n4];
        v4End = new int[n4];
        v4Attr = new int[n4];
        if (b.v4Sorted) { // the ASN CSV is sorted: no sort at all
            System.arraycopy(b.v4Start, 0, v4Start, 0, n4);
            System.arraycopy(b.v4End, 0, v4End, 0, n4);
            System.arraycopy(b.v4Attr, 0, v4Attr, 0, n4);
        } else {
            // (start, row) packed in one long: a primitive sort, no comparator, no array per row
            long[] order = new long[n4];
            for (int i = 0; i < n4; i++) {
                order[i] = (long) b.v4Start[i] << 32 | i;
            }
            Arrays.sort(order);
            for (int i = 0; i < n4; i++) {
                int row = (int) order[i];
                v4Start[i] = b.v4Start[row];
                v4End[i] = b.v4End[row];
                v4Attr[i] = b.v4Attr[row];
            }
        }
        int n6 = b.v6.size();
        long[][] r6 = b.v6.toArray(new long[0][]);
        Arrays.sort(r6, (x, y) -> {
            int c = Long.compareUnsigned(x[0], y[0]);
            return c != 0 ? c : Long.compareUnsigned(x[1], y[1]);
        });
        v6StartHi = new long[n6];
        v6StartLo = new long[n6];
        v6EndHi = new long[n6];
        v6EndLo = new long[n6];
        v6Attr = new int[n6];
        for (int i = 0; i < n6; i++) {
            v6StartHi[i] = r6[i][0];
            v6StartLo[i] = r6[i][1];
            v6EndHi[i] = r6[i][2];
            v6EndLo[i] = r6[i][3];
            v6Attr[i] = (int) r6[i][4];
        }
    }

    int sizeV4() {
        return v4Start.length;
    }

    int sizeV6() {
        return v6StartHi.length;
    }

    /** The attributes of the range holding {@code ip}, or null. */
    Attributes find(IpAddress ip) {
        if (!ip.isV6()) {
            int key = (int) ip.lo() ^ Integer.MIN_VALUE;
            int lo = 0;
            int hi = v4Start.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (v4Start[mid] > key) {
                    hi = mid - 1;
                } else if (v4End[mid] < key) {
                    lo = mid + 1;
                } else {
                    return attrs[v4Attr[mid]];
                }
            }
            return null;
        }
        long kh = ip.hi();
        long kl = ip.lo();
        int lo = 0;
        int hi = v6StartHi.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6StartHi[mid], v6StartLo[mid], kh, kl) > 0) {
                hi = mid - 1;
            } else if (compare(v6EndHi[mid], v6EndLo[mid], kh, kl) < 0) {
                lo = mid + 1;
            } else {
                return attrs[v6Attr[mid]];
            }
        }
        return null;
    }

    private static int compare(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Collects rows in any order. IPv4 rows go to primitive arrays (the ASN CSV has some 400k of them, and an
     * object per row made loading it the slowest part of a hunt's start), stored with the same signed-order
     * trick as the table.
     */
    static final class Builder {
        private int[] v4Start = new int[1024];
        private int[] v4End = new int[1024];
        private int[] v4Attr = new int[1024];
        private int n4;
        private boolean v4Sorted = true;
        private final List<long[]> v6 = new ArrayList<>();
        private final List<Attributes> attrs = new ArrayList<>();
        private final Map<Attributes, Integer> attrIndex = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();

        private String intern(String s) {
            if (s == null || s.isEmpty()) {
                return null;
            }
            return strings.computeIfAbsent(s, k -> k);
        }

        /** Adds the inclusive range [first, last]; both of one family. Returns false when they are not. */
        boolean add(IpAddress first, IpAddress last, String country, String city, long asn, String asOrg) {
            if (first == null || last == null || first.isV6() != last.isV6()) {
                return false;
            }
            int idx = attributes(country, city, asn, asOrg);
            if (first.isV6()) {
                v6.add(new long[] {first.hi(), first.lo(), last.hi(), last.lo(), idx});
            } else {
                addV4(first.lo(), last.lo(), idx);
            }
            return true;
        }

        /** The index of these attributes, shared with every equal record added before. */
        int attributes(String country, String city, long asn, String asOrg) {
            Attributes a = new Attributes(intern(country), intern(city), asn, intern(asOrg));
            return attrIndex.computeIfAbsent(a, k -> {
                attrs.add(k);
                return attrs.size() - 1;
            });
        }

        /** Adds the IPv4 range [first, last] (unsigned 32-bit values) with attributes from {@link #attributes}. */
        void addV4(long first, long last, int attributes) {
            if (n4 == v4Start.length) {
                int n = n4 * 2;
                v4Start = Arrays.copyOf(v4Start, n);
                v4End = Arrays.copyOf(v4End, n);
                v4Attr = Arrays.copyOf(v4Attr, n);
            }
            int start = (int) first ^ Integer.MIN_VALUE;
            if (n4 > 0 && start < v4Start[n4 - 1]) {
                v4Sorted = false;
            }
            v4Start[n4] = start;
            v4End[n4] = (int) last ^ Integer.MIN_VALUE;
            v4Attr[n4] = attributes;
            n4++;
        }

        RangeTable build() {
            return new RangeTable(this);
        }
    }
}
