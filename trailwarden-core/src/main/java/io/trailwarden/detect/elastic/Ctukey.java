package io.trailwarden.detect.elastic;

import java.util.function.IntToDoubleFunction;

/**
 * Kusto's {@code series_outliers(series, "ctukey", none, lo, hi)} (DETECTIONS.md, failed-api-spike):
 * percentiles by linear interpolation at rank {@code p·(n−1)}; {@code R = P_hi − P_lo} (taken as 1 when
 * it is 0); the score is 0 inside [P_lo, P_hi], {@code F·(x − P_hi)/R} above and {@code F·(x − P_lo)/R}
 * below, with {@code F = 1.5·(z_hi − z_lo)/(2.69796 − z_hi)} from normal quantiles.
 */
public final class Ctukey {
    private Ctukey() {
    }

    /** The score factor for percentiles {@code lo} and {@code hi} (in percent): F(5, 95) ≈ 4.686. */
    public static double factor(double lo, double hi) {
        double zLo = normalQuantile(lo / 100.0);
        double zHi = normalQuantile(hi / 100.0);
        return 1.5 * (zHi - zLo) / (2.69796 - zHi);
    }

    /** The {@code p}-th percentile (0..100) of {@code n} ascending values read through {@code sorted}. */
    public static double percentile(int n, IntToDoubleFunction sorted, double p) {
        if (n <= 0) {
            throw new IllegalArgumentException("no values");
        }
        double rank = p / 100.0 * (n - 1);
        int i = (int) Math.floor(rank);
        double a = sorted.applyAsDouble(i);
        if (i + 1 >= n) {
            return a;
        }
        double b = sorted.applyAsDouble(i + 1);
        return a + (rank - i) * (b - a);
    }

    /** The score of {@code x} against the percentiles {@code pLo}, {@code pHi}. */
    public static double score(double x, double pLo, double pHi, double factor) {
        double r = pHi - pLo;
        if (r == 0) {
            r = 1;
        }
        if (x > pHi) {
            return factor * (x - pHi) / r;
        }
        if (x < pLo) {
            return factor * (x - pLo) / r;
        }
        return 0;
    }

    /** The scores of every value of a series against the series' own percentiles. */
    public static double[] scores(double[] series, double lo, double hi, double factor) {
        double[] s = series.clone();
        java.util.Arrays.sort(s);
        double pLo = percentile(s.length, i -> s[i], lo);
        double pHi = percentile(s.length, i -> s[i], hi);
        double[] out = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            out[i] = score(series[i], pLo, pHi, factor);
        }
        return out;
    }

    /** The standard normal quantile (Acklam's algorithm, relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double pLow = 0.02425;
        if (p < pLow) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - pLow) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
