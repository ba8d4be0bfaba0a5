package io.trailwarden.engine;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.config.Params;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.profile.Dimension;
import io.trailwarden.source.InputSelection;
import io.trailwarden.state.StateStore;
import io.trailwarden.testing.Datasets;
import io.trailwarden.testing.Hunts;
import io.trailwarden.testing.TrailFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntTest {
    @TempDir
    Path dir;

    private Path kaliFile(String name) {
        return TrailFiles.write(dir.resolve("in").resolve(name), TrailFiles.records(
                rec("e1", "2024-03-01T10:00:00Z", "GetCallerIdentity").user("mallory", "AKIAMALLORY").kali(),
                rec("e2", "2024-03-01T10:01:00Z", "ListUsers"),
                rec("e3", "2024-03-01T10:02:00Z", "ListUsers").user("bob", "AKIABOB").ip("035.249.253.232")));
    }

    @Test
    void runJsonHasEveryDocumentedKey() {
        kaliFile("a.json");
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        JsonNode j = r.runJson();
        assertThat(j.fieldNames()).toIterable().contains("files_read", "files_skipped", "malformed_files", "records_decoded",
                "records_skipped", "duplicates", "late_events", "first_event_time", "last_event_time", "accounts",
                "principals", "warmup_ended", "suppressed", "wall_seconds", "events_per_second", "peak_heap_bytes");
        assertThat(j.get("files_read").asInt()).isEqualTo(1);
        assertThat(j.get("records_decoded").asInt()).isEqualTo(3);
        assertThat(j.get("first_event_time").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(j.get("last_event_time").asText()).isEqualTo("2024-03-01T10:02:00Z");
        assertThat(j.get("accounts").asInt()).isEqualTo(1);
        assertThat(j.get("principals").asInt()).isEqualTo(3);
        assertThat(j.get("warmup_ended").get(OffensiveUserAgent.ID).asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(j.get("malformed_files")).isEmpty();
        assertThat(j.get("peak_heap_bytes").asLong()).isPositive();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void aKaliUserAgentGivesAFindingAndAnIncident() {
        kaliFile("a.json");
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        assertThat(r.findingLines()).singleElement().satisfies(f -> {
            assertThat(f.get("detection").asText()).isEqualTo(OffensiveUserAgent.ID);
            assertThat(f.get("credential").asText()).isEqualTo("AKIAMALLORY");
            assertThat(f.get("user_agents").get(0).asText()).isEqualTo(TrailFiles.KALI_UA);
        });
        assertThat(r.incidentLines()).singleElement().satisfies(i -> {
            assertThat(i.get("credential").asText()).isEqualTo("AKIAMALLORY");
            assertThat(i.get("risk_score").asDouble()).isEqualTo(Math.round(47 / 2.6123753 * 100) / 100.0);
        });
    }

    @Test
    void everyFindingsLineHasAnOcsfDetectionFindingLineWithTheSameUid() {
        // the two-day archive has merged repeats, so findings.jsonl carries updated lines too
        Path input = io.trailwarden.testing.TwoDayArchive.write(dir.resolve("archive"));
        Hunts.Run r = Hunts.of(input).out(dir.resolve("out")).config(io.trailwarden.testing.TwoDayArchive.CONFIG).run();
        List<JsonNode> findings = r.findingLines();
        List<JsonNode> ocsf = r.ocsfLines();
        assertThat(findings).hasSizeGreaterThanOrEqualTo(6);
        assertThat(ocsf).hasSameSizeAs(findings);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            JsonNode o = ocsf.get(i);
            String id = f.get("finding_id").asText();
            assertThat(o.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(o.get("finding_info").get("uid").asText()).isEqualTo(id);
            assertThat(o.get("count").asLong()).isEqualTo(f.get("count").asLong());
            assertThat(o.get("actor").get("user").get("credential_uid").asText()).isEqualTo(f.get("access_key_id").asText());
            // Create for a finding's first line, Update for a later line of the same finding_id.
            int activity = seen.add(id) ? 1 : 2;
            assertThat(o.get("activity_id").asInt()).as("line %d", i + 1).isEqualTo(activity);
            assertThat(o.get("type_uid").asLong()).isEqualTo(200400 + activity);
        }
        assertThat(ocsf).as("an Update for merged repeats").anySatisfy(o -> assertThat(o.get("activity_id").asInt()).isEqualTo(2));
        Hunts.Run again = Hunts.of(input).out(dir.resolve("out2")).config(io.trailwarden.testing.TwoDayArchive.CONFIG).run();
        assertThat(again.ocsfJsonl()).as("same input, same bytes").isEqualTo(r.ocsfJsonl());
    }

    @Test
    void badFilesAndRecordsAreReportedOneLineEachAndTheRunGoesOn() {
        kaliFile("good.json");
        Path broken = TrailFiles.write(dir.resolve("in/broken.json"), "{\"Records\":[" + rec("b1", "2024-03-01T10:03:00Z", "X").json()
                + ",{\"eventTime\":\"2024-03-01T10:04:00Z\" \"eventName\":\"Y\"}]}");
        Path empty = TrailFiles.write(dir.resolve("in/empty.json"), "");
        Path noTime = TrailFiles.write(dir.resolve("in/notime.json"), TrailFiles.records(rec("n1", "x", "X").remove("eventTime"),
                rec("n2", "2024-03-01T10:05:00Z", "X")));
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("trailwarden: " + broken + ": line 1, column ").contains("malformed JSON"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("trailwarden: " + empty + ": ").contains("empty file"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("trailwarden: " + noTime + ": record 1").contains("record skipped: no eventTime"));
        JsonNode j = r.runJson();
        assertThat(j.get("malformed_files")).hasSize(2);
        assertThat(j.get("malformed_files").get(0).get("path").asText()).isEqualTo(broken.toString());
        assertThat(j.get("malformed_files").get(0).get("position").asText()).contains("after record 1");
        assertThat(j.get("malformed_files").get(0).get("error").asText()).contains("malformed JSON");
        assertThat(j.get("records_skipped").asInt()).isEqualTo(1);
        assertThat(j.get("records_decoded").asInt()).isEqualTo(3 + 1 + 1);
        assertThat(r.findingLines()).hasSize(1);
    }

    @Test
    void manySkippedRecordsAreAllCountedButOnlyTheFirstTwentyPrinted() {
        List<TrailFiles.Rec> recs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            recs.add(rec("n" + i, "not a time", "X"));
        }
        TrailFiles.write(dir.resolve("in/a.json"), TrailFiles.records(recs));
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        assertThat(r.stderr().lines()).hasSize(21);
        assertThat(r.stderr()).contains("more records skipped; run.json counts them all");
        assertThat(r.runJson().get("records_skipped").asInt()).isEqualTo(30);
    }

    @Test
    void processingLibraryFixturesReportOnlyTheBrokenFileByNameAndPosition() {
        Path fixtures = Datasets.dir("aws-cloudtrail-processing-library-fixtures");
        Hunts.Run r = Hunts.of(fixtures).out(dir.resolve("out")).run();
        JsonNode bad = r.runJson().get("malformed_files");
        assertThat(bad).singleElement().satisfies(b -> {
            assertThat(b.get("path").asText()).endsWith("SerializerTestFileBadJsonFormat.json");
            assertThat(b.get("position").asText()).matches("line \\d+, column \\d+ .*");
        });
        assertThat(r.stderr()).contains("SerializerTestFileBadJsonFormat.json: line ");
        assertThat(r.runJson().get("files_read").asInt()).isEqualTo(13);
        assertThat(r.runJson().get("records_skipped").asInt()).isEqualTo(4);
    }

    @Test
    void standardInputIsHuntedLikeAFile() {
        byte[] gz = TrailFiles.gzip(TrailFiles.ndjson(rec("e1", "2024-03-01T10:00:00Z", "GetCallerIdentity")
                .user("mallory", "AKIAMALLORY").kali()).getBytes(StandardCharsets.UTF_8));
        Hunts.Run r = Hunts.ofStrings("-").stdin(gz).out(dir.resolve("out")).run();
        assertThat(r.findingLines()).singleElement().satisfies(f -> assertThat(f.get("credential").asText()).isEqualTo("AKIAMALLORY"));
        assertThat(r.runJson().get("files_read").asInt()).isEqualTo(1);
    }

    @Test
    void invalidIpStringsAreCarriedAsDataAndClassifiedUnknown() {
        TrailFiles.write(dir.resolve("in/a.json"), TrailFiles.records(rec("e1", "2024-03-01T10:00:00Z", "GetCallerIdentity")
                .user("mallory", "AKIAMALLORY").kali().ip("035.249.253.232")));
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        assertThat(r.findingLines()).singleElement().satisfies(f -> {
            assertThat(f.get("source_ips").get(0).asText()).isEqualTo("035.249.253.232");
            assertThat(f.get("sources").get(0).get("network_class").asText()).isEqualTo("unknown");
        });
    }

    @Test
    void digestFilesDuplicatesAndLateEventsAreCounted() {
        TrailFiles.writeGzip(TrailFiles.s3(dir, TrailFiles.ACCOUNT, "us-east-1", "2024-03-01T10:05:00Z", "a"),
                TrailFiles.records(rec("e1", "2024-03-01T10:00:00Z", "X"), rec("e2", "2024-03-01T11:00:00Z", "X")));
        TrailFiles.writeGzip(TrailFiles.s3(dir, TrailFiles.ACCOUNT, "us-east-1", "2024-03-01T11:05:00Z", "b"),
                TrailFiles.records(rec("e1", "2024-03-01T10:00:00Z", "X"), rec("late", "2024-03-01T10:10:00Z", "X")));
        TrailFiles.writeGzip(dir.resolve("AWSLogs/" + TrailFiles.ACCOUNT + "/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz"), "{}");
        Hunts.Run r = Hunts.of(dir.resolve("AWSLogs")).out(dir.resolve("out")).run();
        JsonNode j = r.runJson();
        assertThat(j.get("files_read").asInt()).isEqualTo(2);
        assertThat(j.get("files_skipped").asInt()).isEqualTo(1);
        assertThat(j.get("duplicates").asInt()).isEqualTo(1);
        assertThat(j.get("late_events").asInt()).isEqualTo(1);
    }

    @Test
    void allowlistedFindingsAreCountedPerRuleAndTheirEventsStillFeedProfiles() throws Exception {
        kaliFile("a.json");
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out"))
                .config("allowlists:\n  - name: red-team\n    principals: ['arn:aws:iam::*:user/mallory']\n"
                        + "  - name: unused\n    cidrs: [10.0.0.0/8]\n").run();
        assertThat(r.findingLines()).isEmpty();
        assertThat(r.runJson().get("suppressed").get("red-team").asInt()).isEqualTo(1);
        assertThat(r.runJson().get("suppressed").get("unused").asInt()).isZero();
        Engine e = new Engine(List.of(new OffensiveUserAgent(Params.defaults(OffensiveUserAgent.INFO))), EngineOptions.DEFAULTS,
                new BasicSourceEnricher(), new UserAgentParser(), new FindingTracker(1, List.of(), new BasicSourceEnricher(),
                (f, u) -> { }), InputSelection.ALL);
        new StateStore(dir.resolve("out/state")).load(e);
        assertThat(e.profiles().get("arn:aws:iam::111122223333:user/mallory").values(Dimension.AGENT_FAMILY)).isNotEmpty();
    }

    @Test
    void problemLinesNeverCarryControlCharactersFromFileNamesOrRecords() {
        Path evil = TrailFiles.write(dir.resolve("in/evil\u001b[2J.json"), TrailFiles.records(
                rec("e1", "2024-03-01T10:00:00Z\u001b]0;pwned\u0007", "X")));
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).run();
        assertThat(r.stderr()).isNotEmpty().contains("evil\\u001b[2J.json").contains("\\u001b]0;pwned\\u0007");
        assertThat(r.stderr().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(evil).exists();
    }

    @Test
    void timeAccountAndRegionFiltersApplyToEvents() {
        TrailFiles.write(dir.resolve("in/a.json"), TrailFiles.records(
                rec("e1", "2024-03-01T10:00:00Z", "X"), rec("e2", "2024-03-02T10:00:00Z", "X"),
                rec("e3", "2024-03-01T10:00:00Z", "X").region("eu-west-1"),
                rec("e4", "2024-03-01T10:00:00Z", "X").account("999988887777")));
        Hunts.Run r = Hunts.of(dir.resolve("in")).out(dir.resolve("out")).selection(new InputSelection(
                io.trailwarden.util.Times.parseUserTime("2024-03-01"), io.trailwarden.util.Times.parseUserTime("2024-03-02"),
                java.util.Set.of(TrailFiles.ACCOUNT), java.util.Set.of("us-east-1"))).run();
        assertThat(r.result().stats().eventsProcessed).isEqualTo(1);
        assertThat(r.result().stats().recordsFiltered).isEqualTo(3);
    }

    @Test
    void aFileWhoseRecordsAFilterLeftOutIsReadAgainByALaterWiderRunWithTheSameState() {
        TrailFiles.write(dir.resolve("in/day1.json"), TrailFiles.records(
                rec("d1", "2024-03-01T10:00:00Z", "X"), rec("d2", "2024-03-01T11:00:00Z", "X")));
        TrailFiles.write(dir.resolve("in/straddle.json"), TrailFiles.records(
                rec("s1", "2024-03-01T23:58:00Z", "X"), rec("s2", "2024-03-02T00:03:00Z", "X")));
        TrailFiles.write(dir.resolve("in/day2.json"), TrailFiles.records(rec("n1", "2024-03-02T10:00:00Z", "X")));
        Path state = dir.resolve("state");
        Hunts.Run first = Hunts.of(dir.resolve("in")).out(dir.resolve("out1")).state(state).selection(new InputSelection(
                Long.MIN_VALUE, io.trailwarden.util.Times.parseUserTime("2024-03-02"), java.util.Set.of(),
                java.util.Set.of())).run();
        // d1 and d2 processed; s1 still waits in the reorder buffer, which the state keeps; s2 and n1 filtered out
        assertThat(first.result().stats().eventsProcessed).isEqualTo(2);
        assertThat(first.result().stats().recordsFiltered).isEqualTo(2);

        Hunts.Run second = Hunts.of(dir.resolve("in")).out(dir.resolve("out2")).state(state).run();
        assertThat(second.result().filesAlreadyRead()).isEqualTo(1);
        assertThat(second.result().filesRead()).isEqualTo(2);
        // s1 comes again with the straddling file and is recognised as a duplicate; s1 (from the state) and s2, which
        // the first run filtered out, are processed; n1, the newest, waits in the reorder buffer for the next run
        assertThat(second.result().stats().duplicates).isEqualTo(1);
        assertThat(second.result().stats().eventsProcessed).isEqualTo(2);
        assertThat(second.result().stats().lastEventTime)
                .isEqualTo(io.trailwarden.util.Times.parseUserTime("2024-03-02T00:03:00Z"));
    }
}
