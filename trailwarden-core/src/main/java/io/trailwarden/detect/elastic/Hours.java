package io.trailwarden.detect.elastic;

import io.trailwarden.util.Times;
import java.util.Arrays;

/**
 * The hourly buckets in which one value occurred in one partition: a small sorted array of UTC hour
 * indices (hours since the epoch), at most {@link #CAP} long. Past the cap the oldest hours are
 * dropped: {@code k} is then counted as {@code CAP}, where the score is already below 0.35.
 * Arrays are replaced, never shared, so a state can keep them directly in its map.
 */
final class Hours {
    /** At most this many hours are kept per value. */
    static final int CAP = 16;
    static final int[] NONE = new int[0];

    private Hours() {
    }

    static int hourOf(long time) {
        return (int) Math.floorDiv(time, Times.HOUR);
    }

    /** How many hours of {@code a} lie in [from, to). */
    static int count(int[] a, int from, int to) {
        if (a == null) {
            return 0;
        }
        int c = 0;
        for (int h : a) {
            if (h >= to) {
                break;
            }
            if (h >= from) {
                c++;
            }
        }
        return c;
    }

    /** {@code a} with hour {@code h} added (sorted, no duplicates, newest {@code cap} kept). */
    static int[] add(int[] a, int h, int cap) {
        if (a == null || a.length == 0) {
            return new int[] {h};
        }
        int last = a[a.length - 1];
        if (last == h) {
            return a;
        }
        int[] r;
        if (h > last) {
            r = Arrays.copyOf(a, a.length + 1);
            r[a.length] = h;
        } else {
            int i = Arrays.binarySearch(a, h);
            if (i >= 0) {
                return a;
            }
            int at = -i - 1;
            r = new int[a.length + 1];
            System.arraycopy(a, 0, r, 0, at);
            r[at] = h;
            System.arraycopy(a, at, r, at + 1, a.length - at);
        }
        return r.length > cap ? Arrays.copyOfRange(r, r.length - cap, r.length) : r;
    }

    /** {@code a} without the hours before {@code from}; {@link #NONE} when nothing is left. */
    static int[] pruneBefore(int[] a, int from) {
        if (a == null) {
            return NONE;
        }
        int i = 0;
        while (i < a.length && a[i] < from) {
            i++;
        }
        return i == 0 ? a : i == a.length ? NONE : Arrays.copyOfRange(a, i, a.length);
    }
}
