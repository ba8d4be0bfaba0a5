package io.trailwarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trailwarden bench}: the throughput benchmark of the performance issue. Generates (once, cached) a
 * simulated archive, then for each layout runs, each in a fresh child JVM, the decode floor, the full hunt and the
 * DuckDB reference over the same files, and prints events/s, MB/s of compressed input, wall time, peak RSS and heap,
 * and the ratios hunt/floor and hunt/DuckDB. {@code trailwarden bench jmh [JMH args]} runs the micro-benchmarks.
 * Not a test: nothing here fails a build.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Throughput benchmark: the full hunt against the decode floor and DuckDB on the same files.",
            "'bench jmh [JMH options]' runs the JMH micro-benchmarks instead (decoding, user agents, geo, a detector);",
            "'bench jfr FILE.jfr [N]' summarises a recording made with --jfr (top methods, threads, allocation sites);",
            "'bench engine [--live | --each | --grouped] [DIR] [PASSES]' measures the engine thread alone on events held in"
                + " memory (TRAILWARDEN_JAVA_OPTS=-Xmx6g at --scale 5, -Xmx16g at 50); docs/performance.md explains."})
public final class Bench implements Callable<Integer> {
    static final List<String> PARTS = List.of("floor", "hunt", "duckdb");

    @Option(names = "--scale", defaultValue = "50",
            description = "simulator scale (default ${DEFAULT-VALUE}: about 10M events over 21 days; 5 is about 1M)")
    double scale;

    @Option(names = "--seed", defaultValue = "1", description = "simulator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", defaultValue = "21", description = "days of data (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "where archives and results are kept (default: .bench/ under the project)")
    Path cache;

    @Option(names = "--layout", defaultValue = "both", paramLabel = "small|large|both",
            description = "small = the delivered files (one per account, region and 5 minutes); large = the same records"
                    + " concatenated into files of about --large-mb MB (default ${DEFAULT-VALUE})")
    String layout;

    @Option(names = "--large-mb", defaultValue = "128", description = "size of a large file, compressed (default ${DEFAULT-VALUE})")
    int largeMb;

    @Option(names = "--repeat", defaultValue = "1", description = "runs of each part; the best is reported (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--only", split = ",", paramLabel = "hunt,floor,duckdb", description = "parts to run (default: all)")
    List<String> only = new ArrayList<>(PARTS);

    @Option(names = "--threads", description = "decoding threads and DuckDB threads (default: cores = ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--xmx", defaultValue = "1g", description = "-Xmx of each measured child JVM (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--gen-xmx", defaultValue = "2g", description = "-Xmx of the generating JVM (default ${DEFAULT-VALUE})")
    String genXmx;

    @Option(names = "--flush", description = "hunt as 'hunt DIR' (every window flushed at the end, the state saved empty of"
            + " windows) instead of the default 'hunt DIR --state OUT/state', whose saved state is what a next run resumes"
            + " from and so what the state sizes report")
    boolean flush;

    @Option(names = "--java-opts", paramLabel = "\"OPTS\"", defaultValue = "",
            description = "extra JVM options for the floor and hunt children, split on spaces (e.g. \"-XX:TieredStopAtLevel=1\")")
    String javaOpts;

    @Option(names = "--jfr", description = "record the floor and the hunt with Java Flight Recorder (profile settings) into"
            + " the cache folder")
    boolean jfr;

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("engine")) {
            EngineBench.main(Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 1 && args[0].equals("jfr")) {
            JfrTop.main(Arrays.asList(args).subList(1, args.length));
            return;
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (String p : only) {
            if (!PARTS.contains(p)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--only takes hunt, floor, duckdb");
            }
        }
        List<String> layouts = switch (layout) {
            case "small" -> List.of("small");
            case "large" -> List.of("large");
            case "both" -> List.of("small", "large");
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--layout takes small, large or both");
        };
        Path home = Path.of(System.getProperty("trailwarden.home", "."));
        Path cacheDir = (cache != null ? cache : home.resolve(".bench")).toAbsolutePath().normalize();
        Files.createDirectories(cacheDir);
        Archive arc = new Archive(cacheDir, scale, seed, days);
        PrintStream out = System.out;
        String started = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        ObjectNode results = Archive.JSON.createObjectNode();
        results.put("started", Instant.now().toString());
        results.set("machine", machine());
        ObjectNode opts = results.putObject("options");
        opts.put("scale", scale).put("seed", seed).put("days", days).put("layout", layout).put("repeat", repeat)
                .put("threads", threads).put("xmx", xmx).put("java_opts", javaOpts).put("keep_state", !flush).put("large_mb", largeMb);
        opts.putPOJO("only", only);
        opts.put("jit_flags", String.join(" ", jitFlags()));

        boolean wantLarge = layouts.contains("large");
        if (arc.info("small") == null || (wantLarge && arc.info("large") == null)) {
            JsonNode g = child("generate", genXmx, null, cacheDir.resolve("generate.json"), "cache=" + cacheDir,
                    "scale=" + scale, "seed=" + seed, "days=" + days, "threads=" + threads, "large=" + wantLarge,
                    "largeMb=" + largeMb);
            results.set("generation", g);
            out.printf(Locale.ROOT, "generated in %.1f s (peak RSS %s)%n", g.path("wall_seconds").asDouble(),
                    mb(g.path("peak_rss_bytes").asLong()));
        }
        JsonNode smallInfo = arc.info("small");
        out.printf(Locale.ROOT, "archive %s: %,d events over %d days (scale %s, seed %d)%n", arc.dir,
                smallInfo.path("events").asLong(), days, fmtScale(scale), seed);
        out.printf(Locale.ROOT, "machine: %s, %d cores, %s; load average %.2f%n",
                results.path("machine").path("cpu").asText(), Runtime.getRuntime().availableProcessors(),
                results.path("machine").path("java").asText(), Measure.loadAverage());
        out.println("floor and hunt JVMs: -Xmx" + xmx + " -XX:+UseParallelGC " + String.join(" ", jitFlags())
                + (javaOpts.isBlank() ? "" : " " + javaOpts.trim()));
        ObjectNode perLayout = results.putObject("layouts");
        for (String l : layouts) {
            JsonNode info = arc.info(l);
            ObjectNode lr = perLayout.putObject(l);
            lr.set("archive", info);
            ObjectNode parts = lr.putObject("parts");
            for (String p : PARTS) {
                if (only.contains(p)) {
                    parts.putArray(p);
                }
            }
            for (int i = 0; i < repeat; i++) {
                for (String p : PARTS) {
                    if (!only.contains(p)) {
                        continue;
                    }
                    List<String> args = new ArrayList<>(List.of("dir=" + arc.layout(l), "threads=" + threads));
                    if (p.equals("hunt")) {
                        args.add("out=" + cacheDir.resolve("out-" + l));
                        args.add("keepState=" + !flush);
                    }
                    System.err.printf(Locale.ROOT, "bench: %s on the %s layout (run %d of %d)...%n", p, l, i + 1, repeat);
                    JsonNode r = child(p, xmx, jfr && !p.equals("duckdb") ? p + "-" + l : null, cacheDir.resolve("part-" + p + ".json"),
                            args.toArray(String[]::new));
                    ((ArrayNode) parts.get(p)).add(r);
                }
            }
            ObjectNode best = lr.putObject("best");
            for (String p : PARTS) {
                if (parts.has(p)) {
                    best.set(p, bestOf(parts.get(p)));
                }
            }
            long events = info.path("events").asLong();
            long bytes = info.path("bytes").asLong();
            printLayout(out, l, info, best, events, bytes, lr);
        }
        Path file = cacheDir.resolve("results-" + started + ".json");
        Archive.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
        out.println("results: " + file);
        return 0;
    }

    private void printLayout(PrintStream out, String l, JsonNode info, ObjectNode best, long events, long bytes,
                             ObjectNode lr) {
        out.println();
        out.printf(Locale.ROOT, "layout %s: %,d files, %.1f MB compressed, %,d events%n", l,
                info.path("files").asLong(), bytes / 1e6, events);
        out.printf(Locale.ROOT, "%-7s %12s %8s %8s %10s %7s %10s %7s %9s %6s%n", "part", "events", "wall s", "CPU s",
                "events/s", "MB/s", "ev/CPU-s", "RSS MB", "heap MB*", "load");
        ObjectNode rates = lr.putObject("rates");
        for (Iterator<Map.Entry<String, JsonNode>> it = best.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            if (r.path("failed").asBoolean()) {
                out.printf(Locale.ROOT, "%-7s failed (exit code %d)%n", e.getKey(), r.path("exit_code").asInt());
                continue;
            }
            double wall = r.path("wall_seconds").asDouble();
            long n = r.has("events") ? r.path("events").asLong() : events;
            double eps = n / wall;
            double mbs = bytes / 1e6 / wall;
            double cpu = r.path("cpu_seconds").asDouble();
            rates.putObject(e.getKey()).put("events_per_second", Math.round(eps)).put("mb_per_second", round(mbs))
                    .put("events_per_cpu_second", Math.round(n / cpu));
            out.printf(Locale.ROOT, "%-7s %,12d %8.1f %8.1f %,10.0f %7.1f %,10.0f %7s %9s %6.2f%n", e.getKey(), n, wall,
                    cpu, eps, mbs, n / cpu, mbNum(r.path("peak_rss_bytes").asLong()),
                    mbNum(r.path("heap_max_after_gc_bytes").asLong()), r.path("load_average_at_start").asDouble());
        }
        out.println("  * heap MB = largest heap occupancy after a GC (the live set plus not yet collected old objects)");
        for (Iterator<Map.Entry<String, JsonNode>> it = best.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            StringBuilder b = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> t = e.getValue().path("thread_cpu_seconds").fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> g = t.next();
                if (g.getValue().asDouble() >= 0.1) {
                    b.append(b.length() == 0 ? "" : ", ").append(g.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%.1f", g.getValue().asDouble()));
                }
            }
            if (b.length() > 0) {
                out.printf(Locale.ROOT, "  CPU s by thread, %s: %s%n", e.getKey(), b);
            }
        }
        ObjectNode ratios = lr.putObject("ratios");
        if (rates.has("hunt") && rates.has("floor")) {
            double x = rates.get("hunt").get("events_per_second").asDouble() / rates.get("floor").get("events_per_second").asDouble();
            ratios.put("hunt_over_floor", round(x));
            out.printf(Locale.ROOT, "hunt/floor  = %.2f  (target >= 0.80)%n", x);
        }
        if (rates.has("hunt") && rates.has("duckdb")) {
            double x = rates.get("hunt").get("events_per_second").asDouble() / rates.get("duckdb").get("events_per_second").asDouble();
            ratios.put("hunt_over_duckdb", round(x));
            out.printf(Locale.ROOT, "hunt/DuckDB = %.2f  (target >= 2)%n", x);
        }
        JsonNode h = best.get("hunt");
        if (h != null && !h.path("failed").asBoolean()) {
            out.printf(Locale.ROOT, "hunt: %,d findings, %,d incidents, %d detections; %s%n", h.path("findings").asLong(),
                    h.path("incidents").asLong(), h.path("detections").asInt(), h.path("enrichment").asText());
            JsonNode st = h.path("state");
            JsonNode pr = st.path("profiles");
            out.printf(Locale.ROOT, "state (%s): %s in all, %s gzipped; profiles: %,d principals, %,d bytes each%n",
                    !flush ? "hunt --state: windows still open" : "saved at the end, windows flushed",
                    mb(st.path("total_bytes").asLong()), mb(st.path("total_gzip_bytes").asLong()),
                    pr.path("entries").asLong(), pr.path("bytes_per_entry").asLong());
            for (Iterator<Map.Entry<String, JsonNode>> it = st.path("detectors").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.printf(Locale.ROOT, "  %-22s %,10d keys %,8d bytes/key%n", e.getKey(),
                        e.getValue().path("entries").asLong(), e.getValue().path("bytes_per_entry").asLong());
            }
        }
        JsonNode d = best.get("duckdb");
        if (d != null && !d.path("failed").asBoolean()) {
            out.printf(Locale.ROOT, "duckdb %s: %,d (ARN, key, hour) rows, %,d sensitive calls, %,d denied%n",
                    d.path("duckdb_version").asText(), d.path("result_rows").asLong(), d.path("result_calls").asLong(),
                    d.path("result_denied").asLong());
        }
    }

    private static JsonNode bestOf(JsonNode runs) {
        List<JsonNode> l = new ArrayList<>();
        runs.forEach(l::add);
        return l.stream().min(Comparator.comparingDouble(r -> r.path("wall_seconds").asDouble())).orElseThrow();
    }

    /**
     * The JIT settings this JVM was started with ({@code -XX:Tier...}), which the floor and the hunt children get
     * too: the launcher sets them for every command, so the parts measure the product as users run it.
     */
    static List<String> jitFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:Tier"))
                .toList();
    }

    /** Runs one part in a child JVM (the same java and class path) and returns what it measured. */
    private JsonNode child(String part, String heap, String jfrName, Path result, String... args)
            throws IOException, InterruptedException {
        Files.deleteIfExists(result);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseParallelGC");
        if (!part.equals("generate") && !part.equals("duckdb")) {
            cmd.addAll(jitFlags());
            if (!javaOpts.isBlank()) {
                cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
            }
        }
        if (jfrName != null) {
            Path jfrFile = result.resolveSibling(jfrName + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC).format(Instant.now()) + ".jfr");
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrFile);
            System.err.println("bench: recording " + part + " into " + jfrFile);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Part.class.getName());
        cmd.add(part);
        cmd.add(result.toString());
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(result)) {
            if (part.equals("generate")) {
                throw new IOException("the " + part + " child failed with exit code " + rc);
            }
            System.err.println("bench: the " + part + " child failed with exit code " + rc + " (see above)");
            ObjectNode f = Archive.JSON.createObjectNode();
            f.put("part", part).put("failed", true).put("exit_code", rc).put("wall_seconds", Double.MAX_VALUE);
            return f;
        }
        ObjectNode r = (ObjectNode) Part.read(result);
        r.put("process_seconds", (System.nanoTime() - t0) / 1e9);
        return r;
    }

    private static ObjectNode machine() {
        ObjectNode m = Archive.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        m.put("cpu", cpu);
        m.put("memory_bytes", totalMemory());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load_average", Measure.loadAverage());
        return m;
    }

    private static long totalMemory() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getTotalMemorySize() : -1;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String mbNum(long bytes) {
        return bytes <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / 1e6);
    }

    private static String fmtScale(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
