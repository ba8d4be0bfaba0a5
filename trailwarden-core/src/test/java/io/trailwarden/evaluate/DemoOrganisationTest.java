package io.trailwarden.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.sim.Simulator;
import io.trailwarden.source.InputSelection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
}
