package io.trailwarden.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    static final String K1 = "AKIAAAAAAAAAAAAAAAA1";
    static final String K2 = "AKIAAAAAAAAAAAAAAAA2";
    static final String TRAP_KEY = "AKIATTTTTTTTTTTTTTT1";
    static final String SSO = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1";
    static final long START = Times.parseUserTime("2026-10-30T08:00:00Z");
    static final long END = Times.parseUserTime("2026-10-30T09:00:00Z");

    static Labels labels() {
        Labels.Entry attack = new Labels.Entry("expel-stolen-keys", "stolen-long-term-keys", "two keys",
                List.of(K1, K2), List.of("arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:user/b"),
                List.of(), List.of(K1, K2), List.of("203.0.113.9"), START, END,
                List.of("multi-key-recon", "offensive-user-agent"), Map.of(), null, List.of(), 12);
        Labels.Entry vpn = new Labels.Entry("commercial-vpn", "commercial-vpn", "vpn", List.of(), List.of(),
                List.of(new Labels.SessionRef(SSO, "dana@acme.example")), List.of(), List.of("45.83.221.7"),
                START - 86_400_000L, END + 86_400_000L, List.of(), Map.of(), "31173 Services AB",
                List.of("hosting-provider-ip"), 0);
        Labels.Entry batch = new Labels.Entry("batch-steady-denials", "steady-denials", "batch", List.of(TRAP_KEY),
                List.of(), List.of(), List.of(TRAP_KEY), List.of(), START - 10 * 86_400_000L, END + 86_400_000L,
                List.of(), Map.of(), null, List.of(), 0);
        return new Labels(1, 1.0, 21, START - 20 * 86_400_000L, END + 2 * 86_400_000L, 100, 10, List.of(attack),
                List.of(vpn, batch));
    }

    static FindingRecord f(String id, String detection, String severity, String credential, String key, String arn,
                           String session, long time) {
        return new FindingRecord(id, detection, severity, 47, credential, key, arn, session, time, time, List.of(),
                detection);
    }

    @Test
    void expectedDetectionsCountOnlyOnTheAttacksCredentialsWithinTheWindowAndAnHour() {
        List<FindingRecord> findings = List.of(
                f("1", "multi-key-recon", "high", K1, K1, null, null, START + 60_000),
                f("2", "multi-key-recon", "high", K2, K2, null, null, END + 30 * 60_000),
                f("3", "offensive-user-agent", "medium", K1, K1, null, null, END + 2 * 3_600_000L),
                f("4", "offensive-user-agent", "medium", "AKIAOTHER", "AKIAOTHER", null, null, START + 60_000));
        Evaluation e = Evaluator.evaluate(labels(), findings, null);
        Evaluation.AttackResult a = e.attacks().get(0);
        assertThat(a.expectations()).extracting(Evaluation.Expectation::detection, Evaluation.Expectation::fired)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("multi-key-recon", true),
                        org.assertj.core.groups.Tuple.tuple("offensive-user-agent", false));
        assertThat(a.expectations().get(0).credentialsHit()).containsExactly(K1, K2);
        assertThat(a.credentials()).containsEntry(K1, true).containsEntry(K2, true);
        assertThat(e.expected()).isEqualTo(2);
        assertThat(e.fired()).isEqualTo(1);
        assertThat(e.recall()).isEqualTo(0.5);
        assertThat(e.falsePositives()).extracting(FindingRecord::id).containsExactly("3", "4");
        assertThat(e.falsePositivesBySeverity()).containsEntry("medium", 2).containsEntry("high", 0);
    }

    @Test
    void otherDetectionsOnTheAttackAreReportedAsAlsoFiredNotAsFalsePositives() {
        List<FindingRecord> findings = List.of(
                f("1", "rare-country-for-api", "low", K2, K2, null, null, START + 600_000),
                f("2", "rare-country-for-api", "low", K2, K2, null, null, START + 700_000));
        Evaluation e = Evaluator.evaluate(labels(), findings, null);
        assertThat(e.attacks().get(0).alsoFired()).containsEntry("rare-country-for-api", 2);
        assertThat(e.falsePositives()).isEmpty();
        assertThat(e.attacks().get(0).credentials()).containsEntry(K2, false);
    }

    @Test
    void falsePositivesNameTheTrapsTheyHitAndAllowlistableOnesAreSetApart() {
        List<FindingRecord> findings = List.of(
                f("v1", "hosting-provider-ip", "medium", "role:111122223333:AWSReservedSSO_Dev_1", null, SSO,
                        "dana@acme.example", START),
                f("v2", "rare-country-for-api", "low", "role:111122223333:AWSReservedSSO_Dev_1", null, SSO,
                        "dana@acme.example", START),
                f("v3", "new-user-agent", "low", "role:111122223333:AWSReservedSSO_Dev_1", null, SSO,
                        "someone.else@acme.example", START),
                f("b1", "failed-api-spike", "medium", TRAP_KEY, TRAP_KEY, null, null, START));
        Evaluation e = Evaluator.evaluate(labels(), findings, null);
        Evaluation.TrapResult vpn = e.traps().get(0);
        assertThat(vpn.hitsByDetection()).containsOnly(Map.entry("hosting-provider-ip", 1),
                Map.entry("rare-country-for-api", 1));
        assertThat(vpn.allowlisted()).isEqualTo(1);
        assertThat(vpn.aboveLow()).isZero();
        Evaluation.TrapResult batch = e.traps().get(1);
        assertThat(batch.aboveLow()).isEqualTo(1);
        assertThat(e.falsePositives()).hasSize(4);
        assertThat(e.falsePositivesByDetection()).containsEntry("new-user-agent", 1);
        assertThat(e.toText()).contains("batch-steady-denials").contains("ABOVE LOW: 1")
                .contains("silenced by allowlisting AS org '31173 Services AB'");
    }

    @Test
    void attackedCredentialsAreRankedAmongIncidentsByRisk() {
        List<IncidentRecord> incidents = List.of(
                new IncidentRecord("i1", K2, null, K2, 80, START),
                new IncidentRecord("i2", "AKIAOTHER", null, null, 90, START),
                new IncidentRecord("i3", K1, null, K1, 50, START),
                new IncidentRecord("i4", K1, null, K1, 20, START + 1));
        Evaluation e = Evaluator.evaluate(labels(), List.of(), incidents);
        assertThat(e.attacks().get(0).ranks()).containsEntry(K1, 3).containsEntry(K2, 2);
        assertThat(e.toText()).contains("incident rank of " + K1 + ": 3 of 4");
        Evaluation none = Evaluator.evaluate(labels(), List.of(), List.of());
        assertThat(none.attacks().get(0).ranks()).containsEntry(K1, 0);
    }

    @Test
    void theFindingsReaderKeepsTheLastLineOfEachFinding(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("findings.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"finding_id\":\"a\",\"detection\":\"multi-key-recon\",\"severity\":\"high\",\"credential\":\"" + K1
                        + "\",\"access_key_id\":\"" + K1 + "\",\"time\":\"2026-10-30T08:01:00Z\",\"count\":1}",
                "{\"finding_id\":\"b\",\"detection\":\"new-user-agent\",\"severity\":\"low\",\"credential\":\"x\","
                        + "\"time\":\"2026-10-30T08:02:00Z\"}",
                "",
                "{\"finding_id\":\"a\",\"detection\":\"multi-key-recon\",\"severity\":\"high\",\"credential\":\"" + K1
                        + "\",\"access_key_id\":\"" + K1 + "\",\"time\":\"2026-10-30T08:01:00Z\","
                        + "\"last_time\":\"2026-10-30T08:40:00Z\",\"count\":3,\"source_ips\":[\"203.0.113.9\"]}") + "\n");
        List<FindingRecord> fs = ResultFiles.readFindings(file);
        assertThat(fs).hasSize(2);
        FindingRecord a = fs.stream().filter(x -> x.id().equals("a")).findFirst().orElseThrow();
        assertThat(a.lastTime()).isEqualTo(Times.parseUserTime("2026-10-30T08:40:00Z"));
        assertThat(a.sourceIps()).containsExactly("203.0.113.9");
        Path inc = dir.resolve("incidents.jsonl");
        Files.writeString(inc, "{\"incident_id\":\"i1\",\"credential\":\"" + K1 + "\",\"risk_score\":36.16}\n");
        assertThat(ResultFiles.readIncidents(inc)).extracting(IncidentRecord::riskScore).containsExactly(36.16);
    }

    @Test
    void theIncidentsReaderKeepsTheLastLineOfEachIncidentAndDropsSupersededOnes(@TempDir Path dir) throws IOException {
        Path inc = dir.resolve("incidents.jsonl");
        Files.writeString(inc, String.join("\n",
                "{\"incident_id\":\"i1\",\"credential\":\"" + K1 + "\",\"risk_score\":17.99}",
                "{\"incident_id\":\"i2\",\"credential\":\"" + K1 + "\",\"risk_score\":20.0}",
                "{\"incident_id\":\"i1\",\"credential\":\"" + K1 + "\",\"risk_score\":36.16}",
                // a later --state run regrouped i2's findings into i3 (a late finding started the incident earlier)
                "{\"incident_id\":\"i3\",\"credential\":\"" + K1 + "\",\"risk_score\":40.0}",
                "{\"incident_id\":\"i2\",\"credential\":\"" + K1 + "\",\"superseded_by\":\"i3\"}") + "\n");
        assertThat(ResultFiles.readIncidents(inc)).extracting(IncidentRecord::id, IncidentRecord::riskScore)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("i1", 36.16), org.assertj.core.groups.Tuple.tuple("i3", 40.0));
    }

    @Test
    void labelsSurviveAWriteAndReadAndTheJsonReportIsMachineReadable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labels.json");
        labels().write(file);
        Labels back = Labels.read(file);
        assertThat(back.attacks()).hasSize(1);
        assertThat(back.attacks().get(0).detections()).containsExactly("multi-key-recon", "offensive-user-agent");
        assertThat(back.traps().get(0).sessions()).containsExactly(new Labels.SessionRef(SSO, "dana@acme.example"));
        assertThat(back.traps().get(0).allowlistAsOrg()).isEqualTo("31173 Services AB");
        assertThat(back.attacks().get(0).start()).isEqualTo(START);
        Evaluation e = Evaluator.evaluate(back, List.of(f("1", "multi-key-recon", "high", K1, K1, null, null, START)),
                List.of());
        StringWriter w = new StringWriter();
        try (var g = new ObjectMapper().getFactory().createGenerator(w)) {
            e.writeJson(g);
        }
        JsonNode n = new ObjectMapper().readTree(w.toString());
        assertThat(n.path("recall").asDouble()).isEqualTo(0.5);
        assertThat(n.path("attacks").get(0).path("detections").get(0).path("fired").asBoolean()).isTrue();
        assertThat(n.path("attacks").get(0).path("incident_rank").path(K1).isNull()).isTrue();
    }
}
