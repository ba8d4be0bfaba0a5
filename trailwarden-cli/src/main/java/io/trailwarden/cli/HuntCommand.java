package io.trailwarden.cli;

import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.source.InputSelection;
import io.trailwarden.util.Text;
import io.trailwarden.util.Times;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hunt", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Hunt CloudTrail archives (files, folders, S3 layout, gzip; - for stdin) for stolen credentials.")
public final class HuntCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "CloudTrail files or folders; - reads standard input.")
    List<String> paths;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("trailwarden-out");

    @Option(names = "--state", paramLabel = "DIR", description = "Keep baselines, windows and files read here across runs.")
    Path state;

    @Option(names = "--config", paramLabel = "FILE", description = "trailwarden.yaml (default: ./trailwarden.yaml if present).")
    Path config;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after (2024-01-31 or ISO time).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before.")
    String until;

    @Option(names = "--account", split = ",", paramLabel = "ID", description = "Only these accounts.")
    Set<String> accounts = new HashSet<>();

    @Option(names = "--region", split = ",", paramLabel = "REGION", description = "Only these regions.")
    Set<String> regions = new HashSet<>();

    @Option(names = "--threads", description = "Decoding threads (default: cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--geo-dir", paramLabel = "DIR", description = "MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files.")
    Path geoDir;

    @Option(names = "--format", description = "table (default) or json: findings as JSON lines on stdout.")
    String format = "table";

    @Option(names = "--strict", description = "Exit 1 if any file or record could not be read.")
    boolean strict;

    @Option(names = "--quiet", description = "No progress bar, no table: just the files.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new Main.UsageError("--format must be table or json");
        }
        TrailwardenConfig cfg = loadConfig(config);
        InputSelection sel;
        try {
            sel = new InputSelection(since == null ? Long.MIN_VALUE : Times.parseUserTime(since),
                    until == null ? Long.MAX_VALUE : Times.parseUserTime(until), Set.copyOf(accounts), Set.copyOf(regions));
        } catch (RuntimeException e) {
            throw new Main.UsageError(e.getMessage());
        }
        for (String p : paths) {
            if (!p.equals("-") && !Files.exists(Path.of(p))) {
                throw new Main.UsageError("no such file or directory: " + p);
            }
        }
        Path geo = geoDir != null ? geoDir : cfg.geoDir() == null ? null : Path.of(cfg.geoDir());
        Enrichment enrichment = Enrichment.open(geo);
        PrintStream err = System.err;
        if (!quiet) {
            enrichment.warning().ifPresent(w -> err.println("trailwarden: " + w));
        }
        boolean bar = !quiet && System.console() != null && format.equals("table");
        HuntRequest.Progress progress = bar ? new ProgressBarProgress() : HuntRequest.Progress.NONE;
        Hunt.Result r = Hunt.run(new HuntRequest(paths, sel, cfg, out, state, threads, enrichment.sources(),
                enrichment.agents(), err, System.in, progress));
        if (r.filesRead() == 0 && r.filesAlreadyRead() == 0 && !paths.contains("-")) {
            err.println("trailwarden: " + nothingRead(r));
        } else if (r.stats().recordsDecoded > 0 && r.stats().recordsFiltered == r.stats().recordsDecoded) {
            err.println("trailwarden: all " + r.stats().recordsDecoded
                    + " records read were outside --since/--until/--account/--region");
        }
        if (format.equals("json")) {
            for (Finding f : r.findings()) {
                System.out.println(FindingJson.toJson(f, enrichment.sources()));
            }
        } else if (!quiet) {
            Terminal.printIncidents(System.out, r.incidents(), enrichment.sources(), 20);
            System.out.println(Terminal.summary(r));
        }
        if (strict && (!r.malformedFiles().isEmpty() || r.stats().recordsSkipped > 0)) {
            err.println("trailwarden: --strict: " + r.malformedFiles().size() + " malformed files, "
                    + r.stats().recordsSkipped + " records skipped");
            return 1;
        }
        return 0;
    }

    /**
     * Why a hunt read no file: most often a path one level off (a digest folder, a folder of something else) or a
     * selection that leaves out every folder of a CloudTrail layout, which a summary of zeros does not say.
     */
    private String nothingRead(Hunt.Result r) {
        StringBuilder b = new StringBuilder("no CloudTrail log files read from ");
        b.append(Text.escapeControl(String.join(", ", paths)));
        if (since != null || until != null || !accounts.isEmpty() || !regions.isEmpty()) {
            b.append(" within --since/--until/--account/--region");
        }
        b.append(" (looked for .json, .jsonl and .ndjson files, gzipped or not");
        if (r.filesSkipped() > 0) {
            b.append("; skipped ").append(r.filesSkipped()).append(" CloudTrail-Digest or CloudTrail-Insight files");
        }
        return b.append(')').toString();
    }

    static TrailwardenConfig loadConfig(Path config) {
        if (config != null) {
            if (!Files.exists(config)) {
                throw new Main.UsageError("no such configuration file: " + config);
            }
            return TrailwardenConfig.load(config);
        }
        Path local = Path.of("trailwarden.yaml");
        return Files.exists(local) ? TrailwardenConfig.load(local) : TrailwardenConfig.defaults();
    }
}
