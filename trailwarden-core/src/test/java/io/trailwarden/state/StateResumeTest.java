package io.trailwarden.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.source.InputSelection;
import io.trailwarden.testing.Hunts;
import io.trailwarden.testing.TwoDayArchive;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hunting day 1 then day 2 with one --state directory gives what one hunt over both days gives. */
class StateResumeTest {
    @TempDir
    Path dir;
    Path archive;

    @BeforeEach
    void writeArchive() {
        archive = TwoDayArchive.write(dir.resolve("archive")).getParent();
    }

    private Hunts.Run hunt(String out, Path state, Path... inputs) {
        return Hunts.of(inputs).out(dir.resolve(out)).state(state).config(TwoDayArchive.CONFIG).run();
    }

    @Test
    void dayOneThenDayTwoEqualsBothDaysInOneRun() throws IOException {
        Path split = dir.resolve("state-split");
        Hunts.Run day1 = hunt("day1", split, TwoDayArchive.day(archive, TwoDayArchive.DAY1));
        Hunts.Run day2 = hunt("day2", split, TwoDayArchive.day(archive, TwoDayArchive.DAY2));
        Hunts.Run both = hunt("both", dir.resolve("state-both"), archive.resolve("AWSLogs"));

        assertThat(day1.findingsJsonl() + day2.findingsJsonl()).isEqualTo(both.findingsJsonl());

        // what made this a real test: day 1 ended with an open suppression window holding a merged
        // repeat, events in the reorder buffer and timers pending; day 2 closed the window
        Path snap1 = split.resolve("snapshot-000001");
        assertThat(Files.readString(snap1.resolve("open-findings.jsonl"), StandardCharsets.UTF_8))
                .contains("role:111122223333:ci-deploy").contains("\"dirty\":true");
        assertThat(day1.findingLines()).noneSatisfy(l -> assertThat(l.get("credential").asText()).isEqualTo("AKIATRENT000000001"));
        assertThat(day2.findingLines()).anySatisfy(l -> {
            assertThat(l.get("credential").asText()).isEqualTo("role:111122223333:ci-deploy");
            assertThat(l.get("count").asLong()).isEqualTo(4);
            assertThat(l.get("time").asText()).isEqualTo("2024-03-01T23:05:00Z");
        });
        assertThat(day2.findingLines()).anySatisfy(l -> assertThat(l.get("credential").asText()).isEqualTo("AKIATRENT000000001"));
        assertThat(both.findingLines().stream().map(l -> l.get("finding_id").asText()).distinct().count())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void slicesOfTimeOverTheWholeArchiveWithOneStateEqualOneRun() {
        // what the README advises for archives too large to list at once: --until, then --since, one state
        Path sliced = dir.resolve("state-sliced");
        long cut = Times.parseUserTime(TwoDayArchive.DAY2);
        Hunts.Run first = Hunts.of(archive.resolve("AWSLogs")).out(dir.resolve("first")).state(sliced)
                .config(TwoDayArchive.CONFIG).selection(new InputSelection(Long.MIN_VALUE, cut, Set.of(), Set.of())).run();
        Hunts.Run second = Hunts.of(archive.resolve("AWSLogs")).out(dir.resolve("second")).state(sliced)
                .config(TwoDayArchive.CONFIG).selection(new InputSelection(cut, Long.MAX_VALUE, Set.of(), Set.of())).run();
        Hunts.Run both = hunt("both", dir.resolve("state-both"), archive.resolve("AWSLogs"));

        assertThat(first.result().filesRead()).isPositive();
        assertThat(second.result().filesAlreadyRead()).isPositive();
        assertThat(first.findingsJsonl() + second.findingsJsonl()).isEqualTo(both.findingsJsonl());
    }

    @Test
    void dayTwoGivenTheWholeArchiveSkipsTheFilesDayOneRead() {
        Path split = dir.resolve("state-split");
        Hunts.Run day1 = hunt("day1", split, TwoDayArchive.day(archive, TwoDayArchive.DAY1));
        Hunts.Run rest = hunt("rest", split, archive.resolve("AWSLogs"));
        Hunts.Run both = hunt("both", dir.resolve("state-both"), archive.resolve("AWSLogs"));
        assertThat(rest.result().filesAlreadyRead()).isEqualTo(day1.result().filesRead()).isPositive();
        assertThat(rest.result().filesRead() + day1.result().filesRead()).isEqualTo(both.result().filesRead());
        assertThat(day1.findingsJsonl() + rest.findingsJsonl()).isEqualTo(both.findingsJsonl());
        assertThat(rest.runJson().get("files_already_read").asLong()).isEqualTo(day1.result().filesRead());
    }

    @Test
    void rerunningOverTheSameFilesAddsNothing() {
        Path state = dir.resolve("state");
        Hunts.Run first = hunt("first", state, archive.resolve("AWSLogs"));
        Hunts.Run again = hunt("again", state, archive.resolve("AWSLogs"));
        assertThat(first.findingLines()).isNotEmpty();
        assertThat(again.findingsJsonl()).isEmpty();
        assertThat(first.incidentLines()).isNotEmpty();
        assertThat(again.incidentsJsonl()).as("the carried incidents did not change").isEmpty();
        assertThat(again.result().filesRead()).isZero();
        assertThat(again.result().filesAlreadyRead()).isEqualTo(first.result().filesRead());
        assertThat(again.result().stats().recordsDecoded).isZero();
        // and the state itself still holds what the first run left: day 2's data resumes from it unchanged
        Hunts.Run third = hunt("third", state, archive.resolve("AWSLogs"));
        assertThat(third.findingsJsonl()).isEmpty();
    }

    @Test
    void theStateSavedByAHuntWithoutStateCanBeResumed() {
        Hunts.Run day1 = Hunts.of(TwoDayArchive.day(archive, TwoDayArchive.DAY1)).out(dir.resolve("day1"))
                .config(TwoDayArchive.CONFIG).run();
        assertThat(day1.findingLines()).isNotEmpty();
        Hunts.Run day2 = hunt("day2", dir.resolve("day1").resolve("state"), TwoDayArchive.day(archive, TwoDayArchive.DAY2));
        assertThat(day2.result().stats().eventsProcessed).as("day 2's events reach the detections").isPositive();
        assertThat(day2.findingLines()).anySatisfy(l -> assertThat(l.get("time").asText()).isEqualTo("2024-03-02T09:00:00Z"));
        assertThat(day2.result().stats().lateEvents).isZero();
    }

    @Test
    void withoutStateTheEndOfInputFlushesAndTheFinalStateIsSavedUnderOut() throws IOException {
        Hunts.Run r = Hunts.of(archive.resolve("AWSLogs")).out(dir.resolve("out")).config(TwoDayArchive.CONFIG).run();
        Path saved = dir.resolve("out").resolve("state");
        assertThat(Files.readString(saved.resolve("CURRENT")).trim()).isEqualTo("snapshot-000001");
        assertThat(saved.resolve("snapshot-000001").resolve("meta.json")).exists();
        assertThat(saved.resolve("snapshot-000001").resolve("profiles.bin")).exists();
        // flushed: the windows closed, so no finding is left open in the saved state
        assertThat(Files.readString(saved.resolve("snapshot-000001").resolve("open-findings.jsonl"))).isEmpty();
        // every event, including the last 15 minutes, reached the detections
        assertThat(r.result().stats().eventsProcessed + r.result().stats().duplicates)
                .isEqualTo(r.result().stats().recordsDecoded);
        JsonNode meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                saved.resolve("snapshot-000001").resolve("meta.json").toFile());
        assertThat(meta.get("format_version").asInt()).isEqualTo(StateStore.FORMAT_VERSION);
        assertThat(meta.get("files_read_count").asLong()).isEqualTo(r.result().filesRead());
    }
}
