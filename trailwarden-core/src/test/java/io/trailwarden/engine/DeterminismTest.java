package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.testing.Hunts;
import io.trailwarden.testing.TrailFiles;
import io.trailwarden.testing.TwoDayArchive;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same input, byte-identical findings.jsonl, findings.ocsf.jsonl and incidents.jsonl, whatever --threads is. */
class DeterminismTest {
    @TempDir
    Path dir;

    private Hunts.Run hunt(Path input, int threads, boolean withState) {
        Path out = dir.resolve("out-" + threads + (withState ? "-state" : ""));
        Hunts h = Hunts.of(input).out(out).threads(threads).config(TwoDayArchive.CONFIG);
        if (withState) {
            h.state(dir.resolve("state-" + threads));
        }
        return h.run();
    }

    @Test
    void findingsAndIncidentsAreByteIdenticalWhateverTheThreadCount() {
        Path input = TwoDayArchive.write(dir.resolve("archive"));
        Hunts.Run one = hunt(input, 1, false);
        Hunts.Run two = hunt(input, 2, false);
        Hunts.Run four = hunt(input, 4, false);

        // the data exercises what could make output depend on timing: merges, late events, duplicates
        List<JsonNode> lines = one.findingLines();
        assertThat(lines.stream().map(l -> l.get("finding_id").asText()).distinct().count()).isGreaterThanOrEqualTo(6);
        assertThat(lines).as("an updated line for merged repeats").anySatisfy(l -> assertThat(l.get("count").asLong()).isEqualTo(3));
        assertThat(lines).as("a late event's finding").anySatisfy(l -> assertThat(l.get("late").asBoolean()).isTrue());
        assertThat(one.result().stats().duplicates).isEqualTo(1);
        assertThat(one.result().incidents()).hasSizeGreaterThanOrEqualTo(4);

        assertThat(two.findingsJsonl()).isEqualTo(one.findingsJsonl());
        assertThat(four.findingsJsonl()).isEqualTo(one.findingsJsonl());
        assertThat(two.incidentsJsonl()).isEqualTo(one.incidentsJsonl());
        assertThat(four.incidentsJsonl()).isEqualTo(one.incidentsJsonl());
        assertThat(two.ocsfJsonl()).isEqualTo(one.ocsfJsonl());
        assertThat(four.ocsfJsonl()).isEqualTo(one.ocsfJsonl());
    }

    @Test
    void withAStateDirectoryTooFindingsDoNotDependOnTheThreadCount() {
        Path input = TwoDayArchive.write(dir.resolve("archive"));
        Hunts.Run one = hunt(input, 1, true);
        Hunts.Run three = hunt(input, 3, true);
        assertThat(one.findingLines()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(three.findingsJsonl()).isEqualTo(one.findingsJsonl());
        assertThat(three.incidentsJsonl()).isEqualTo(one.incidentsJsonl());
    }

    @Test
    void problemReportsComeInFileOrderWhateverTheThreadCount() {
        // files that take very different times to decode, each with a bad record or a bad end: with several
        // threads their problems are found in any order, and must still be reported in the order files are read
        Path input = dir.resolve("bad");
        for (int i = 0; i < 12; i++) {
            List<TrailFiles.Rec> recs = new java.util.ArrayList<>();
            for (int k = 0; k < (i % 3 == 0 ? 3000 : 2); k++) {
                recs.add(TrailFiles.rec("e" + i + "-" + k, "2024-03-01T10:00:00Z", "ListUsers"));
            }
            String text = TrailFiles.records(recs);
            String broken = i % 2 == 0 ? text.replaceFirst("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"never\"")
                    : text.substring(0, text.length() - 5);
            TrailFiles.write(input.resolve(String.format("f%02d.json", i)), broken);
        }
        Hunts.Run one = Hunts.of(input).out(dir.resolve("out-bad-1")).threads(1).run();
        assertThat(one.stderr()).contains("f00.json").contains("f11.json");
        for (int threads : new int[] {2, 4}) {
            for (int run = 0; run < 3; run++) {
                Hunts.Run many = Hunts.of(input).out(dir.resolve("out-bad-" + threads + "-" + run)).threads(threads).run();
                assertThat(many.stderr()).isEqualTo(one.stderr());
                assertThat(many.runJson().get("malformed_files")).isEqualTo(one.runJson().get("malformed_files"));
            }
        }
    }
}
