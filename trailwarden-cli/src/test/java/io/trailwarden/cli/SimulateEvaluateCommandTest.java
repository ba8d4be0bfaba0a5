package io.trailwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateEvaluateCommandTest {

    static String[] run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void simulateWritesAnArchiveAndLabelsThatEvaluateReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("archive");
        String[] r = run(new SimulateCommand(), "--out", out.toString(), "--days", "1", "--scale", "0.05",
                "--attacks", "role-new-apis", "--traps", "none");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("events in").contains("1 attacks, 0 benign traps");
        assertThat(out.resolve("labels.json")).exists();
        assertThat(out.resolve("AWSLogs")).isDirectory();
        Path findings = dir.resolve("findings.jsonl");
        Files.writeString(findings, "");
        String[] e = run(new EvaluateCommand(), "--labels", out.resolve("labels.json").toString(), "--findings",
                findings.toString());
        assertThat(e[0]).isEqualTo("0");
        assertThat(e[1]).contains("role-new-apis").contains("Recall: 0 of");
        String[] j = run(new EvaluateCommand(), "--labels", out.resolve("labels.json").toString(), "--findings",
                findings.toString(), "--json");
        assertThat(j[1].trim()).startsWith("{").contains("\"recall\"");
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
        String[] r = run(new EvaluateCommand(), "--labels", dir.resolve("none.json").toString(), "--findings",
                dir.resolve("none.jsonl").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("trailwarden evaluate:");
    }
}
