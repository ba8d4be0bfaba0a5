package io.trailwarden.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.evaluate.Labels;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.CloudTrailPath;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
    static final Pattern LAYOUT = Pattern.compile("AWSLogs/(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
            + "(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{4})(\\d{2})(\\d{2})T(\\d{4})Z_[A-Za-z0-9]{16}\\.json\\.gz");

    static Simulator.Result simulate(Path out, int days, long seed, List<String> attacks, boolean traps) throws IOException {
        Simulator.Options d = Simulator.Options.defaults(out);
        return new Simulator(new Simulator.Options(out, days, seed, 0.05, attacks, traps, d.end(), 2, d.gzipLevel())).run();
    }

    static Map<String, byte[]> archive(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static List<CloudTrailEvent> read(Path file) {
        List<String> problems = new ArrayList<>();
        CloudTrailFileReader r = new CloudTrailFileReader(new InputProblems() {
            @Override
            public void malformedFile(String path, String position, String error) {
                problems.add(path + " " + error);
            }

            @Override
            public void skippedRecord(String path, String position, String error) {
                problems.add(path + " " + error);
            }
        });
        List<CloudTrailEvent> events = new ArrayList<>();
        r.read(new InputFile(file, file.toString(), 0, 0), events::add);
        assertThat(problems).isEmpty();
        return events;
    }

    @Test
    void sameSeedGivesByteIdenticalArchive(@TempDir Path a, @TempDir Path b) throws IOException {
        simulate(a, 2, 7, null, true);
        simulate(b, 2, 7, null, true);
        Map<String, byte[]> x = archive(a);
        Map<String, byte[]> y = archive(b);
        assertThat(x.keySet()).isEqualTo(y.keySet()).hasSizeGreaterThan(100);
        for (String k : x.keySet()) {
            assertThat(x.get(k)).as(k).isEqualTo(y.get(k));
        }
    }

    @Test
    void anotherSeedGivesAnotherArchive(@TempDir Path a, @TempDir Path b) throws IOException {
        simulate(a, 1, 1, List.of(), false);
        simulate(b, 1, 2, List.of(), false);
        assertThat(archive(a).keySet()).isNotEqualTo(archive(b).keySet());
    }

    @Test
    void filesFollowTheS3LayoutAndTheirRecordsDecodeWithTheProjectsReader(@TempDir Path out) throws IOException {
        Simulator.Result r = simulate(out, 2, 3, null, true);
        long events = 0;
        int late = 0;
        for (String rel : archive(out).keySet()) {
            if (rel.equals("labels.json")) {
                continue;
            }
            Matcher m = LAYOUT.matcher(rel);
            assertThat(m.matches()).as(rel).isTrue();
            assertThat(m.group(6)).isEqualTo(m.group(1));
            assertThat(m.group(7)).isEqualTo(m.group(2));
            assertThat(m.group(8) + m.group(9) + m.group(10)).isEqualTo(m.group(3) + m.group(4) + m.group(5));
            Path file = out.resolve(rel);
            long fileTime = CloudTrailPath.fileNameTime(file.getFileName().toString());
            assertThat(fileTime).isNotEqualTo(Long.MIN_VALUE);
            List<CloudTrailEvent> recs = read(file);
            assertThat(recs).isNotEmpty();
            for (CloudTrailEvent e : recs) {
                assertThat(e.recipientAccountId()).isEqualTo(m.group(1));
                assertThat(e.region()).isEqualTo(m.group(2));
                assertThat(e.time()).isLessThan(fileTime);
                if (fileTime - e.time() > 10 * 60_000L) {
                    late++;
                }
            }
            events += recs.size();
        }
        assertThat(events).isEqualTo(r.events()).isEqualTo(r.labelSet().events());
        assertThat(late).as("events delivered in a later file").isGreaterThan(0);
    }

    @Test
    void recordsCarryTheFieldsRealRecordsHave(@TempDir Path out) throws IOException {
        simulate(out, 1, 4, List.of(), false);
        ObjectMapper m = new ObjectMapper();
        boolean sawRole = false;
        boolean sawUser = false;
        boolean sawService = false;
        boolean sawError = false;
        for (String rel : archive(out).keySet()) {
            if (!rel.endsWith(".gz")) {
                continue;
            }
            JsonNode root;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve(rel)))) {
                root = m.readTree(in);
            }
            for (JsonNode rec : root.path("Records")) {
                for (String f : List.of("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
                        "awsRegion", "sourceIPAddress", "userAgent", "requestParameters", "responseElements",
                        "requestID", "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId",
                        "eventCategory")) {
                    assertThat(rec.has(f)).as(f + " in " + rec).isTrue();
                }
                JsonNode id = rec.path("userIdentity");
                String type = id.path("type").asText();
                boolean serviceSource = rec.path("sourceIPAddress").asText().endsWith(".amazonaws.com")
                        || rec.path("sourceIPAddress").asText().startsWith("AWS Internal");
                if (!serviceSource && !rec.path("eventName").asText().equals("ConsoleLogin")) {
                    assertThat(rec.path("tlsDetails").path("tlsVersion").asText()).startsWith("TLSv1.");
                }
                if (type.equals("AssumedRole")) {
                    sawRole = true;
                    assertThat(id.path("accessKeyId").asText()).startsWith("ASIA");
                    assertThat(id.path("sessionContext").path("sessionIssuer").path("arn").asText())
                            .startsWith("arn:aws:iam::" + id.path("accountId").asText() + ":role/");
                    assertThat(id.path("arn").asText()).startsWith("arn:aws:sts::");
                } else if (type.equals("IAMUser")) {
                    sawUser = true;
                    assertThat(id.path("accessKeyId").asText()).matches("A[KS]IA[A-Z2-7]{16}");
                } else if (type.equals("AWSService")) {
                    sawService = true;
                    assertThat(id.path("invokedBy").asText()).endsWith(".amazonaws.com");
                }
                if (rec.has("errorCode")) {
                    sawError = true;
                }
                assertThat(rec.path("eventID").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            }
        }
        assertThat(sawRole && sawUser && sawService && sawError).isTrue();
    }

    @Test
    void aShortPeriodLabelsEveryAttackAndSaysWhichDetectionsItCannotMeet(@TempDir Path out) throws IOException {
        Simulator.Result r = simulate(out, 3, 5, null, true);
        Labels l = Labels.read(out.resolve("labels.json"));
        assertThat(l.attacks()).extracting(Labels.Entry::id).containsExactlyElementsOf(Simulator.attackIds());
        assertThat(l.traps()).extracting(Labels.Entry::id).containsExactlyElementsOf(Simulator.trapIds());
        assertThat(l.events()).isEqualTo(r.events());
        Labels.Entry leaked = l.attacks().stream().filter(a -> a.id().equals("leaked-key-ses-probe")).findFirst().orElseThrow();
        assertThat(leaked.detections()).contains("offensive-user-agent").doesNotContain("failed-api-spike");
        assertThat(leaked.notExpected()).containsKey("failed-api-spike");
        for (Labels.Entry a : l.attacks()) {
            assertThat(a.credentials()).isNotEmpty();
            assertThat(a.start()).isLessThanOrEqualTo(a.end());
            assertThat(a.start()).isGreaterThanOrEqualTo(l.start());
            assertThat(a.end()).isLessThan(l.end());
        }
    }

    @Test
    void noAttacksMeansNoAttackLabelsAndTheSameBackground(@TempDir Path a, @TempDir Path b) throws IOException {
        simulate(a, 1, 9, List.of(), false);
        simulate(b, 1, 9, List.of("role-new-apis"), false);
        Labels none = Labels.read(a.resolve("labels.json"));
        Labels one = Labels.read(b.resolve("labels.json"));
        assertThat(none.attacks()).isEmpty();
        assertThat(none.traps()).isEmpty();
        assertThat(one.attacks()).extracting(Labels.Entry::id).containsExactly("role-new-apis");
        // The attack is on the last day of a 1-day period: the background is generated identically around it.
        assertThat(one.events()).isGreaterThan(none.events());
    }
}
