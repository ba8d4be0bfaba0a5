package io.trailwarden.detect.elastic;

import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.time.Duration;
import java.util.List;

/**
 * The shared machinery of seed 002's rarity detections: one {@link RarityState} per partition (the
 * detector's key), the value of each event scored with {@link RarityScore} against the partition's
 * history <em>before the event's hour</em>, then recorded. So every call of a new value within its
 * first hour is scored as new (and merged by suppression), and the value is known from the next hour.
 */
abstract class RarityDetector implements Detector<RarityState> {
    static final String MITRE = "T1078";

    static List<Param> params(int threshold, String thresholdOrigin) {
        return List.of(
                Param.duration("history", Duration.ofDays(45),
                        "DETECTIONS.md: 45 days of hourly buckets, so monthly cadences stay known"),
                Param.number("threshold", threshold, thresholdOrigin),
                Param.integer("min_hours", RarityScore.DEFAULT_MIN_HOURS, "DETECTIONS.md: no finding while N < 20"),
                Param.integer("risk", 21, "seed 002: severity low, risk score 21"));
    }

    private final String id;
    protected final long history;
    protected final int historyHours;
    protected final double threshold;
    protected final RarityScore scorer;
    protected final int risk;
    /** The most past hours at which a value can still reach the threshold: see {@link RarityScore#maxPastHours}. */
    private final int maxPastHours;

    RarityDetector(String id, Params p) {
        this.id = id;
        this.history = p.millis("history");
        this.historyHours = (int) Math.max(1, history / Times.HOUR);
        this.threshold = p.number("threshold");
        this.scorer = new RarityScore(p.integer("min_hours"));
        this.risk = p.integer("risk");
        this.maxPastHours = RarityScore.maxPastHours(threshold);
    }

    /** The value scored (an API, an error code); never null when {@link #keyOf} is not. */
    abstract String valueOf(EnrichedEvent e);

    /**
     * N: the hours of data behind the partition's model in [from, hour); by default the organisation's
     * hours with data.
     */
    int dataHours(RarityState s, EnrichedEvent e, DetectorContext ctx, int from, int hour) {
        return ctx.coverage().hoursWithData(from * Times.HOUR, hour * Times.HOUR);
    }

    /** The finding's title, explanation and detection-specific evidence. */
    abstract void describe(Finding.Draft d, EnrichedEvent e, String partition, String value, Rarity r);

    /** The numbers behind one score, for evidence and explanations. */
    record Rarity(int k, int n, int partitionHours, double score, long historyDays) {
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public RarityState newState() {
        return new RarityState();
    }

    @Override
    public StateCodec<RarityState> codec() {
        return RarityState.CODEC;
    }

    @Override
    public Duration warmup() {
        return Duration.ofHours(scorer.warmupHours(threshold));
    }

    @Override
    public void onEvent(RarityState s, EnrichedEvent e, DetectorContext ctx) {
        String value = valueOf(e);
        if (value == null) {
            return;
        }
        int hour = Hours.hourOf(e.event().time());
        int from = hour - historyHours;
        int[] stored = s.hoursOf(value);
        int[] past = Hours.pruneBefore(stored, from);
        int k = Hours.count(past, from, hour);
        // N is only looked up when k leaves the threshold within reach (k = 0 at the default thresholds).
        int n = k <= maxPastHours ? dataHours(s, e, ctx, from, hour) : 0;
        if (scorer.fires(k, n, threshold)) {
            double score = RarityScore.score(k, n);
            int partitionHours = s.hours.count(from, hour);
            String partition = ctx.key();
            Rarity r = new Rarity(k, n, partitionHours, score, history / Times.DAY);
            Finding.Draft d = Finding.draft(id(), e)
                    .subject(partition + ":" + value)
                    .severity(Severity.LOW)
                    .risk(risk)
                    .mitre(MITRE)
                    .evidence("partition", partition)
                    .evidence("value", value)
                    .evidence("value_hours", k)
                    .evidence("partition_hours", partitionHours)
                    .evidence("data_hours", n)
                    .evidence("score", round2(score))
                    .evidence("threshold", threshold)
                    .evidence("history_days", r.historyDays());
            describe(d, e, partition, value, r);
            ctx.emit(d);
        }
        int[] next = Hours.add(past, hour, Hours.CAP);
        if (next != stored) { // most events repeat a value already counted for this hour
            s.put(value, next);
        }
        s.hours.set(hour);
        if (s.sweepAt == RarityState.NO_SWEEP) {
            schedule(s, Math.min(hour, s.hours.first()), ctx);
        }
    }

    /** Clean-up: forgets what left the history window, and schedules the next clean-up. */
    @Override
    public void onTimer(RarityState s, long time, DetectorContext ctx) {
        if (time != s.sweepAt) {
            return;
        }
        s.sweepAt = RarityState.NO_SWEEP;
        int oldest = s.pruneBefore(Hours.hourOf(time) - historyHours);
        if (!s.isEmpty()) {
            schedule(s, oldest, ctx);
        }
    }

    /** The next clean-up: the first midnight after the oldest hour leaves the window (one per day at most). */
    private void schedule(RarityState s, int oldestHour, DetectorContext ctx) {
        long expires = ((long) oldestHour + historyHours + 1) * Times.HOUR;
        s.sweepAt = Times.dayStart(expires - 1) + Times.DAY;
        ctx.registerTimer(s.sweepAt);
    }

    @Override
    public boolean isEmpty(RarityState s) {
        return s.isEmpty();
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    static String iso(int hour) {
        return Times.iso(hour * Times.HOUR);
    }
}
