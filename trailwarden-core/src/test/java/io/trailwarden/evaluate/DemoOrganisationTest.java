package io.trailwarden.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.sim.Simulator;
import io.trailwarden.source.InputSelection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's organisation (seed 1, scale 1, 21 days) hunted with the bundled enrichment and scored against its
 * labels: the end-to-end promise of the simulator issue, kept as a regression test for detection tuning.
 */
class DemoOrganisationTest {
    @TempDir
    static Path dir;
    static Labels labels;

    static Evaluation hunt(String configYaml, String outName) throws Exception {
        Path out = dir.resolve(outName);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Enrichment enrichment = Enrichment.bundled();
             PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Hunt.run(new HuntRequest(List.of(dir.resolve("sample/AWSLogs").toString()), InputSelection.ALL,
                    TrailwardenConfig.parse(configYaml, "test.yaml"), out, null, 2, enrichment.sources(),
                    enrichment.agents(), ps, new ByteArrayInputStream(new byte[0]), HuntRequest.Progress.NONE));
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).as("problems reported").isEmpty();
        return Evaluator.evaluate(labels, ResultFiles.readFindings(out.resolve("findings.jsonl")),
                ResultFiles.readIncidents(out.resolve("incidents.jsonl")));
    }

    static Evaluation plain;

    @BeforeAll
    static void simulateAndHunt() throws Exception {
        new Simulator(Simulator.Options.defaults(dir.resolve("sample"))).run();
        labels = Labels.read(dir.resolve("sample/labels.json"));
        plain = hunt("{}", "out");
    }

    @Test
    void everyExpectedDetectionFiresOnItsAttack() {
        assertThat(plain.attacks()).hasSize(5);
        for (Evaluation.AttackResult a : plain.attacks()) {
            assertThat(a.expectations()).as(a.id()).allMatch(Evaluation.Expectation::fired);
            assertThat(a.credentials()).as(a.id()).doesNotContainValue(false);
        }
        assertThat(plain.recall()).isEqualTo(1.0);
    }

    @Test
    void theExpelKeysAndTheLeakedKeyAreTheTopIncidents() {
        List<Evaluation.AttackResult> top = plain.attacks().stream()
                .filter(a -> a.id().equals("expel-stolen-keys") || a.id().equals("leaked-key-ses-probe")).toList();
        assertThat(top).hasSize(2);
        for (Evaluation.AttackResult a : top) {
            assertThat(a.ranks().values()).as(a.id()).isNotEmpty().allMatch(r -> r >= 1 && r <= 6);
        }
    }

    @Test
    void benignTrapsRaiseNothingAboveLowExceptTheVpnBeforeAllowlisting() {
        for (Evaluation.TrapResult t : plain.traps()) {
            int aboveLow = t.hitsBySeverity().entrySet().stream().filter(e -> !e.getKey().equals("low"))
                    .mapToInt(e -> e.getValue()).sum();
            if (t.id().equals("commercial-vpn")) {
                assertThat(t.hitsByDetection()).containsKey("hosting-provider-ip");
            } else {
                assertThat(aboveLow).as(t.id() + " " + t.hitsBySeverity()).isZero();
            }
        }
        assertThat(plain.falsePositivesBySeverity().getOrDefault("high", 0)).isZero();
        assertThat(plain.falsePositivesBySeverity().getOrDefault("critical", 0)).isZero();
    }

    @Test
    void allowlistingTheVpnsAsOrganisationSilencesTheVpnTrapWithoutCostingRecall() throws Exception {
        Evaluation e = hunt("allowlists:\n  - name: corp-vpn\n    as_orgs: ['31173 Services AB']\n", "out-vpn");
        Evaluation.TrapResult vpn = e.traps().stream().filter(t -> t.id().equals("commercial-vpn")).findFirst().orElseThrow();
        assertThat(vpn.hitsBySeverity().values().stream().mapToInt(Integer::intValue).sum()).isZero();
        assertThat(e.falsePositivesBySeverity().getOrDefault("medium", 0)).isZero();
        assertThat(e.recall()).isEqualTo(1.0);
    }

    private static void huntWithState(Enrichment enrichment, List<Path> inputs, Path out, Path state) throws Exception {
        try (PrintStream ps = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Hunt.run(new HuntRequest(inputs.stream().map(Path::toString).toList(), InputSelection.ALL,
                    TrailwardenConfig.defaults(), out, state, 2, enrichment.sources(), enrichment.agents(), ps,
                    new ByteArrayInputStream(new byte[0]), HuntRequest.Progress.NONE));
        }
    }

    /** The last line of each incident id over the files, without those a later line supersedes. */
    private static Map<String, String> lastIncidentLines(List<Path> files) throws IOException {
        Map<String, String> byId = new TreeMap<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = new ObjectMapper().readTree(line);
                if (n.has("superseded_by")) {
                    byId.remove(n.get("incident_id").asText());
                } else {
                    byId.put(n.get("incident_id").asText(), line);
                }
            }
        }
        return byId;
    }

    @Test
    void huntedTwoDaysPerRunWithOneStateTheIncidentsAreThoseOfOneHunt() throws Exception {
        // every detection, windowed ones included, and incidents cut at every other midnight
        Path logs = dir.resolve("sample/AWSLogs");
        TreeMap<String, List<Path>> days = new TreeMap<>();
        try (var walk = Files.walk(logs)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path rel = logs.relativize(p);
                int n = rel.getNameCount();
                String day = rel.getName(n - 4) + "/" + rel.getName(n - 3) + "/" + rel.getName(n - 2);
                List<Path> l = days.computeIfAbsent(day, k -> new ArrayList<>());
                if (!l.contains(p.getParent())) {
                    l.add(p.getParent());
                }
            }
        }
        assertThat(days).hasSizeGreaterThanOrEqualTo(21);
        List<Path> runs = new ArrayList<>();
        StringBuilder findings = new StringBuilder();
        try (Enrichment enrichment = Enrichment.bundled()) {
            List<String> keys = new ArrayList<>(days.keySet());
            for (int i = 0; i < keys.size(); i += 2) {
                List<Path> in = new ArrayList<>(days.get(keys.get(i)));
                if (i + 1 < keys.size()) {
                    in.addAll(days.get(keys.get(i + 1)));
                }
                Path out = dir.resolve("daily").resolve(keys.get(i).replace('/', '-'));
                huntWithState(enrichment, in, out, dir.resolve("daily-state"));
                runs.add(out.resolve("incidents.jsonl"));
                findings.append(Files.readString(out.resolve("findings.jsonl"), StandardCharsets.UTF_8));
            }
            huntWithState(enrichment, List.of(logs), dir.resolve("one-state"), dir.resolve("one-state-state"));
        }
        Path one = dir.resolve("one-state/incidents.jsonl");
        assertThat(findings.toString()).isEqualTo(Files.readString(dir.resolve("one-state/findings.jsonl")));
        Map<String, String> whole = lastIncidentLines(List.of(one));
        assertThat(whole).hasSizeGreaterThan(50);
        assertThat(lastIncidentLines(runs)).isEqualTo(whole);
        long written = 0;
        for (Path r : runs) {
            written += Files.readAllLines(r).size();
        }
        assertThat(written).as("some incidents straddle midnight and are written again").isGreaterThan(whole.size());
    }
}
