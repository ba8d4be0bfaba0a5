package io.trailwarden.incident;

import java.util.Arrays;

/**
 * Elastic's entity risk: the risk scores sorted high to low, weighted by i^-1.5 and normalised by
 * ζ(1.5), so one high finding counts most and many low ones add up slowly; capped at 100.
 */
public final class EntityRisk {
    static final double ZETA_1_5 = 2.6123753;

    private EntityRisk() {
    }

    public static double of(int... scores) {
        int[] s = scores.clone();
        Arrays.sort(s);
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            int rank = i + 1;
            sum += s[s.length - 1 - i] * Math.pow(rank, -1.5);
        }
        return Math.min(100.0, sum / ZETA_1_5);
    }
}
