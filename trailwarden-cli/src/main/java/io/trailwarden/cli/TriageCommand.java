package io.trailwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.state.StateStore;
import io.trailwarden.triage.Subject;
import io.trailwarden.triage.Triage;
import io.trailwarden.util.Text;
import io.trailwarden.util.Times;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "triage", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Everything one key, principal or IP did: usual places and agents, APIs, failures, findings, timeline.")
public final class TriageCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--key", paramLabel = "AKIA...", description = "An access key ID.")
        String key;
        @Option(names = "--principal", paramLabel = "ARN", description = "A principal ARN (user, role, root).")
        String principal;
        @Option(names = "--ip", paramLabel = "IP", description = "A source IP address.")
        String ip;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "The archive, for a timeline of its events.")
    List<String> paths = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "The hunt's output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("trailwarden-out");

    @Option(names = "--state", paramLabel = "DIR", description = "State with the profiles (default: <out>/state).")
    Path state;

    @Option(names = "--geo-dir", paramLabel = "DIR", description = "MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files.")
    Path geoDir;

    @Option(names = "--limit", description = "Timeline lines to print (default: ${DEFAULT-VALUE}; --json prints all).")
    int limit = 60;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Subject subject = target.key != null ? new Subject(Subject.Kind.KEY, target.key)
                : target.principal != null ? new Subject(Subject.Kind.PRINCIPAL, target.principal)
                : new Subject(Subject.Kind.IP, target.ip);
        for (String p : paths) {
            if (!p.equals("-") && !Files.exists(Path.of(p))) {
                throw new Main.UsageError("no such file or directory: " + p);
            }
        }
        Path stateDir = state != null ? state : out.resolve("state");
        ProfileStage profiles = new StateStore(stateDir).loadProfiles(90 * Times.DAY);
        Enrichment enrichment = Enrichment.open(geoDir);
        Triage.Report r = Triage.run(subject, profiles, out.resolve("findings.jsonl"), out.resolve("incidents.jsonl"),
                paths, enrichment.sources(), enrichment.agents(), System.in);
        if (json) {
            System.out.println(FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r)));
        } else {
            print(System.out, r, limit, stateDir, paths.isEmpty());
        }
        return 0;
    }

    static ObjectNode toJson(Triage.Report r) {
        ObjectNode n = FindingJson.MAPPER.createObjectNode();
        n.put("subject_kind", r.subject().kind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("subject", r.subject().value());
        n.set("profiles", FindingJson.MAPPER.valueToTree(r.profiles()));
        n.set("top_apis", FindingJson.MAPPER.valueToTree(r.topApis()));
        n.set("failed_calls", FindingJson.MAPPER.valueToTree(r.failedCalls()));
        ArrayNode fs = n.putArray("findings");
        for (Finding f : r.findings()) {
            fs.add(FindingJson.MAPPER.valueToTree(Map.of("finding_id", f.id(), "detection", f.detection(),
                    "severity", f.severity().label(), "time", Times.iso(f.time()),
                    "explanation", String.valueOf(f.explanation()))));
        }
        n.set("incidents", FindingJson.MAPPER.valueToTree(r.incidents()));
        n.put("events_matched", r.eventsMatched());
        n.set("timeline", FindingJson.MAPPER.valueToTree(r.timeline()));
        return n;
    }

    static void print(PrintStream o, Triage.Report r, int limit, Path stateDir, boolean noArchive) {
        o.println("Triage of " + r.subject().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                + Text.escapeControl(r.subject().value()));
        if (r.profiles().isEmpty()) {
            o.println("  no profile in " + stateDir + " (hunt first; for a key, its principal is found from findings or the archive)");
        }
        for (Triage.ProfileView p : r.profiles()) {
            o.printf("%nPrincipal %s: first seen %s, last seen %s, %,d events%n", Text.escapeControl(p.principal()),
                    Times.iso(p.firstSeen()), Times.iso(p.lastSeen()), p.events());
            for (Map.Entry<String, List<Triage.Usage>> d : p.dimensions().entrySet()) {
                if (d.getValue().isEmpty()) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                for (Triage.Usage u : d.getValue()) {
                    if (b.length() > 0) {
                        b.append("; ");
                    }
                    b.append(Text.cell(u.value(), 60)).append(" ×").append(u.count()).append(" since ")
                            .append(Times.iso(u.first()).substring(0, 10));
                }
                o.printf("  usual %-13s %s%n", d.getKey().replace('_', '-') + ":", b);
            }
        }
        if (!r.topApis().isEmpty()) {
            o.println("\nAPIs it calls most (archive): " + fmt(r.topApis()));
        }
        if (!r.failedCalls().isEmpty()) {
            o.println("Failed calls: " + fmt(r.failedCalls()));
        }
        o.println("\nFindings (" + r.findings().size() + "):");
        for (Finding f : r.findings()) {
            o.printf("  %s %-8s %-22s %s%n", Times.iso(f.time()), f.severity().label(), f.detection(),
                    Text.cell(f.explanation(), 160));
        }
        o.println("Incidents (" + r.incidents().size() + "):");
        for (JsonNode i : r.incidents()) {
            o.printf("  %s risk %s, %d findings, from %s%n", i.path("incident_id").asText(),
                    i.path("risk_score").asText(), i.path("finding_count").asInt(), i.path("first_time").asText());
        }
        if (noArchive) {
            o.println("\n(give the archive as PATH for a timeline of the events)");
            return;
        }
        o.printf("%nTimeline (%,d events%s; * = new for the principal):%n", r.eventsMatched(),
                r.timeline().size() > limit ? ", last " + limit + " shown" : "");
        List<Triage.Line> lines = r.timeline();
        for (Triage.Line l : lines.subList(Math.max(0, lines.size() - limit), lines.size())) {
            o.printf("  %s %-28s %-8s %-16s %-3s %-28s %-30s %s%n", Times.iso(l.time()), Text.cell(l.eventName(), 28),
                    l.outcome(), Text.cell(l.ip(), 16), l.country() == null ? "-" : l.country(),
                    Text.cell(l.asOrg(), 28), Text.cell(l.agentFamily(), 30),
                    l.newFor().isEmpty() ? "" : "* new " + String.join(",", l.newFor()));
        }
    }

    private static String fmt(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(Text.escapeControl(e.getKey())).append(" ×").append(e.getValue());
        }
        return b.toString();
    }
}
