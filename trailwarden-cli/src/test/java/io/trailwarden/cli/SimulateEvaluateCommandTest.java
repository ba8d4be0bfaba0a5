package io.trailwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateEvaluateCommandTest {

    @Test
    void simulateWritesAnArchiveAndLabelsThatEvaluateReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("archive");
        CommandRun r = CommandRun.of(new SimulateCommand(), "--out", out.toString(), "--days", "1", "--scale", "0.05",
                "--attacks", "role-new-apis", "--traps", "none");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("events in").contains("1 attacks, 0 benign traps");
        assertThat(out.resolve("labels.json")).exists();
        assertThat(out.resolve("AWSLogs")).isDirectory();
        Path findings = dir.resolve("findings.jsonl");
        Files.writeString(findings, "");
        CommandRun e = CommandRun.of(new EvaluateCommand(), "--labels", out.resolve("labels.json").toString(), "--findings",
                findings.toString());
        assertThat(e.code()).isZero();
        assertThat(e.out()).contains("role-new-apis").contains("Recall: 0 of");
        CommandRun j = CommandRun.of(new EvaluateCommand(), "--labels", out.resolve("labels.json").toString(), "--findings",
                findings.toString(), "--json");
        assertThat(j.out().trim()).startsWith("{").contains("\"recall\"");
    }

    @Test
    void unknownAttackIdsAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> SimulateCommand.attackSelection("expel-stolen-keys,nope"))
                .hasMessageContaining("unknown attack 'nope'").hasMessageContaining("leaked-key-ses-probe");
        assertThat(SimulateCommand.attackSelection("all")).isNull();
        assertThat(SimulateCommand.attackSelection("none")).isEmpty();
        assertThat(SimulateCommand.attackSelection("role-new-apis, role-new-apis")).containsExactly("role-new-apis");
    }

    @Test
    void evaluateReportsAMissingFileAsAnError(@TempDir Path dir) {
        CommandRun r = CommandRun.of(new EvaluateCommand(), "--labels", dir.resolve("none.json").toString(), "--findings",
                dir.resolve("none.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("trailwarden evaluate:");
    }
}
