package io.trailwarden.detect.stats;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Kusto's {@code series_outliers(series, "ctukey", none, lo, hi)}: a custom Tukey fence test scored
 * in units of the fence distance.
 *
 * <p>For a series of n values, the {@code lo}th and {@code hi}th percentiles are taken by linear
 * interpolation between closest ranks (rank = p·(n−1), numpy's default), over all values including the
 * one scored. With {@code R = P_hi − P_lo}, a value x scores
 * <ul>
 *   <li>0 when {@code P_lo ≤ x ≤ P_hi} (the fence region),</li>
 *   <li>{@code F·(x − P_hi)/R} above it and {@code F·(x − P_lo)/R} below it (negative),</li>
 * </ul>
 * where {@code F(lo,hi) = 1.5·(z_hi − z_lo)/(2.69796 − z_hi)} rescales the percentile range so that, for
 * normal data, a score of 1 sits where Tukey's classic fence {@code Q3 + 1.5·IQR} (2.69796 σ) would.
 * F(5,95) ≈ 4.686. Kusto's own 10/90 constant, 2.772605605507915, differs from the formula and can be
 * passed explicitly to reproduce Microsoft's published example.
 *
 * <p>Zero spread (Trailwarden's decision, DETECTIONS.md): when {@code R = 0} (e.g. a series that is
 * almost all zeros) the spread is taken as {@code zeroSpread} (1 call by default), so that a single
 * unusual value scores instead of dividing by zero.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutlierScore {
    /** Tukey's upper fence for the standard normal: Q3 + 1.5·IQR = 0.67449 + 1.5·1.34898. */
    public static final double TUKEY_FENCE_Z = 2.69796;
    /** The spread used when the percentiles coincide, unless another is given. */
    public static final double DEFAULT_ZERO_SPREAD = 1.0;

    private final double lowPercentile;
    private final double highPercentile;
    private final double factor;
    private final double zeroSpread;

    /** The ctukey score with the given percentiles (0-100) and F computed from the normal quantiles. */
    public OutlierScore(double lowPercentile, double highPercentile) {
        this(lowPercentile, highPercentile, factor(lowPercentile, highPercentile), DEFAULT_ZERO_SPREAD);
    }

    /**
     * @param lowPercentile  0-100, below {@code highPercentile}
     * @param highPercentile 0-100
     * @param factor         F; see {@link #factor(double, double)}
     * @param zeroSpread     the spread used when the two percentiles are equal; must be positive
     */
    public OutlierScore(double lowPercentile, double highPercentile, double factor, double zeroSpread) {
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got "
                    + lowPercentile + " and " + highPercentile);
        }
        if (!(factor > 0) || !(zeroSpread > 0)) {
            throw new IllegalArgumentException("factor and zero spread must be positive");
        }
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
        this.factor = factor;
        this.zeroSpread = zeroSpread;
    }

    /** {@code F(lo,hi) = 1.5·(z_hi − z_lo)/(2.69796 − z_hi)}, z the standard normal quantile. */
    public static double factor(double lowPercentile, double highPercentile) {
        double zLo = normalQuantile(lowPercentile / 100.0);
        double zHi = normalQuantile(highPercentile / 100.0);
        if (!(zHi < TUKEY_FENCE_Z)) {
            throw new IllegalArgumentException("high percentile " + highPercentile + " lies beyond Tukey's fence");
        }
        return 1.5 * (zHi - zLo) / (TUKEY_FENCE_Z - zHi);
    }

    public double lowPercentile() { return lowPercentile; }
    public double highPercentile() { return highPercentile; }
    public double factor() { return factor; }
    public double zeroSpread() { return zeroSpread; }

    /** The fences of a series (any order; not modified). */
    public Fences fences(double[] series) {
        double[] sorted = series.clone();
        Arrays.sort(sorted);
        return fencesOfSorted(sorted);
    }

    /** The fences of a series already sorted ascending. */
    public Fences fencesOfSorted(double[] sorted) {
        return fencesOfSorted(sorted.length, i -> sorted[i]);
    }

    /**
     * The fences of {@code n} values read in ascending order through {@code sorted} (index 0 to n−1), for
     * a series too large to copy on every call, e.g. a sorted history with zeros in front and the scored
     * value inserted in its place.
     */
    public Fences fencesOfSorted(int n, IntToDoubleFunction sorted) {
        double lo = percentile(n, sorted, lowPercentile);
        double hi = percentile(n, sorted, highPercentile);
        double spread = hi - lo;
        return new Fences(lo, hi, spread > 0 ? spread : zeroSpread, factor);
    }

    /** The score of every value of the series, as Kusto's series_outliers returns them. */
    public double[] scores(double[] series) {
        Fences f = fences(series);
        double[] out = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            out[i] = f.score(series[i]);
        }
        return out;
    }

    /**
     * The p-th percentile (0-100) of an ascending array by linear interpolation between closest ranks:
     * rank {@code p/100·(n−1)}, as numpy's default {@code percentile(method="linear")}.
     */
    public static double percentile(double[] sorted, double p) {
        return percentile(sorted.length, i -> sorted[i], p);
    }

    /** As {@link #percentile(double[], double)}, of {@code n} ascending values read through {@code sorted}. */
    public static double percentile(int n, IntToDoubleFunction sorted, double p) {
        if (n <= 0) {
            throw new IllegalArgumentException("empty series");
        }
        double rank = p / 100.0 * (n - 1);
        int below = (int) Math.floor(rank);
        if (below >= n - 1) {
            return sorted.applyAsDouble(n - 1);
        }
        if (below < 0) {
            return sorted.applyAsDouble(0);
        }
        double t = rank - below;
        double a = sorted.applyAsDouble(below);
        double b = sorted.applyAsDouble(below + 1);
        // numpy's _lerp: exact at both ends, symmetric around t = 0.5
        double d = b - a;
        return t >= 0.5 ? b - d * (1 - t) : a + d * t;
    }

    /**
     * The standard normal quantile (inverse CDF), Wichura's algorithm AS 241 (PPND16), accurate to
     * about 1e-16.
     */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (p == 1) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException("probability out of (0,1): " + p);
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        double r = q < 0 ? p : 1 - p;
        r = Math.sqrt(-Math.log(r));
        double x;
        if (r <= 5.0) {
            r -= 1.6;
            x = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5.0;
            x = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -x : x;
    }

    /**
     * The fences of one series: the two percentiles, the spread used (R, or the zero-spread value when
     * R = 0) and F. {@link #score(double)} scores any value against them.
     */
    public record Fences(double low, double high, double spread, double factor) {
        public double score(double x) {
            if (x > high) {
                return factor * (x - high) / spread;
            }
            if (x < low) {
                return factor * (x - low) / spread;
            }
            return 0.0;
        }
    }
}
