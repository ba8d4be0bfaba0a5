package io.trailwarden.bench;

import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.detect.Detector;
import io.trailwarden.engine.Engine;
import io.trailwarden.engine.EngineOptions;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import io.trailwarden.source.ParallelDecoder;
import io.trailwarden.util.StringSlots;
import io.trailwarden.util.Times;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trailwarden bench engine [--live | --each | --grouped] [DIR] [PASSES]}: the cost of the engine thread
 * alone. Decodes the archive into memory once, then feeds the same events through a fresh {@link Engine} (default
 * configuration, every detection, the installed enrichment, findings rendered as JSON as the hunt writes them)
 * several times in one JVM, and prints for each pass the engine thread's CPU time per event, the GC time, and a
 * digest of the findings: the digest must not change when an optimisation is meant to keep behaviour. Decoding is
 * outside the measured interval; the later passes are JIT-warm. {@code --each} ranks the detections by what each adds ({@link #each}); {@code --live} runs
 * decoding and engine together; {@code --grouped} measures an order of processing the engine does not use
 * ({@link #grouped}). Not a part of {@code bench} (the events held in memory need a larger heap:
 * {@code TRAILWARDEN_JAVA_OPTS=-Xmx6g}).
 */
public final class EngineBench {
    private EngineBench() {
    }

    public static void main(List<String> args) throws Exception {
        boolean live = !args.isEmpty() && args.get(0).equals("--live");
        boolean each = !args.isEmpty() && args.get(0).equals("--each");
        boolean grouped = !args.isEmpty() && args.get(0).equals("--grouped");
        if (live || each || grouped) {
            args = args.subList(1, args.size());
        }
        Path dir = Path.of(args.isEmpty() ? ".bench/sim-scale5-seed1-days21-07cc855c/small" : args.get(0));
        int passes = args.size() > 1 ? Integer.parseInt(args.get(1)) : 5;
        if (live) {
            live(dir, passes);
            return;
        }
        List<CloudTrailEvent> events = decode(dir, null);
        if (each) {
            each(events, passes);
            return;
        }
        if (grouped) {
            grouped(events, passes);
            return;
        }
        System.out.printf(Locale.ROOT, "engine bench: %,d events from %s, %d passes%n", events.size(), dir, passes);
        System.out.printf(Locale.ROOT, "%4s %10s %10s %8s %9s %8s  %s%n", "pass", "CPU µs/ev", "wall µs/ev", "GC s",
                "findings", "ev/CPU-s", "findings digest");
        Enrichment enrichment = Enrichment.open(null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int p = 1; p <= passes; p++) {
            TrailwardenConfig cfg = TrailwardenConfig.defaults();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long[] findings = {0};
            FindingTracker tracker = new FindingTracker(cfg.engineOptions().suppressWindow(), cfg.allowlist(),
                    enrichment.sources(), (f, update) -> {
                findings[0]++;
                digest.update(FindingJson.toJson(f, enrichment.sources()).getBytes(StandardCharsets.UTF_8));
            });
            Engine engine = new Engine(cfg.detectors(), cfg.engineOptions(), enrichment.sources(), enrichment.agents(),
                    tracker, InputSelection.ALL);
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (CloudTrailEvent e : events) {
                engine.accept(e);
            }
            engine.finish(false);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            double gc = (gcMillis() - gc0) / 1e3;
            System.out.printf(Locale.ROOT, "%4d %10.3f %10.3f %8.2f %9d %8.0f  %s%n", p, cpu / 1e3 / events.size(),
                    wall / 1e3 / events.size(), gc, findings[0], events.size() / (cpu / 1e9),
                    HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        }
    }

    /**
     * What each detection costs: after two warm-up passes with every detection, each round replays the events
     * through the engine with none, with each detection alone, and with all of them, and prints the engine thread's
     * CPU µs per event of each; the detections' columns minus "none" are what each adds. Costs measured alone add
     * up to about the cost of all (seventh and eighth sessions), so this ranks where an optimisation can pay.
     */
    private static void each(List<CloudTrailEvent> events, int rounds) throws Exception {
        Enrichment enrichment = Enrichment.open(null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> ids = new ArrayList<>();
        for (Detector<?> d : TrailwardenConfig.defaults().detectors()) {
            ids.add(d.id());
        }
        System.out.printf(Locale.ROOT, "engine bench --each: %,d events, 2 warm-up passes, %d rounds; CPU µs per event%n",
                events.size(), rounds);
        replay(events, enrichment, threads, null);
        replay(events, enrichment, threads, null);
        List<String> columns = new ArrayList<>(List.of("none"));
        columns.addAll(ids);
        columns.add("all");
        double[][] cost = new double[rounds][columns.size()];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < columns.size(); c++) {
                String col = columns.get(c);
                Set<String> only = col.equals("all") ? null : col.equals("none") ? Set.of() : Set.of(col);
                cost[r][c] = replay(events, enrichment, threads, only);
            }
        }
        System.out.printf(Locale.ROOT, "%-24s %s   %s%n", "detections", "µs/event by round", "adds (best round)");
        double bestNone = Double.MAX_VALUE;
        for (double[] round : cost) {
            bestNone = Math.min(bestNone, round[0]);
        }
        for (int c = 0; c < columns.size(); c++) {
            StringBuilder row = new StringBuilder();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                row.append(String.format(Locale.ROOT, " %6.3f", cost[r][c]));
                best = Math.min(best, cost[r][c]);
            }
            String adds = c == 0 ? "" : String.format(Locale.ROOT, "%+.3f", best - bestNone);
            System.out.printf(Locale.ROOT, "%-24s%s   %s%n", columns.get(c), row, adds);
        }
    }

    /**
     * An experiment, not the product's semantics: what the engine would cost if it took each hour's events grouped
     * by principal (one principal's state brought into the cache once for its events of the hour) instead of in
     * time order. Both orders are replayed with a lateness of 1 ms, so that neither is put back into time order by
     * the reorder buffer: the grouped events mostly arrive "late" and skip the buffer. The control, each hour's
     * events in a random order, skips it as much but keeps principals mixed: grouped against shuffled is what
     * locality buys. Findings differ between the orders and are not compared. See docs/performance.md, "Eighth session".
     */
    private static void grouped(List<CloudTrailEvent> events, int rounds) throws Exception {
        Enrichment enrichment = Enrichment.open(null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<CloudTrailEvent> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparingLong(CloudTrailEvent::time));
        Comparator<CloudTrailEvent> byHour = Comparator.comparingLong(e -> Math.floorDiv(e.time(), Times.HOUR));
        List<CloudTrailEvent> byPrincipal = new ArrayList<>(events);
        byPrincipal.sort(byHour.thenComparing(e -> String.valueOf(e.principal().profileKey()))
                .thenComparingLong(CloudTrailEvent::time));
        // The control: out of time order within the hour as much, but principals mixed as in time order.
        List<CloudTrailEvent> shuffled = new ArrayList<>(events);
        shuffled.sort(byHour.thenComparingInt(e -> StringSlots.spread(String.valueOf(e.eventId()).hashCode()))
                .thenComparingLong(CloudTrailEvent::time));
        System.out.printf(Locale.ROOT, "engine bench --grouped: %,d events, lateness 1 ms, %d rounds after a warm-up"
                + " of each; CPU µs per event%n", events.size(), rounds);
        EngineOptions o = TrailwardenConfig.defaults().engineOptions();
        EngineOptions noReorder = new EngineOptions(1, o.suppressWindow(), o.profileRetention());
        replay(byTime, enrichment, threads, null, noReorder);
        replay(byPrincipal, enrichment, threads, null, noReorder);
        replay(shuffled, enrichment, threads, null, noReorder);
        for (int r = 1; r <= rounds; r++) {
            double t = replay(byTime, enrichment, threads, null, noReorder);
            double g = replay(byPrincipal, enrichment, threads, null, noReorder);
            double x = replay(shuffled, enrichment, threads, null, noReorder);
            System.out.printf(Locale.ROOT, "%4d  time order %6.3f   each hour by principal %6.3f   each hour shuffled %6.3f%n",
                    r, t, g, x);
        }
    }

    /** One pass over the events with the detections named in {@code only} (null: all); CPU µs per event. */
    private static double replay(List<CloudTrailEvent> events, Enrichment enrichment, ThreadMXBean threads,
                                 Set<String> only) {
        return replay(events, enrichment, threads, only, TrailwardenConfig.defaults().engineOptions());
    }

    private static double replay(List<CloudTrailEvent> events, Enrichment enrichment, ThreadMXBean threads,
                                 Set<String> only, EngineOptions options) {
        TrailwardenConfig cfg = TrailwardenConfig.defaults();
        List<Detector<?>> detectors = new ArrayList<>();
        for (Detector<?> d : cfg.detectors()) {
            if (only == null || only.contains(d.id())) {
                detectors.add(d);
            }
        }
        FindingTracker tracker = new FindingTracker(cfg.engineOptions().suppressWindow(), cfg.allowlist(),
                enrichment.sources(), (f, update) -> { });
        Engine engine = new Engine(detectors, options, enrichment.sources(), enrichment.agents(), tracker,
                InputSelection.ALL);
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (CloudTrailEvent e : events) {
            engine.accept(e);
        }
        engine.finish(false);
        return (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / events.size();
    }

    /** Decoding and engine together as the hunt runs them; odd passes are the floor (no engine). */
    private static void live(Path dir, int passes) throws Exception {
        Enrichment enrichment = Enrichment.open(null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%4s %6s %10s %10s %10s %8s %9s%n", "pass", "what", "wall s", "proc CPU s",
                "main CPU s", "GC s", "findings");
        for (int p = 1; p <= passes * 2; p++) {
            boolean floor = p % 2 == 1;
            TrailwardenConfig cfg = TrailwardenConfig.defaults();
            long[] findings = {0};
            FindingTracker tracker = new FindingTracker(cfg.engineOptions().suppressWindow(), cfg.allowlist(),
                    enrichment.sources(), (f, update) -> findings[0]++);
            Engine engine = floor ? null : new Engine(cfg.detectors(), cfg.engineOptions(), enrichment.sources(),
                    enrichment.agents(), tracker, InputSelection.ALL);
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long[] n = {0};
            decode(dir, e -> {
                n[0]++;
                if (engine != null) {
                    engine.accept(e);
                }
            });
            if (engine != null) {
                engine.finish(false);
            }
            System.out.printf(Locale.ROOT, "%4d %6s %10.2f %10.2f %10.2f %8.2f %9d%n", p, floor ? "floor" : "hunt",
                    (System.nanoTime() - wall0) / 1e9, (os.getProcessCpuTime() - proc0) / 1e9,
                    (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, (gcMillis() - gc0) / 1e3, findings[0]);
        }
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    private static List<CloudTrailEvent> decode(Path dir, java.util.function.Consumer<CloudTrailEvent> to)
            throws Exception {
        InputProblems problems = Part.LOUD;
        InputPlan plan = InputPlan.of(List.of(dir.toString()), InputSelection.ALL,
                new CloudTrailFileReader(problems, InputStream.nullInputStream()));
        List<CloudTrailEvent> events = new ArrayList<>();
        try (ParallelDecoder d = new ParallelDecoder(Runtime.getRuntime().availableProcessors(), problems,
                InputStream.nullInputStream())) {
            d.decode(plan.files(), new ParallelDecoder.Sink() {
                @Override
                public void event(CloudTrailEvent e) {
                    if (to != null) {
                        to.accept(e);
                    } else {
                        events.add(e);
                    }
                }

                @Override
                public void fileDone(InputFile file, long records) {
                }
            });
        }
        return events;
    }
}
