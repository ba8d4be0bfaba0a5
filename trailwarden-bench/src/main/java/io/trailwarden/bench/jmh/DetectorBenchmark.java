package io.trailwarden.bench.jmh;

import io.trailwarden.config.Params;
import io.trailwarden.detect.Coverage;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.sentinel.FailedApiSpike;
import io.trailwarden.engine.DataCoverage;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One detector's per-event work, as the engine's slot does it: failed-api-spike's {@code keyOf}, the keyed state
 * look-up, {@code onEvent}, {@code isEmpty}, with its event-time timers fired ({@code onTimer}) as the watermark
 * passes them. Events are the sample's, enriched and stamped with their profile history beforehand, in hunt
 * order; when they run out, the states and timers are dropped and the pass starts again. One op = one event
 * offered to the detector (most are not its events: keyOf returns null), as in a hunt.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectorBenchmark {
    private record Timer(long time, String key) {
    }

    private FailedApiSpike detector;
    private EnrichedEvent[] events;
    private final Map<String, FailedApiSpike.State> states = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));
    private final java.util.Set<Timer> timerSet = new java.util.HashSet<>();
    private DataCoverage coverage;
    private long watermark;
    private int i;
    private long findings;
    private final Ctx ctx = new Ctx();

    private final class Ctx implements DetectorContext {
        String key;

        @Override
        public String key() {
            return key;
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public Coverage coverage() {
            return coverage;
        }

        @Override
        public void registerTimer(long time) {
            Timer t = new Timer(time, key);
            if (timerSet.add(t)) {
                timers.add(t);
            }
        }

        @Override
        public void emit(Finding.Draft finding) {
            findings++;
        }
    }

    @Setup
    public void setup() {
        detector = new FailedApiSpike(Params.defaults(FailedApiSpike.INFO));
        Enrichment en = Enrichment.open(null);
        SourceEnricher sources = en.newSources();
        ProfileStage profiles = new ProfileStage(90 * Times.DAY);
        List<EnrichedEvent> l = new ArrayList<>();
        for (CloudTrailEvent e : Samples.get().events) {
            var source = sources.enrich(e.sourceIp());
            var agent = en.agents().parse(e.userAgent());
            l.add(new EnrichedEvent(e, source, agent, profiles.observe(e, source, agent), false));
        }
        events = l.toArray(EnrichedEvent[]::new);
        long keyed = l.stream().filter(e -> detector.keyOf(e) != null).count();
        System.out.println("# " + events.length + " events, " + keyed + " of them failed-api-spike's");
        restart();
    }

    private void restart() {
        states.clear();
        timers.clear();
        timerSet.clear();
        coverage = new DataCoverage();
        watermark = Long.MIN_VALUE;
        i = 0;
    }

    @Benchmark
    public long onEvent() {
        if (i == events.length) {
            restart();
        }
        EnrichedEvent e = events[i++];
        long t = e.event().time();
        coverage.add(t);
        long wm = t - 15 * Times.MINUTE;
        if (wm > watermark) {
            watermark = wm;
            while (!timers.isEmpty() && timers.peek().time <= wm) {
                Timer tm = timers.poll();
                timerSet.remove(tm);
                FailedApiSpike.State s = states.get(tm.key);
                if (s != null) {
                    ctx.key = tm.key;
                    detector.onTimer(s, tm.time, ctx);
                    if (detector.isEmpty(s)) {
                        states.remove(tm.key);
                    }
                }
            }
        }
        String k = detector.keyOf(e);
        if (k == null) {
            return findings;
        }
        FailedApiSpike.State s = states.get(k);
        if (s == null) {
            s = detector.newState();
            states.put(k, s);
        }
        ctx.key = k;
        detector.onEvent(s, e, ctx);
        if (detector.isEmpty(s)) {
            states.remove(k);
        }
        return findings;
    }
}
