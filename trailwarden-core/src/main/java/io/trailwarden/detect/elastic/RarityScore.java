package io.trailwarden.detect.elastic;

/**
 * The explainable rarity score of seed 002's family (DETECTIONS.md, The rarity score). Elastic's
 * anomaly models are proprietary; this score is analogous to theirs, not the same.
 *
 * <p>For a value (an API, an error code) in a partition (a country, a city, a principal, the
 * organisation): {@code k} = the hourly buckets of the history window (45 days) before the event's
 * hour in which the value occurred in that partition; {@code N} = the hours of data behind the
 * partition's model in the same window. Then
 *
 * <pre>score = 100 · min(1, N / 168) / (1 + k)²</pre>
 *
 * <p>A value never seen ({@code k = 0}, which includes every value of a partition never seen before)
 * scores 100 once a week (168 hours) of data stands behind it; a value seen in one past hour scores at
 * most 25, in two at most 11.1; less data lowers every score in proportion. Nothing fires while
 * {@code N} is below {@link #minHours()} (20). More past occurrences of the value only raise {@code k},
 * so they never raise the score.
 */
public final class RarityScore {
    /** A week of hours: the data behind a model at which the score reaches its full range. */
    public static final int FULL_DATA_HOURS = 168;
    /** DETECTIONS.md: no finding while N &lt; 20. */
    public static final int DEFAULT_MIN_HOURS = 20;

    private final int minHours;

    public RarityScore(int minHours) {
        this.minHours = minHours;
    }

    /** The score of a value seen in {@code k} past hourly buckets of a model with {@code n} hours of data. */
    public static double score(int k, int n) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("k and N must be >= 0: k=" + k + ", N=" + n);
        }
        double weight = Math.min(1.0, n / (double) FULL_DATA_HOURS);
        double d = 1.0 + k;
        return 100.0 * weight / (d * d);
    }

    /**
     * The most past hours {@code k} at which a value can still reach {@code threshold} (with a full week
     * of data): -1 when none can, {@link Integer#MAX_VALUE} when every k does. The score falls as k grows,
     * so {@code k <= maxPastHours(t)} is exactly {@code score(k, FULL_DATA_HOURS) >= t}, without the
     * floating point per event.
     */
    public static int maxPastHours(double threshold) {
        if (!(score(0, FULL_DATA_HOURS) >= threshold)) { // NaN, or above 100
            return -1;
        }
        // binary search for the last k that still reaches the threshold, exact over the whole int range
        int lo = 0;
        int hi = Integer.MAX_VALUE;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi + 1) >>> 1);
            if (score(mid, FULL_DATA_HOURS) >= threshold) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The fewest hours of data a model needs before it may raise anything. */
    public int minHours() {
        return minHours;
    }

    public boolean enoughData(int n) {
        return n >= minHours;
    }

    /** True when a finding is due: enough data, and the score at or above the threshold. */
    public boolean fires(int k, int n, double threshold) {
        return enoughData(n) && score(k, n) >= threshold;
    }

    /**
     * The fewest hours of data at which a never-seen value ({@code k = 0}) reaches {@code threshold}:
     * the detection's effective warm-up.
     */
    public int warmupHours(double threshold) {
        int needed = (int) Math.ceil(FULL_DATA_HOURS * Math.min(100.0, threshold) / 100.0 - 1e-9);
        return Math.max(minHours, needed);
    }
}
