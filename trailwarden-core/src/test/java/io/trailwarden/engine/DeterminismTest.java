package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.testing.Hunts;
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
}
