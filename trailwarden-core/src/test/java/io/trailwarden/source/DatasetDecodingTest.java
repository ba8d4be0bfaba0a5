package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.testing.Datasets;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public samples in shared/datasets decode; the one deliberately broken file is reported by name and position. */
class DatasetDecodingTest {
    private static final String FIXTURES = "aws-cloudtrail-processing-library-fixtures";
    private static final String BROKEN = "SerializerTestFileBadJsonFormat.json";

    private final CloudTrailFileReaderTest.Problems problems = new CloudTrailFileReaderTest.Problems();
    private final CloudTrailFileReader reader = new CloudTrailFileReader(problems, InputStream.nullInputStream());

    private List<CloudTrailEvent> read(Path f) {
        List<CloudTrailEvent> out = new ArrayList<>();
        reader.read(new InputFile(f, f.toString(), Long.MAX_VALUE, 0), out::add);
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void processingLibraryFixturesDecodeExceptTheDeliberatelyBrokenFile() throws IOException {
        Path dir = Datasets.dir(FIXTURES);
        int records = 0;
        for (Path f : files(dir)) {
            if (f.getFileName().toString().equals(BROKEN)) {
                continue;
            }
            List<CloudTrailEvent> events = read(f);
            assertThat(events).as(f.getFileName().toString()).isNotEmpty();
            records += events.size();
        }
        assertThat(problems.malformed).as("no good file is malformed").isEmpty();
        // four records have no usable eventTime (null, 'eventTimeWrong', 'eventTime1', 'ThisIsAWrongEventTime'):
        // each is skipped and named with its file and record index
        assertThat(problems.skipped).hasSize(4);
        assertThat(problems.skipped).anySatisfy(s -> assertThat(s).contains("SerializerAllFieldsNull.json | record 1"));
        assertThat(problems.skipped).anySatisfy(s -> assertThat(s).contains("SerializerTestFileBadFieldName.json | record 1"));
        assertThat(problems.skipped).anySatisfy(s -> assertThat(s).contains("SerializerTestFileNewFieldName.json | record 1"));
        assertThat(problems.skipped).anySatisfy(s -> assertThat(s).contains("SerializerTestFileMissField.json | record 4")
                .contains("unparseable eventTime 'ThisIsAWrongEventTime'"));
        assertThat(records).isEqualTo(37);
    }

    @Test
    void theBrokenFixtureIsReportedByNameAndPosition() {
        Path f = Datasets.file(FIXTURES, BROKEN);
        read(f);
        assertThat(problems.malformed).singleElement().satisfies(s -> {
            assertThat(s).startsWith(f + " | line ");
            assertThat(s).containsPattern("line \\d+, column \\d+");
            assertThat(s).contains("malformed JSON");
        });
    }

    @Test
    void gzippedFixtureDecodesLikeItsPlainTwin() {
        List<CloudTrailEvent> plain = read(Datasets.file(FIXTURES, "SerializerTestFileCompact.json"));
        List<CloudTrailEvent> gz = read(Datasets.file(FIXTURES, "SerializerTestFileCompact.json.gz"));
        assertThat(gz).extracting(CloudTrailEvent::eventId).containsExactlyElementsOf(
                plain.stream().map(CloudTrailEvent::eventId).toList());
        assertThat(gz).extracting(CloudTrailEvent::time).containsExactlyElementsOf(
                plain.stream().map(CloudTrailEvent::time).toList());
    }

    @Test
    void trailscraperS3NamedGzipFileHasItsDeliveryTimeAndDecodes() {
        Path f = Datasets.file("trailscraper-fixtures", "111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz");
        assertThat(CloudTrailPath.fileNameTime(f.getFileName().toString()))
                .isEqualTo(Times.parseUserTime("2017-12-11T15:05:00Z"));
        assertThat(read(f)).isNotEmpty();
        assertThat(read(Datasets.file("trailscraper-fixtures", "events-for-smoke-test.json"))).isNotEmpty();
        assertThat(problems.none()).isTrue();
    }

    @Test
    void realNdjsonGzipSampleDecodesWholly() {
        assertThat(read(Datasets.file("cribl-aws-cloudtrail-pack", "zyNWSr.records.ndjson.gz"))).hasSize(205);
        assertThat(problems.none()).isTrue();
    }

    @Test
    void logstashExportWithOnlyTimestampDecodesWithThatTime() {
        // OTRF's export carries Logstash's @timestamp instead of CloudTrail's eventTime
        Path f = Datasets.file("otrf-security-datasets", "ec2_proxy_s3_exfiltration_2020-09-14011940.ndjson.gz");
        List<CloudTrailEvent> events = read(f);
        assertThat(events).hasSize(103);
        assertThat(problems.none()).isTrue();
        assertThat(events.get(0).eventName()).isEqualTo("DescribeInstanceTypes");
        assertThat(events.get(0).time()).isEqualTo(io.trailwarden.util.Times.parseEventTime("2020-09-14T00:44:23.000Z"));
    }

    @Test
    void pantherWrappedEventsAreUnwrapped() {
        List<CloudTrailEvent> scenarios = read(Datasets.file("panther-analysis", "panther_test_scenarios_cloudtrail.ndjson.gz"));
        assertThat(scenarios).hasSize(27);
        assertThat(scenarios.get(0).eventName()).isEqualTo("ConsoleLogin");
        assertThat(problems.none()).isTrue();
        List<CloudTrailEvent> ruleTests = read(Datasets.file("panther-analysis", "panther_cloudtrail_rule_tests.ndjson.gz"));
        // rule unit tests without an eventTime are skipped and counted, never fatal
        assertThat(ruleTests.size() + problems.skipped.size()).isEqualTo(464);
        assertThat(problems.malformed).isEmpty();
    }
}
