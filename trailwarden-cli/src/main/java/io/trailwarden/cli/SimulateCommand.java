package io.trailwarden.cli;

import io.trailwarden.sim.Simulator;
import io.trailwarden.util.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailwarden simulate --out DIR}: a realistic organisation's CloudTrail with labelled attacks. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Write a simulated organisation's CloudTrail as AWS delivers it to S3",
            "(DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz), with labelled attacks and benign",
            "traps in the last days, and DIR/labels.json for 'trailwarden evaluate'."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--days", defaultValue = "21", description = "days of data, ending at --end (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "random seed: the same seed gives the same bytes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "multiplies principals and volume: 1 is about 200k events over 21 days (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--attacks", defaultValue = "all", paramLabel = "all|none|ID,...",
            description = "attacks to include (default ${DEFAULT-VALUE}); ids: ${COMPLETION-CANDIDATES}",
            completionCandidates = AttackIds.class)
    String attacks;

    @Option(names = "--traps", defaultValue = "all", paramLabel = "all|none", description = "benign traps (default ${DEFAULT-VALUE})")
    String traps;

    @Option(names = "--end", paramLabel = "DATE", description = "the period ends at this date's midnight UTC (default 2026-11-01)")
    String end;

    @Option(names = "--threads", defaultValue = "2", description = "file-writing threads; the output does not depend on it")
    int threads;

    @Spec
    CommandSpec spec;

    public SimulateCommand() {
    }

    static final class AttackIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        AttackIds() {
            super(Simulator.attackIds());
        }
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<String> selected = attackSelection(attacks);
            boolean withTraps = switch (traps.toLowerCase(Locale.ROOT)) {
                case "all" -> true;
                case "none" -> false;
                default -> throw new IllegalArgumentException("--traps takes all or none");
            };
            LocalDate endDate = end == null ? Simulator.DEFAULT_END : LocalDate.parse(end);
            Simulator.Options d = Simulator.Options.defaults(out);
            Simulator.Options opts = new Simulator.Options(out, days, seed, scale, selected, withTraps, endDate,
                    Math.max(1, threads), d.gzipLevel());
            Simulator.Result r = new Simulator(opts).run();
            o.printf("wrote %,d events in %,d files (%,.1f MB) to %s in %.1f s%n", r.events(), r.files(),
                    r.bytes() / 1e6, Text.escapeControl(out.toString()), r.millis() / 1000.0);
            o.printf("labels: %s (%d attacks, %d benign traps)%n", Text.escapeControl(r.labels().toString()),
                    r.labelSet().attacks().size(), r.labelSet().traps().size());
            o.flush();
            return 0;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("trailwarden simulate: " + Text.escapeControl(e.getMessage()));
            err.flush();
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("trailwarden simulate: " + Text.escapeControl(String.valueOf(e.getMessage())));
            err.flush();
            return 1;
        }
    }

    static List<String> attackSelection(String s) {
        String v = s.trim();
        if (v.equalsIgnoreCase("all")) {
            return null;
        }
        if (v.equalsIgnoreCase("none") || v.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : v.split(",")) {
            String x = id.trim();
            if (!Simulator.attackIds().contains(x)) {
                throw new IllegalArgumentException("unknown attack '" + x + "'; known: "
                        + String.join(", ", Simulator.attackIds()));
            }
            if (!ids.contains(x)) {
                ids.add(x);
            }
        }
        return ids;
    }
}
