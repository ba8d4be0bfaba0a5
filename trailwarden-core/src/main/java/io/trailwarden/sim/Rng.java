package io.trailwarden.sim;

import java.util.List;

/**
 * A small deterministic random generator (SplitMix64). The simulator derives one per (seed, actor, day)
 * so that adding or removing an attack never changes the background, and the same seed always gives the
 * same bytes, whatever the JDK.
 */
public final class Rng {
    private long state;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator derived from several parts (seed, names hashed with {@link #hash}, day...). */
    public static Rng of(long... parts) {
        long s = 0x6a09e667f3bcc909L;
        for (long p : parts) {
            s = mix(s ^ mix(p + 0x9e3779b97f4a7c15L));
        }
        return new Rng(s);
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A stable 64-bit hash of a string (not String.hashCode, which is only 32 bits). */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    public long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        return mix(state);
    }

    /** Uniform in [0, n). */
    public int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) n);
    }

    /** Uniform in [from, to] (inclusive). */
    public int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    /** Uniform in [from, to). */
    public long range(long from, long to) {
        if (to <= from) {
            return from;
        }
        return from + Math.floorMod(nextLong() >>> 1, to - from);
    }

    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = nextDouble();
        double u2 = nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        double r = Math.sqrt(-2 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Exponentially distributed with the given mean. */
    public double exp(double mean) {
        return -mean * Math.log(1 - nextDouble());
    }

    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= nextDouble();
        } while (p > l);
        return k - 1;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... items) {
        return items[nextInt(items.length)];
    }

    /** Index drawn with the given (unnormalised) weights. */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
