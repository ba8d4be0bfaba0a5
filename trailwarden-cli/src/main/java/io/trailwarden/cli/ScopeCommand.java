package io.trailwarden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import io.trailwarden.source.ParallelDecoder;
import io.trailwarden.triage.Scope;
import io.trailwarden.triage.Triage;
import io.trailwarden.util.Text;
import io.trailwarden.util.Times;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scope", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Expel's scoping: the other credentials sharing a compromised one's attacker IPs, agents or rare APIs.")
public final class ScopeCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, paramLabel = "AKIA...", description = "The compromised credential (access key, or principal credential).")
    String key;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "The archive: also credentials with no finding of their own.")
    List<String> paths = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "The hunt's output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("trailwarden-out");

    @Option(names = "--geo-dir", paramLabel = "DIR", description = "MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files.")
    Path geoDir;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path findingsFile = out.resolve("findings.jsonl");
        if (!Files.exists(findingsFile)) {
            throw new Main.UsageError("no findings in " + out + ": run 'trailwarden hunt' first (or give --out)");
        }
        for (String p : paths) {
            if (!p.equals("-") && !Files.exists(Path.of(p))) {
                throw new Main.UsageError("no such file or directory: " + p);
            }
        }
        List<Finding> findings = Triage.readFindings(findingsFile);
        Enrichment enrichment = Enrichment.open(geoDir);
        Scope.Result window = Scope.of(key, findings, List.of(), enrichment.sources());
        List<CloudTrailEvent> events = new ArrayList<>();
        if (!paths.isEmpty() && window.from() != Long.MIN_VALUE) {
            InputProblems quiet = new InputProblems() {
                @Override
                public void malformedFile(String path, String position, String error) {
                }

                @Override
                public void skippedRecord(String path, String position, String error) {
                }
            };
            InputSelection sel = new InputSelection(window.from(), window.to() + 1, java.util.Set.of(), java.util.Set.of());
            InputPlan plan = InputPlan.of(paths, sel, new CloudTrailFileReader(quiet, System.in));
            try (ParallelDecoder d = new ParallelDecoder(Runtime.getRuntime().availableProcessors(), quiet, System.in)) {
                ParallelDecoder.Sink sink = new ParallelDecoder.Sink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        if (sel.keepsTime(e.time())) {
                            events.add(e);
                        }
                    }

                    @Override
                    public void fileDone(InputFile file, long records) {
                    }
                };
                d.decode(plan, sink); // one day of files listed ahead, not the whole list
            }
        }
        Scope.Result r = events.isEmpty() ? window : Scope.of(key, findings, events, enrichment.sources());
        if (json) {
            ObjectNode n = FindingJson.MAPPER.valueToTree(r);
            System.out.println(FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return 0;
        }
        System.out.println("Scope of " + Text.escapeControl(key));
        if (r.from() == Long.MIN_VALUE) {
            System.out.println("  no finding on this credential in " + findingsFile);
            return 0;
        }
        System.out.println("  window " + Times.iso(r.from()) + " to " + Times.iso(r.to()));
        printPivots("attacker IPs", r.pivots().ips());
        printPivots("user agents", r.pivots().userAgents());
        printPivots("rare APIs", r.pivots().rareApis());
        System.out.println("\nRelated credentials (" + r.related().size() + "), most shared first:");
        int rank = 0;
        for (Scope.Related rel : r.related()) {
            System.out.printf("  %2d. %-22s %-50s shares %d kind(s): ", ++rank, Text.cell(rel.credential(), 22),
                    Text.cell(rel.principalArn(), 50), rel.pivotKinds());
            List<String> parts = new ArrayList<>();
            for (Scope.Shared s : rel.shared()) {
                parts.add(s.pivot().label() + " " + Text.cell(s.value(), 60));
            }
            System.out.println(String.join("; ", parts));
        }
        if (!r.tooCommon().isEmpty()) {
            System.out.println("\nToo common to link (shared by many credentials): " + Text.escapeControl(r.tooCommon().toString()));
        }
        return 0;
    }

    private static void printPivots(String name, Map<String, SortedSet<String>> m) {
        if (m.isEmpty()) {
            return;
        }
        System.out.println("  " + name + ":");
        for (Map.Entry<String, SortedSet<String>> e : m.entrySet()) {
            System.out.println("    " + Text.cell(e.getKey(), 100) + "  (from " + String.join(", ", e.getValue()) + ")");
        }
    }
}
