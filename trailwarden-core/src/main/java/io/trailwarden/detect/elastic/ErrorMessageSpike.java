package io.trailwarden.detect.elastic;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Param;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.detect.stats.OutlierScore;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * Seed 002's related rule "Spike in AWS Error Messages" (Elastic's {@code high_distinct_count} of
 * error messages). The measure: distinct error messages in the organisation per 15-minute bucket.
 * Each time an event brings a new distinct message into its bucket, the bucket's count {@code x} is
 * scored with Kusto's ctukey (5/95) against that measure's own 45-day history (every 15-minute bucket
 * of the hours with data, zero where no message, plus {@code x}); anomaly = min(100, 25 × score).
 * Fires for the event's credential when the anomaly reaches 50 and {@code x ≥ 5}; the subject is the
 * bucket, so each credential adding messages to a spiking bucket is named once.
 */
public final class ErrorMessageSpike implements Detector<ErrorMessageSpike.State> {
    public static final String ID = "error-message-spike";
    public static final String ORGANISATION = "organisation";
    static final long BUCKET = 15 * Times.MINUTE;
    private static final long NO_SWEEP = Long.MIN_VALUE;
    private static final int MAX_CLIP = 300;

    public static final DetectionInfo INFO = new DetectionInfo(ID,
            "Spike in distinct error messages", "seed 002, Elastic ML (Spike in AWS Error Messages)",
            List.of(RarityDetector.MITRE),
            List.of(Param.duration("history", Duration.ofDays(45),
                            "DETECTIONS.md: the 45-day history of the rarity family"),
                    Param.number("threshold", 50, "Elastic ML rules' anomaly threshold 50"),
                    Param.integer("min_distinct", 5, "DETECTIONS.md: at least 5 distinct messages"),
                    Param.integer("min_hours", RarityScore.DEFAULT_MIN_HOURS,
                            "Decision: the rarity family's 'no finding while N < 20' hours of data"),
                    Param.number("percentile_low", 5, "DETECTIONS.md: ctukey 5/95"),
                    Param.number("percentile_high", 95, "DETECTIONS.md: ctukey 5/95"),
                    Param.number("score_scale", 25, "DETECTIONS.md: anomaly score = min(100, 25 x ctukey score)"),
                    Param.integer("risk", 21, "seed 002: severity low, risk score 21")),
            ErrorMessageSpike::new);

    private final long history;
    private final double threshold;
    private final int minDistinct;
    private final int minHours;
    private final OutlierScore outliers;
    private final double scale;
    private final int risk;

    public ErrorMessageSpike(Params p) {
        this.history = p.millis("history");
        this.threshold = p.number("threshold");
        this.minDistinct = p.integer("min_distinct");
        this.minHours = p.integer("min_hours");
        this.outliers = new OutlierScore(p.number("percentile_low"), p.number("percentile_high"));
        this.scale = p.number("score_scale");
        this.risk = p.integer("risk");
    }

    /** One open 15-minute bucket: its distinct messages (64-bit hashes), and each credential's. */
    static final class Open {
        final HashSet<Long> messages = new HashSet<>();
        final HashMap<String, HashSet<Long>> byCredential = new HashMap<>(4);
        // Memo of the sorted history, valid while neither the history nor the hours with data change.
        int memoVersion = -1;
        int memoHours = -1;
        int[] memoSorted;
    }

    /**
     * The organisation's state: the distinct counts of the closed buckets with at least one message
     * (each bucket closes once), and the open buckets.
     */
    public static final class State {
        SlotCounts closed = new SlotCounts(16);
        int lastClosed = Integer.MIN_VALUE;
        final TreeMap<Integer, Open> open = new TreeMap<>();
        long sweepAt = NO_SWEEP;
        // Changes whenever the closed buckets do, so open buckets know when their sorted history is stale.
        int version;

        void append(int bucket, int count) {
            closed.add(bucket, count);
            version++;
        }

        void pruneBefore(int bucket) {
            if (closed.pruneBefore(bucket)) {
                version++;
            }
        }

        /** The number of closed buckets kept (those with at least one message). */
        public int historySize() {
            return closed.size();
        }
    }

    public static final StateCodec<State> CODEC = new StateCodec<>() {
        @Override
        public void write(State s, DataOutput out) throws IOException {
            s.closed.write(out);
            out.writeInt(s.lastClosed);
            out.writeLong(s.sweepAt);
            out.writeInt(s.open.size());
            for (Map.Entry<Integer, Open> e : s.open.entrySet()) {
                out.writeInt(e.getKey());
                writeHashes(out, e.getValue().messages);
                TreeMap<String, HashSet<Long>> byCred = new TreeMap<>(e.getValue().byCredential);
                out.writeInt(byCred.size());
                for (Map.Entry<String, HashSet<Long>> c : byCred.entrySet()) {
                    io.trailwarden.state.Bin.writeString(out, c.getKey());
                    writeHashes(out, c.getValue());
                }
            }
        }

        @Override
        public State read(DataInput in) throws IOException {
            State s = new State();
            s.closed = SlotCounts.read(in, 16);
            s.lastClosed = in.readInt();
            s.sweepAt = in.readLong();
            int open = in.readInt();
            for (int i = 0; i < open; i++) {
                Open o = new Open();
                int b = in.readInt();
                readHashes(in, o.messages);
                int creds = in.readInt();
                for (int j = 0; j < creds; j++) {
                    String c = io.trailwarden.state.Bin.readString(in);
                    HashSet<Long> h = new HashSet<>();
                    readHashes(in, h);
                    o.byCredential.put(c, h);
                }
                s.open.put(b, o);
            }
            return s;
        }

        private void writeHashes(DataOutput out, HashSet<Long> set) throws IOException {
            long[] a = new long[set.size()];
            int i = 0;
            for (long v : set) {
                a[i++] = v;
            }
            Arrays.sort(a);
            out.writeInt(a.length);
            for (long v : a) {
                out.writeLong(v);
            }
        }

        private void readHashes(DataInput in, HashSet<Long> set) throws IOException {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                set.add(in.readLong());
            }
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public KeyKind keyKind() {
        return KeyKind.ORGANISATION;
    }

    @Override
    public String keyOf(EnrichedEvent e) {
        String m = e.event().errorMessage();
        return m == null || m.isEmpty() ? null : ORGANISATION;
    }

    @Override
    public State newState() {
        return new State();
    }

    @Override
    public StateCodec<State> codec() {
        return CODEC;
    }

    @Override
    public Duration warmup() {
        return Duration.ofHours(minHours);
    }

    @Override
    public void onEvent(State s, EnrichedEvent e, DetectorContext ctx) {
        long t = e.event().time();
        int b = (int) Math.floorDiv(t, BUCKET);
        if (b <= s.lastClosed) {
            return; // a late message for a bucket already evaluated and closed: not counted
        }
        Open o = s.open.get(b);
        if (o == null) {
            o = new Open();
            s.open.put(b, o);
            ctx.registerTimer((b + 1L) * BUCKET);
        }
        long h = hash64(e.event().errorMessage());
        String cred = e.event().credential();
        o.byCredential.computeIfAbsent(cred, c -> new HashSet<>(4)).add(h);
        if (!o.messages.add(h)) {
            return;
        }
        int x = o.messages.size();
        if (x < minDistinct) {
            return;
        }
        long bucketStart = b * BUCKET;
        long hourStart = Times.hourStart(bucketStart);
        long from = hourStart - history;
        int n = ctx.coverage().hoursWithData(from, hourStart);
        if (n < minHours) {
            return;
        }
        int[] past = sortedHistory(s, o, (int) Math.floorDiv(from, BUCKET), b, n);
        int total = 4 * n + (int) ((bucketStart - hourStart) / BUCKET);
        int zeros = Math.max(0, total - past.length);
        int len = zeros + past.length + 1;
        int insertAt = upperBound(past, x);
        IntToDoubleFunction series = i -> {
            if (i < zeros) {
                return 0;
            }
            int j = i - zeros;
            return j < insertAt ? past[j] : j == insertAt ? x : past[j - 1];
        };
        OutlierScore.Fences fences = outliers.fencesOfSorted(len, series);
        double p5 = fences.low();
        double p95 = fences.high();
        double tukey = fences.score(x);
        double anomaly = Math.min(100.0, scale * Math.max(0, tukey));
        if (anomaly < threshold) {
            return;
        }
        int own = o.byCredential.get(cred).size();
        String msg = e.event().errorMessage();
        ctx.emit(Finding.draft(ID, e)
                .subject("bucket:" + Times.iso(bucketStart))
                .title("Spike in distinct error messages (" + x + " in 15 minutes)")
                .severity(Severity.LOW)
                .risk(risk)
                .mitre(RarityDetector.MITRE)
                .evidence("bucket_start", Times.iso(bucketStart))
                .evidence("distinct_messages", x)
                .evidence("credential_distinct_messages", own)
                .evidence("history_buckets", len - 1)
                .evidence("history_buckets_with_messages", past.length)
                .evidence("p5", RarityDetector.round2(p5))
                .evidence("p95", RarityDetector.round2(p95))
                .evidence("ctukey_score", RarityDetector.round2(tukey))
                .evidence("anomaly_score", RarityDetector.round2(anomaly))
                .evidence("threshold", threshold)
                .evidence("data_hours", n)
                .evidence("error_code", e.event().errorCode())
                .evidence("error_message", clip(msg))
                .explanation(cred + " added a new distinct error message (" + e.event().errorCode() + " on "
                        + e.event().eventName() + ") to a 15-minute bucket that already holds " + x
                        + " distinct error messages in the organisation, where 95% of the buckets of the previous "
                        + history / Times.DAY + " days held at most " + RarityDetector.round2(p95) + " (anomaly score "
                        + RarityDetector.round2(anomaly) + "; this credential: " + own + " distinct): bursts of new"
                        + " errors often come from enumeration with a stolen key; review this credential's errors."));
    }

    /** The distinct counts of the closed buckets in [fromBucket, bucket), ascending; memoised per open bucket. */
    private int[] sortedHistory(State s, Open o, int fromBucket, int bucket, int hours) {
        if (o.memoSorted != null && o.memoVersion == s.version && o.memoHours == hours) {
            return o.memoSorted;
        }
        int[] v = s.closed.countsIn(fromBucket, bucket);
        Arrays.sort(v);
        o.memoSorted = v;
        o.memoVersion = s.version;
        o.memoHours = hours;
        return v;
    }

    private static int upperBound(int[] a, int x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Closes the buckets that ended, forgets history older than the window, keeps a clean-up scheduled. */
    @Override
    public void onTimer(State s, long time, DetectorContext ctx) {
        while (!s.open.isEmpty() && (s.open.firstKey() + 1L) * BUCKET <= time) {
            Map.Entry<Integer, Open> e = s.open.pollFirstEntry();
            s.append(e.getKey(), e.getValue().messages.size());
            s.lastClosed = Math.max(s.lastClosed, e.getKey());
        }
        s.pruneBefore((int) Math.floorDiv(Times.hourStart(time) - history, BUCKET));
        if (time == s.sweepAt) {
            s.sweepAt = NO_SWEEP;
        }
        if (!s.closed.isEmpty() && s.sweepAt == NO_SWEEP) {
            long expires = (s.closed.first() + 1L) * BUCKET + history + Times.HOUR;
            s.sweepAt = Times.dayStart(expires - 1) + Times.DAY;
            ctx.registerTimer(s.sweepAt);
        }
    }

    @Override
    public boolean isEmpty(State s) {
        return s.closed.isEmpty() && s.open.isEmpty();
    }

    /** 64-bit FNV-1a with a final mix: distinct messages are counted by hash, not kept. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** An error message for evidence: at most 300 characters (it is attacker-influenced data). */
    static String clip(String s) {
        return s == null || s.length() <= MAX_CLIP ? s : s.substring(0, MAX_CLIP) + "…";
    }
}
