package io.trailwarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import io.trailwarden.source.ParallelDecoder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured part, run in a child JVM of its own so that its peak RSS and heap are its own:
 * {@code Part KIND RESULT.json key=value...}. Kinds: {@code generate}, {@code floor}, {@code hunt}, {@code duckdb}.
 */
public final class Part {
    private Part() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path result = Path.of(args[1]);
        Map<String, String> a = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Measure m = new Measure();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("part", kind);
        r.put("load_average_at_start", Measure.loadAverage());
        switch (kind) {
            case "generate" -> generate(a, m, r);
            case "floor" -> floor(Path.of(a.get("dir")), Integer.parseInt(a.get("threads")), m, r);
            case "hunt" -> hunt(Path.of(a.get("dir")), Integer.parseInt(a.get("threads")), Path.of(a.get("out")),
                    Boolean.parseBoolean(a.getOrDefault("keepState", "false")), m, r);
            case "duckdb" -> duckdb(Path.of(a.get("dir")), Integer.parseInt(a.get("threads")), m, r);
            default -> throw new IllegalArgumentException("unknown part " + kind);
        }
        r.put("load_average_at_end", Measure.loadAverage());
        Archive.JSON.writerWithDefaultPrettyPrinter().writeValue(result.toFile(), r);
        System.exit(0);
    }

    private static void generate(Map<String, String> a, Measure m, Map<String, Object> r) throws Exception {
        Archive arc = new Archive(Path.of(a.get("cache")), Double.parseDouble(a.get("scale")),
                Long.parseLong(a.get("seed")), Integer.parseInt(a.get("days")));
        m.start();
        if (arc.info("small") == null) {
            System.err.println("bench: generating the simulator archive in " + arc.small() + " ...");
            arc.generateSmall(Integer.parseInt(a.get("threads")));
        }
        if (Boolean.parseBoolean(a.get("large")) && arc.info("large") == null) {
            System.err.println("bench: concatenating it into large files in " + arc.large() + " ...");
            arc.generateLarge(arc.info("small").get("events").asLong(), Integer.parseInt(a.get("largeMb")));
        }
        m.stop(r);
    }

    /** Reports every input problem on standard error. */
    static final InputProblems LOUD = new InputProblems() {
        @Override
        public void malformedFile(String path, String position, String error) {
            System.err.println("bench: " + path + ": " + position + ": " + error);
        }

        @Override
        public void skippedRecord(String path, String position, String error) {
            System.err.println("bench: " + path + ": " + position + ": record skipped: " + error);
        }
    };

    /**
     * The decode floor: the hunt's own reader path (InputPlan, ParallelDecoder, CloudTrailFileReader, RecordDecoder)
     * with the same thread count, every event consumed into a checksum; no ordering, enrichment or detection.
     */
    private static void floor(Path dir, int threads, Measure m, Map<String, Object> r) throws Exception {
        m.start();
        InputPlan plan = InputPlan.of(List.of(dir.toString()), InputSelection.ALL,
                new CloudTrailFileReader(LOUD, InputStream.nullInputStream()));
        long[] n = {0};
        long[] check = {0};
        AtomicLong files = new AtomicLong();
        try (ParallelDecoder d = new ParallelDecoder(threads, LOUD, InputStream.nullInputStream())) {
            d.decode(plan.files(), new ParallelDecoder.Sink() {
                @Override
                public void event(CloudTrailEvent e) {
                    n[0]++;
                    check[0] = check[0] * 31 + e.time() + System.identityHashCode(e.eventName())
                            + (e.sourceIp() == null ? 0 : e.sourceIp().length());
                }

                @Override
                public void fileDone(InputFile file, long records) {
                    files.incrementAndGet();
                }
            });
        }
        m.stop(r);
        r.put("events", n[0]);
        r.put("files", files.get());
        r.put("bytes", plan.totalBytes());
        r.put("checksum", check[0]);
    }

    /** The full hunt as {@code trailwarden hunt DIR --out OUT} runs it: every detection, every enrichment. */
    private static void hunt(Path dir, int threads, Path out, boolean keepState, Measure m, Map<String, Object> r)
            throws Exception {
        Archive.deleteTree(out);
        m.start();
        TrailwardenConfig cfg = TrailwardenConfig.defaults();
        Enrichment enrichment = Enrichment.open(null);
        Path state = keepState ? out.resolve("state") : null;
        Hunt.Result h = Hunt.run(new HuntRequest(List.of(dir.toString()), InputSelection.ALL, cfg, out, state,
                threads, enrichment.sources(), enrichment.agents(), System.err, InputStream.nullInputStream(),
                HuntRequest.Progress.NONE));
        m.stop(r);
        r.put("events", h.stats().recordsDecoded);
        r.put("files", h.filesRead());
        r.put("bytes", Archive.sizeOf(dir));
        r.put("findings", h.findings().size());
        r.put("incidents", h.incidents().size());
        r.put("principals", h.stats().principals.size());
        r.put("late_events", h.stats().lateEvents);
        r.put("duplicates", h.stats().duplicates);
        r.put("hunt_wall_seconds", h.wallSeconds());
        r.put("detections", cfg.detectors().size());
        r.put("enrichment", enrichment.description());
        r.put("state", StateSize.of(out.resolve("state")));
    }

    /** DuckDB in-process over the same files: failed-api-spike's bins, materialised, with as many threads. */
    private static void duckdb(Path dir, int threads, Measure m, Map<String, Object> r) throws Exception {
        String glob = dir.toAbsolutePath() + "/**/*.json.gz";
        Class.forName("org.duckdb.DuckDBDriver");
        m.start();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET preserve_insertion_order = false");
            st.execute(DuckDbQuery.bins(glob));
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(total), sum(denied) FROM bins")) {
                rs.next();
                r.put("result_rows", rs.getLong(1));
                r.put("result_calls", rs.getLong(2));
                r.put("result_denied", rs.getLong(3));
            }
            m.stop(r);
            try (ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                r.put("duckdb_version", rs.getString(1));
            }
        }
        r.put("bytes", Archive.sizeOf(dir));
        r.put("query", DuckDbQuery.bins(glob));
    }

    static JsonNode read(Path p) throws java.io.IOException {
        return Archive.JSON.readTree(Files.readAllBytes(p));
    }
}
