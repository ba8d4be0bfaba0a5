package io.trailwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.config.TrailwardenConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, files, and nothing hostile on the terminal. */
class MainTest {
    static final String KALI = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";

    @TempDir
    Path dir;

    /** One command's exit code and what it printed. */
    record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static synchronized Outcome run(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin));
            int code = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static Outcome run(String... args) {
        return run(new byte[0], args);
    }

    static String record(String id, String time, String user, String ua, String ip) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/" + user + "\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"AKIA" + user.toUpperCase().replaceAll("[^A-Z]", "") + "\",\"userName\":\"" + user + "\"},"
                + "\"eventTime\":\"" + time + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + ip + "\",\"userAgent\":\"" + ua + "\","
                + "\"eventID\":\"" + id + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
    }

    static Path write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bo)) {
            o.write(b);
        }
        return bo.toByteArray();
    }

    private Path kaliArchive() throws IOException {
        List<String> recs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String user = i % 4 == 0 ? "mallory" : "alice";
            String ua = user.equals("mallory") ? KALI : "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0";
            recs.add(record(String.format("e%03d", i), String.format("2024-03-01T%02d:%02d:00Z", 8 + i / 6, (i % 6) * 10),
                    user, ua, "198.51.100." + (i % 3 + 1)));
        }
        for (int f = 0; f < 4; f++) {
            write(dir.resolve("in").resolve("part-" + f + ".json"),
                    "{\"Records\":[" + String.join(",", recs.subList(f * 10, f * 10 + 10)) + "]}");
        }
        return dir.resolve("in");
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
    }

    @Test
    void aCompletedHuntExitsZeroAndWritesItsFiles() throws IOException {
        Path in = kaliArchive();
        Outcome o = run("hunt", in.toString(), "--out", dir.resolve("out").toString(), "--threads", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dir.resolve("out/findings.jsonl")).isNotEmptyFile();
        assertThat(dir.resolve("out/incidents.jsonl")).isNotEmptyFile();
        assertThat(dir.resolve("out/run.json")).exists();
        assertThat(dir.resolve("out/state/CURRENT")).exists();
        assertThat(o.out()).contains("AKIAMALLORY").contains("offensive-user-agent(m)").contains("4 files");
    }

    @Test
    void aHuntThatFindsNoLogFilesSaysSoAndWhatItLookedFor() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("export"));
        write(empty.resolve("README.txt"), "not a log");
        write(empty.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz"), "{}");
        Outcome o = run("hunt", empty.toString(), "--quiet", "--out", dir.resolve("out").toString());
        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("no CloudTrail log files read from " + empty)
                .contains(".json, .jsonl and .ndjson").contains("skipped 1 CloudTrail-Digest");

        Path in = kaliArchive();
        Outcome outside = run("hunt", in.toString(), "--quiet", "--since", "2030-01-01", "--out",
                dir.resolve("out2").toString());
        assertThat(outside.code()).isZero();
        assertThat(outside.err()).contains("all 40 records read were outside --since/--until/--account/--region");
        Outcome read = run("hunt", in.toString(), "--quiet", "--out", dir.resolve("out3").toString());
        assertThat(read.err()).doesNotContain("no CloudTrail log files");
    }

    @Test
    void findingsAreByteIdenticalWhateverTheThreadCount() throws IOException {
        Path in = kaliArchive();
        assertThat(run("hunt", in.toString(), "--quiet", "--out", dir.resolve("o1").toString(), "--threads", "1").code()).isZero();
        assertThat(run("hunt", in.toString(), "--quiet", "--out", dir.resolve("o4").toString(), "--threads", "4").code()).isZero();
        byte[] one = Files.readAllBytes(dir.resolve("o1/findings.jsonl"));
        assertThat(one).isNotEmpty();
        assertThat(Files.readAllBytes(dir.resolve("o4/findings.jsonl"))).isEqualTo(one);
        assertThat(Files.readAllBytes(dir.resolve("o4/incidents.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("o1/incidents.jsonl")));
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path in = kaliArchive();
        String out = dir.resolve("out").toString();
        Outcome bogus = run("hunt", in.toString(), "--bogus", "--out", out);
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).contains("--bogus");
        Outcome missing = run("hunt", dir.resolve("nowhere").toString(), "--out", out);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory").contains("nowhere");
        assertThat(run("hunt", "--out", out).code()).as("no path").isEqualTo(2);
        Outcome since = run("hunt", in.toString(), "--since", "last tuesday", "--out", out);
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("last tuesday");
        assertThat(run("hunt", in.toString(), "--format", "xml", "--out", out).code()).isEqualTo(2);
        assertThat(run("hunt", in.toString(), "--threads", "many", "--out", out).code()).isEqualTo(2);
        assertThat(run("hunt", in.toString(), "--config", dir.resolve("nope.yaml").toString(), "--out", out).code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void aConfigurationWithAnUnknownKeyIsAUsageErrorNamingTheKey() throws IOException {
        Path cfg = write(dir.resolve("trailwarden.yaml"), "detections:\n  offensive-user-agent:\n    windw: 7d\n");
        Outcome o = run("hunt", kaliArchive().toString(), "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("detections.offensive-user-agent.windw");
        Outcome check = run("config", "--check", cfg.toString());
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).contains("windw");
    }

    @Test
    void configDefaultsPrintsEveryKeyAndCheckAcceptsIt() throws IOException {
        Outcome o = run("config", "--defaults");
        assertThat(o.code()).isZero();
        assertThat(o.out()).isEqualTo(TrailwardenConfig.describeDefaults());
        assertThat(o.out()).contains("lateness:", "suppress_window:", "profile_retention:", "geo_dir:", "allowlists:",
                "offensive-user-agent:", "window: 14d", "risk_distribution: 47", "risk_tool: 73");
        Path f = write(dir.resolve("defaults.yaml"), o.out());
        Outcome check = run("config", "--check", f.toString());
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("OK");
    }

    @Test
    void badInputIsReportedAndOnlyStrictMakesItAFailure() throws IOException {
        Path in = kaliArchive();
        byte[] gz = gzip(("{\"Records\":[" + record("z1", "2024-03-01T12:00:00Z", "zed", KALI, "198.51.100.9") + "]}")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("cut.json.gz"), Arrays.copyOf(gz, gz.length - 12));
        String[] cases = {"empty", "truncated", "utf8", "notime", "json"};
        for (String c : cases) {
            Path one = dir.resolve("case-" + c);
            Files.createDirectories(one);
            switch (c) {
                case "empty" -> write(one.resolve("empty.json"), "");
                case "truncated" -> Files.write(one.resolve("cut.json.gz"), Arrays.copyOf(gz, gz.length - 12));
                case "utf8" -> {
                    byte[] b = ("{\"Records\":[" + record("u1", "2024-03-01T12:00:00Z", "u", "caf#", "198.51.100.9") + "]}")
                            .getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < b.length; i++) {
                        if (b[i] == '#') {
                            b[i] = (byte) 0xE9;
                        }
                    }
                    Files.write(one.resolve("latin1.json"), b);
                }
                case "notime" -> write(one.resolve("notime.json"), "{\"Records\":[{\"eventName\":\"X\"}]}");
                default -> write(one.resolve("broken.json"), "{\"Records\":[{\"eventTime\":\"2024-03-01T12:00:00Z\",]}");
            }
            Outcome lenient = run("hunt", one.toString(), "--quiet", "--out", dir.resolve("out-" + c).toString());
            assertThat(lenient.code()).as(c + ": " + lenient.err()).isZero();
            assertThat(lenient.err()).as(c).contains(one.toString());
            Outcome strict = run("hunt", one.toString(), "--strict", "--quiet", "--out", dir.resolve("strict-" + c).toString());
            assertThat(strict.code()).as(c).isEqualTo(1);
            assertThat(strict.err()).as(c).contains("--strict");
        }
        // the good files are hunted beside the bad one
        Outcome mixed = run("hunt", in.toString(), "--quiet", "--out", dir.resolve("mixed").toString());
        assertThat(mixed.code()).isZero();
        assertThat(mixed.err()).contains("cut.json.gz").contains("truncated or corrupt");
        assertThat(Files.readString(dir.resolve("mixed/findings.jsonl"))).contains("AKIAMALLORY");
    }

    @Test
    void aFailedRunExitsOneWithAClearMessage() throws IOException {
        Path in = kaliArchive();
        Path state = dir.resolve("state");
        assertThat(run("hunt", in.toString(), "--quiet", "--state", state.toString(), "--out", dir.resolve("o1").toString()).code())
                .isZero();
        Path meta = state.resolve("snapshot-000001/meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format_version\" : " + io.trailwarden.state.StateStore.FORMAT_VERSION,
                "\"format_version\" : 42"));
        Outcome o = run("hunt", in.toString(), "--quiet", "--state", state.toString(), "--out", dir.resolve("o2").toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("format version 42");
    }

    @Test
    void standardInputIsHunted() throws IOException {
        byte[] nd = (record("s1", "2024-03-01T12:00:00Z", "mallory", KALI, "198.51.100.9") + "\n").getBytes(StandardCharsets.UTF_8);
        Outcome o = run(gzip(nd), "hunt", "-", "--format", "json", "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(o.out().lines().findFirst().orElseThrow());
        assertThat(f.get("credential").asText()).isEqualTo("AKIAMALLORY");
    }

    @Test
    void nothingFromAnEventReachesTheTerminalAsControlCharacters() throws IOException {
        String esc = "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202e";
        List<String> recs = List.of(
                record("x1", "2024-03-01T12:00:00Z", "mallory" + esc, KALI + esc, "198.51.100.9" + esc),
                record("x2", "2024-03-01T12:01:00Z", "eve", KALI + " \\u001b[31m", "203.0.113.5"),
                "{\"eventTime\":\"noon" + esc + "\",\"eventName\":\"X\"}",
                "{\"eventTime\":\"2024-03-01T12:02:00Z\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn" + esc + "\","
                        + "\"accessKeyId\":\"AKIA" + esc + "\"},\"userAgent\":\"" + KALI + "\",\"eventID\":\"x3\"}");
        Path in = write(dir.resolve("in/evil.json"), "{\"Records\":[" + String.join(",", recs) + "]}");
        write(dir.resolve("in/bad\u001b[31m.json"), "{\"Records\":[{]}");
        for (String format : List.of("table", "json")) {
            Outcome o = run("hunt", in.getParent().toString(), "--format", format, "--out", dir.resolve("out-" + format).toString());
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).as(format).contains("AKIA");
            assertThat(o.err()).as(format).contains("record skipped").contains("bad\\u001b[31m.json");
            assertThat(hasControl(o.out())).as(format + " stdout: " + o.out()).isFalse();
            assertThat(hasControl(o.err())).as(format + " stderr: " + o.err()).isFalse();
        }
        // the findings keep the hostile strings as data
        assertThat(Files.readString(dir.resolve("out-json/findings.jsonl"))).contains("\\u001B[2J").contains("\\u009b31m");
        assertThat(hasControl(Files.readString(dir.resolve("out-json/findings.jsonl")))).isFalse();
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("--help").code()).isZero();
        Outcome v = run("--version");
        assertThat(v.code()).isZero();
        // the version Maven built, not a constant in the code
        assertThat(v.out().trim()).matches("trailwarden \\d+\\.\\d+\\.\\d+.*").doesNotContain("unknown");
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        for (String sub : new String[] {"demo", "hunt", "simulate", "evaluate", "triage", "scope", "enrich", "ua",
                "setup-geo", "config"}) {
            Outcome o = run(sub, "--help");
            assertThat(o.code()).as(sub).isZero();
            assertThat(o.out()).as(sub).contains("Usage: trailwarden " + sub);
        }
    }
}
