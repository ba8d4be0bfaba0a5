package io.trailwarden.source;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.testing.TrailFiles;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailFileReaderTest {
    @TempDir
    Path dir;

    /** What the reader reported, in order. */
    static final class Problems implements InputProblems {
        final List<String> malformed = Collections.synchronizedList(new ArrayList<>());
        final List<String> skipped = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void malformedFile(String path, String position, String error) {
            malformed.add(path + " | " + position + " | " + error);
        }

        @Override
        public void skippedRecord(String path, String position, String error) {
            skipped.add(path + " | " + position + " | " + error);
        }

        boolean none() {
            return malformed.isEmpty() && skipped.isEmpty();
        }
    }

    private final Problems problems = new Problems();

    private List<CloudTrailEvent> read(Path f) {
        return read(new CloudTrailFileReader(problems, InputStream.nullInputStream()), f);
    }

    private static List<CloudTrailEvent> read(CloudTrailFileReader reader, Path f) {
        List<CloudTrailEvent> out = new ArrayList<>();
        long n = reader.read(file(f), out::add);
        assertThat(n).as("records delivered").isEqualTo(out.size());
        return out;
    }

    private static InputFile file(Path f) {
        return new InputFile(f, f.toString(), Long.MAX_VALUE, 0);
    }

    private static List<String> ids(List<CloudTrailEvent> events) {
        return events.stream().map(CloudTrailEvent::eventId).toList();
    }

    private static TrailFiles.Rec[] three() {
        return new TrailFiles.Rec[] {rec("e1", "2024-03-01T10:00:00Z", "GetCallerIdentity"),
                rec("e2", "2024-03-01T10:00:01Z", "ListUsers"), rec("e3", "2024-03-01T10:00:02Z", "ListRoles")};
    }

    @Test
    void cloudTrailRecordsContainerIsRead() {
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(three()));
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void bareJsonArrayOfRecordsIsRead() {
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.array(three()));
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void ndjsonOneRecordPerLineIsReadWithEveryFieldOfTheFirstRecord() {
        Path f = TrailFiles.write(dir.resolve("a.ndjson"), TrailFiles.ndjson(three()));
        List<CloudTrailEvent> events = read(f);
        assertThat(ids(events)).containsExactly("e1", "e2", "e3");
        // the first record is sniffed to tell NDJSON from {"Records":...}: nothing of it may be lost
        CloudTrailEvent first = events.get(0);
        assertThat(first.eventName()).isEqualTo("GetCallerIdentity");
        assertThat(first.identity().userName()).isEqualTo("alice");
        assertThat(first.accessKeyId()).isEqualTo("AKIAALICE0000000001");
        assertThat(first.time()).isEqualTo(Times.parseUserTime("2024-03-01T10:00:00Z"));
        assertThat(problems.none()).isTrue();
    }

    @Test
    void recordsContainerWithFieldsAfterRecordsIsRead() {
        Path f = TrailFiles.write(dir.resolve("a.json"),
                "{\"Records\":" + TrailFiles.array(three()) + ",\"extra\":{\"x\":[1,2]},\"more\":null}");
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void concatenatedCloudTrailFilesAreAllRead() {
        TrailFiles.Rec[] r = three();
        // zcat a.json.gz b.json.gz | trailwarden hunt -
        String two = TrailFiles.records(r[0], r[1]) + "\n" + TrailFiles.records(r[2]) + "\n";
        Path f = TrailFiles.write(dir.resolve("cat.json"), two);
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        // cat a.json.gz b.json.gz: gzip members one after the other
        byte[] a = TrailFiles.gzip(TrailFiles.records(r[0]).getBytes(StandardCharsets.UTF_8));
        byte[] b = TrailFiles.gzip(TrailFiles.records(r[1], r[2]).getBytes(StandardCharsets.UTF_8));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Path g = TrailFiles.write(dir.resolve("cat.json.gz"), both);
        assertThat(ids(read(g))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void gzipIsDetectedByItsMagicBytesNotByTheFileName() {
        Path gzNamedJson = TrailFiles.write(dir.resolve("gzipped-but-named.json"),
                TrailFiles.gzip(TrailFiles.records(three()).getBytes(StandardCharsets.UTF_8)));
        Path plainNamedGz = TrailFiles.write(dir.resolve("plain-but-named.json.gz"), TrailFiles.records(three()));
        Path realGz = TrailFiles.writeGzip(dir.resolve("real.json.gz"), TrailFiles.ndjson(three()));
        assertThat(ids(read(gzNamedJson))).containsExactly("e1", "e2", "e3");
        assertThat(ids(read(plainNamedGz))).containsExactly("e1", "e2", "e3");
        assertThat(ids(read(realGz))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void decodesWhatDetectionsAndAnalystsUse() {
        TrailFiles.Rec r = rec("e1", "2024-03-01T10:00:00Z", "AssumeRole")
                .raw("userIdentity", "{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:bob\","
                        + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/bob\",\"accountId\":\"111122223333\","
                        + "\"accessKeyId\":\"ASIAXYZ\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                        + "\"principalId\":\"AROA1\",\"arn\":\"arn:aws:iam::111122223333:role/ops/Admin\","
                        + "\"accountId\":\"111122223333\",\"userName\":\"Admin\"},\"attributes\":{\"creationDate\":"
                        + "\"2024-03-01T09:00:00Z\",\"mfaAuthenticated\":\"true\"},\"sourceIdentity\":\"bob@example.com\"},"
                        + "\"invokedBy\":\"cloudformation.amazonaws.com\"}")
                .raw("requestParameters", "{\"roleArn\":\"arn:aws:iam::111122223333:role/x\",\"durationSeconds\":900}")
                .raw("responseElements", "{\"credentials\":{\"accessKeyId\":\"ASIAMINTED\",\"expiration\":\"x\"},"
                        + "\"ConsoleLogin\":\"Failure\"}")
                .raw("errorCode", "\"AccessDenied\"").raw("errorMessage", "\"not allowed\"")
                .raw("sharedEventID", "\"shared-1\"").raw("vpcEndpointId", "\"vpce-1\"").raw("readOnly", "false");
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(r));
        CloudTrailEvent e = read(f).get(0);
        assertThat(e.eventSource()).isEqualTo("sts.amazonaws.com");
        assertThat(e.region()).isEqualTo("us-east-1");
        assertThat(e.sourceIp()).isEqualTo("198.51.100.7");
        assertThat(e.errorCode()).isEqualTo("AccessDenied");
        assertThat(e.errorMessage()).isEqualTo("not allowed");
        assertThat(e.readOnly()).isFalse();
        assertThat(e.eventType()).isEqualTo("AwsApiCall");
        assertThat(e.recipientAccountId()).isEqualTo("111122223333");
        assertThat(e.sharedEventId()).isEqualTo("shared-1");
        assertThat(e.vpcEndpointId()).isEqualTo("vpce-1");
        assertThat(e.consoleLogin()).isEqualTo("Failure");
        assertThat(e.mintedAccessKeyId()).isEqualTo("ASIAMINTED");
        assertThat(e.requestParameters()).isEqualTo("{\"roleArn\":\"arn:aws:iam::111122223333:role/x\",\"durationSeconds\":900}");
        assertThat(e.identity().type()).isEqualTo("AssumedRole");
        assertThat(e.identity().issuerArn()).isEqualTo("arn:aws:iam::111122223333:role/ops/Admin");
        assertThat(e.identity().issuerName()).isEqualTo("Admin");
        assertThat(e.identity().mfaAuthenticated()).isTrue();
        assertThat(e.identity().sourceIdentity()).isEqualTo("bob@example.com");
        assertThat(e.identity().invokedBy()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(e.principal().key()).isEqualTo("role:111122223333:Admin");
        assertThat(e.principal().sessionName()).isEqualTo("bob");
    }

    @Test
    void unknownFieldsAnywhereAreIgnoredAndNullsTolerated() {
        TrailFiles.Rec r = rec("e1", "2024-03-01T10:00:00Z", "ListUsers")
                .raw("newTopLevel", "{\"deep\":[{\"eventTime\":\"1999-01-01T00:00:00Z\"},[1,2,{}]],\"eventName\":\"X\"}")
                .raw("userIdentity", "{\"type\":\"IAMUser\",\"arn\":null,\"newField\":{\"a\":[1]},\"accessKeyId\":null,"
                        + "\"sessionContext\":null,\"userName\":\"alice\"}")
                .raw("requestParameters", "null").raw("responseElements", "null").raw("awsRegion", "null")
                .raw("errorCode", "null").raw("readOnly", "null").raw("resources", "null")
                .raw("additionalEventData", "{\"x\":{\"y\":null}}");
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(r));
        CloudTrailEvent e = read(f).get(0);
        assertThat(e.eventName()).isEqualTo("ListUsers");
        assertThat(e.time()).isEqualTo(Times.parseUserTime("2024-03-01T10:00:00Z"));
        assertThat(e.region()).isNull();
        assertThat(e.errorCode()).isNull();
        assertThat(e.readOnly()).isNull();
        assertThat(e.requestParameters()).isNull();
        assertThat(e.identity().userName()).isEqualTo("alice");
        assertThat(e.identity().arn()).isNull();
        assertThat(problems.none()).isTrue();
    }

    @Test
    void nullUserIdentityGivesAnUnknownPrincipalNotACrash() {
        Path f = TrailFiles.write(dir.resolve("a.json"),
                TrailFiles.records(rec("e1", "2024-03-01T10:00:00Z", "ListUsers").raw("userIdentity", "null")));
        CloudTrailEvent e = read(f).get(0);
        assertThat(e.principal().key()).isEqualTo("unknown");
        assertThat(e.credential()).isEqualTo("unknown");
    }

    @Test
    void recordWithoutEventTimeIsSkippedAndReportedWithItsIndex() {
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(
                rec("e1", "2024-03-01T10:00:00Z", "A"), rec("e2", "x", "B").remove("eventTime"),
                rec("e3", "2024-03-01T10:00:02Z", "C")));
        assertThat(ids(read(f))).containsExactly("e1", "e3");
        assertThat(problems.malformed).isEmpty();
        assertThat(problems.skipped).singleElement().satisfies(s -> {
            assertThat(s).startsWith(f.toString() + " | record 2");
            assertThat(s).contains("no eventTime");
        });
    }

    @Test
    void requestParametersAreTheSameObjectWhetherTheFileIsLoadedWholeOrStreamed() throws Exception {
        String params = "{\"bucketName\": \"logs\",\n  \"key\": \"a/\u00e9t\u00e9.txt\", \"n\": [1, {\"x\": null}]}";
        TrailFiles.Rec r = rec("e1", "2024-03-01T10:00:00Z", "GetObject").raw("requestParameters", params);
        Path small = TrailFiles.write(dir.resolve("small.json"), TrailFiles.records(r));
        String whole = read(small).get(0).requestParameters();
        // padding past the whole-file limit makes the reader stream the same record
        String pad = "{\"Records\":[" + r.json() + "], \"pad\": \"" + "x".repeat((int) SmallFiles.MAX_FILE) + "\"}";
        Path big = java.nio.file.Files.writeString(dir.resolve("big.json"), pad);
        String streamed = read(big).get(0).requestParameters();
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(m.readTree(whole)).isEqualTo(m.readTree(params)).isEqualTo(m.readTree(streamed));
        assertThat(io.trailwarden.event.RequestObject.of(whole)).isEqualTo("logs/a/\u00e9t\u00e9.txt");
    }

    @Test
    void logstashTimestampStandsInForAMissingEventTimeButNeverOverridesIt() {
        Path f = TrailFiles.write(dir.resolve("a.ndjson"), TrailFiles.ndjson(
                rec("e1", "x", "A").remove("eventTime").raw("@timestamp", "\"2024-03-01T10:00:00.000Z\""),
                rec("e2", "2024-03-01T11:00:00Z", "B").raw("@timestamp", "\"2024-03-01T11:00:07.000Z\"")));
        List<CloudTrailEvent> events = read(f);
        assertThat(ids(events)).containsExactly("e1", "e2");
        assertThat(events.get(0).time()).isEqualTo(io.trailwarden.util.Times.parseEventTime("2024-03-01T10:00:00Z"));
        assertThat(events.get(1).time()).isEqualTo(io.trailwarden.util.Times.parseEventTime("2024-03-01T11:00:00Z"));
        assertThat(problems.none()).isTrue();
    }

    @Test
    void unparseableOrNullEventTimeIsSkippedAndReported() {
        Path f = TrailFiles.write(dir.resolve("a.ndjson"), TrailFiles.ndjson(
                rec("e1", "yesterday at noon", "A"), rec("e2", "2024-03-01T10:00:00Z", "B"),
                rec("e3", "x", "C").raw("eventTime", "null"), rec("e4", "2024-02-30T10:00:00Z", "D")));
        assertThat(ids(read(f))).containsExactly("e2");
        assertThat(problems.skipped).hasSize(3);
        assertThat(problems.skipped.get(0)).contains("record 1").contains("unparseable eventTime 'yesterday at noon'");
        assertThat(problems.skipped.get(1)).contains("record 3").contains("no eventTime");
        assertThat(problems.skipped.get(2)).contains("record 4");
    }

    @Test
    void nonObjectEntriesInTheRecordsArrayAreSkippedAndTheRestRead() {
        Path f = TrailFiles.write(dir.resolve("a.json"), "{\"Records\":[" + three()[0].json() + ",42,\"text\",[1],"
                + three()[2].json() + "]}");
        assertThat(ids(read(f))).containsExactly("e1", "e3");
        assertThat(problems.skipped).hasSize(3);
        assertThat(problems.skipped.get(0)).contains("record 2").contains("not a JSON object");
    }

    @Test
    void malformedJsonKeepsTheRecordsBeforeItAndReportsLineAndColumn() {
        String good = TrailFiles.records(three());
        // break the third record: a missing comma between two fields
        String bad = good.replace("\"eventName\":\"ListRoles\",", "\"eventName\":\"ListRoles\" ");
        assertThat(bad).isNotEqualTo(good);
        Path f = TrailFiles.write(dir.resolve("broken.json"), bad);
        assertThat(ids(read(f))).containsExactly("e1", "e2");
        assertThat(problems.malformed).singleElement().satisfies(s -> {
            assertThat(s).startsWith(f + " | line 3, column ");
            assertThat(s).contains("after record 2").contains("malformed JSON");
        });
    }

    @Test
    void truncatedGzipKeepsTheRecordsBeforeTheCutAndSaysItIsTruncated() {
        List<TrailFiles.Rec> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(rec(String.format("e%05d", i), "2024-03-01T10:00:00Z", "ListUsers").raw("pad",
                    "\"" + Integer.toHexString(i * 7919) + "x".repeat(i % 50) + "\""));
        }
        byte[] gz = TrailFiles.gzip(TrailFiles.records(many).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("cut.json.gz"), Arrays.copyOf(gz, gz.length / 2));
        List<CloudTrailEvent> events = read(f);
        assertThat(events).isNotEmpty().hasSizeLessThan(2000);
        assertThat(events.get(0).eventId()).isEqualTo("e00000");
        assertThat(problems.malformed).singleElement().satisfies(s -> {
            assertThat(s).startsWith(f + " | ");
            assertThat(s).contains("after record " + events.size()).contains("truncated or corrupt");
        });
    }

    @Test
    void largeGzipFilesReadAheadOnAnotherThreadGiveTheSameRecordsAndTheSameTruncationReport() {
        java.util.Random rnd = new java.util.Random(3);
        List<TrailFiles.Rec> many = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < 80; k++) {
                hex.append(Long.toHexString(rnd.nextLong()));
            }
            many.add(rec(String.format("e%05d", i), "2024-03-01T10:00:00Z", "ListUsers").raw("pad", "\"" + hex + "\""));
        }
        byte[] gz = TrailFiles.gzip(TrailFiles.records(many).getBytes(StandardCharsets.UTF_8));
        assertThat((long) gz.length).as("streamed, not loaded whole").isGreaterThan(SmallFiles.MAX_FILE);
        Path whole = TrailFiles.write(dir.resolve("big.json.gz"), gz);
        assertThat(ids(read(whole))).hasSize(4000).startsWith("e00000").endsWith("e03999");
        assertThat(problems.none()).isTrue();
        Path cut = TrailFiles.write(dir.resolve("big-cut.json.gz"), Arrays.copyOf(gz, gz.length - gz.length / 3));
        List<CloudTrailEvent> events = read(cut);
        assertThat(events).isNotEmpty().hasSizeLessThan(4000);
        assertThat(problems.malformed).singleElement().satisfies(s -> {
            assertThat(s).startsWith(cut + " | ");
            assertThat(s).contains("after record " + events.size()).contains("truncated or corrupt");
        });
    }

    @Test
    void gzipHeaderAloneIsReportedAsTruncated() {
        byte[] gz = TrailFiles.gzip(TrailFiles.records(three()).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("header.json.gz"), Arrays.copyOf(gz, 6));
        assertThat(read(f)).isEmpty();
        assertThat(problems.malformed).singleElement().asString().contains("truncated or corrupt");
    }

    @Test
    void emptyAndBlankFilesAreReportedAndGiveNoRecords() {
        Path empty = TrailFiles.write(dir.resolve("empty.json"), "");
        Path blank = TrailFiles.write(dir.resolve("blank.json"), "  \n\t\n");
        Path emptyGz = TrailFiles.write(dir.resolve("empty.json.gz"), TrailFiles.gzip(new byte[0]));
        assertThat(read(empty)).isEmpty();
        assertThat(read(blank)).isEmpty();
        assertThat(read(emptyGz)).isEmpty();
        assertThat(problems.malformed).hasSize(3).allSatisfy(s -> assertThat(s).contains("empty file"));
        assertThat(problems.malformed.get(0)).startsWith(empty.toString());
    }

    @Test
    void aFileThatIsNotJsonIsReportedNotThrown() {
        Path f = TrailFiles.write(dir.resolve("notes.json"), "hello, this is not JSON");
        assertThat(read(f)).isEmpty();
        assertThat(problems.malformed).singleElement().asString().startsWith(f.toString()).contains("malformed JSON");
    }

    @Test
    void nonUtf8BytesCostOneFieldNotTheRestOfTheFile() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TrailFiles.Rec[] r = three();
        r[1].agent("Mozilla/5.0 (caf\u00e9)");
        String text = TrailFiles.records(r);
        // write the e-acute as Latin-1 (0xE9): invalid UTF-8 in the second record
        int at = text.indexOf('\u00e9');
        b.write(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.write(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("latin1.json"), b.toByteArray());
        List<CloudTrailEvent> events = read(f);
        assertThat(ids(events)).containsExactly("e1", "e2", "e3");
        assertThat(events.get(1).userAgent()).startsWith("Mozilla/5.0 (caf").endsWith(")").contains("\ufffd");
        assertThat(events.get(2).eventName()).isEqualTo("ListRoles");
        assertThat(problems.malformed).isEmpty();
        assertThat(problems.skipped).singleElement().asString().startsWith(f + " | record 2").contains("invalid UTF-8");
    }

    @Test
    void nonUtf8BytesInAGzippedNdjsonFileAreHandledTheSameWay() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TrailFiles.Rec[] r = three();
        b.write(r[0].json().getBytes(StandardCharsets.UTF_8));
        b.write('\n');
        String second = r[1].agent("curl/\u00ff").json();
        int at = second.indexOf('\u00ff');
        b.write(second.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.write(second.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        b.write('\n');
        b.write(r[2].json().getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("bad.ndjson.gz"), TrailFiles.gzip(b.toByteArray()));
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        assertThat(problems.skipped).singleElement().asString().contains("invalid UTF-8");
    }

    @Test
    void nonUtf8BytesOnStandardInputKeepTheRecordsBeforeThemAndSayTheRestWasNotRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TrailFiles.Rec[] r = three();
        b.write((r[0].json() + "\n").getBytes(StandardCharsets.UTF_8));
        String second = r[1].agent("curl/\u00ff").json();
        int at = second.indexOf('\u00ff');
        b.write(second.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.write((second.substring(at + 1) + "\n" + r[2].json()).getBytes(StandardCharsets.UTF_8));
        CloudTrailFileReader reader = new CloudTrailFileReader(problems, new ByteArrayInputStream(b.toByteArray()));
        List<CloudTrailEvent> out = new ArrayList<>();
        reader.read(InputFile.stdin(), out::add);
        assertThat(ids(out)).containsExactly("e1");
        assertThat(problems.malformed).singleElement().asString().startsWith("<stdin> | ").contains("after record 1")
                .contains("invalid UTF-8").contains("rest of standard input was not read");
    }

    @Test
    void invalidIpStringIsKeptAsWrittenAndDoesNotStopDecoding() {
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(
                rec("e1", "2024-03-01T10:00:00Z", "A").ip("035.249.253.232"),
                rec("e2", "2024-03-01T10:00:01Z", "B").ip("not an address"),
                rec("e3", "2024-03-01T10:00:02Z", "C").raw("sourceIPAddress", "12345")));
        List<CloudTrailEvent> events = read(f);
        assertThat(events).extracting(CloudTrailEvent::sourceIp).containsExactly("035.249.253.232", "not an address", "12345");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write(TrailFiles.records(three()).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("bom.json"), b.toByteArray());
        assertThat(ids(read(f))).containsExactly("e1", "e2", "e3");
        assertThat(problems.none()).isTrue();
    }

    @Test
    void standardInputIsReadLikeAFile() {
        byte[] bytes = TrailFiles.gzip(TrailFiles.ndjson(three()).getBytes(StandardCharsets.UTF_8));
        CloudTrailFileReader reader = new CloudTrailFileReader(problems, new ByteArrayInputStream(bytes));
        List<CloudTrailEvent> out = new ArrayList<>();
        assertThat(reader.read(InputFile.stdin(), out::add)).isEqualTo(3);
        assertThat(ids(out)).containsExactly("e1", "e2", "e3");
    }

    @Test
    void recordsAreDeliveredAsTheyAreDecodedNotAfterTheWholeFile() {
        // standard input that breaks after the first two records: they must already have been delivered
        byte[] head = (three()[0].json() + "\n" + three()[1].json() + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream breaking = new InputStream() {
            int i;

            @Override
            public int read() throws IOException {
                if (i < head.length) {
                    return head[i++] & 0xff;
                }
                throw new IOException("connection reset");
            }
        };
        CloudTrailFileReader reader = new CloudTrailFileReader(problems, breaking);
        List<CloudTrailEvent> out = new ArrayList<>();
        reader.read(InputFile.stdin(), out::add);
        assertThat(ids(out)).containsExactly("e1", "e2");
        assertThat(problems.malformed).singleElement().asString().startsWith("<stdin> | ").contains("connection reset");
    }

    @Test
    void envelopesOfSiemExportsAndEventBridgeAreUnwrapped() {
        String ev = three()[0].json();
        Path f = TrailFiles.write(dir.resolve("wrapped.ndjson"),
                "{\"source_file\":\"x\",\"event\":" + ev + "}\n{\"version\":\"0\",\"detail\":" + three()[1].json()
                        + "}\n{\"_raw\":" + com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                        .quoteAsString(three()[2].json()).length + "}\n");
        // the third line holds a number, not a record: skipped. Now a proper _raw line:
        Path g = TrailFiles.write(dir.resolve("raw.ndjson"), "{\"_raw\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(three()[2].json()))
                + "\",\"host\":\"splunk\"}\n");
        assertThat(ids(read(f))).containsExactly("e1", "e2");
        assertThat(ids(read(g))).containsExactly("e3");
    }

    @Test
    void firstEventTimeIsTheTimeOfTheFirstRecordWithATime() {
        Path f = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(
                rec("e0", "x", "A").remove("eventTime"), rec("e1", "2024-03-01T11:00:00Z", "B"),
                rec("e2", "2024-03-01T09:00:00Z", "C")));
        Path empty = TrailFiles.write(dir.resolve("empty.json"), "");
        CloudTrailFileReader reader = new CloudTrailFileReader(problems, InputStream.nullInputStream());
        assertThat(reader.firstEventTime(file(f))).isEqualTo(Times.parseUserTime("2024-03-01T11:00:00Z"));
        assertThat(reader.firstEventTime(file(empty))).isEqualTo(Long.MAX_VALUE);
        assertThat(problems.none()).as("peeking reports nothing: the real read will").isTrue();
    }

    @Test
    void aMissingFileIsReportedNotThrown() throws IOException {
        Path f = dir.resolve("gone.json");
        Files.deleteIfExists(f);
        assertThat(read(f)).isEmpty();
        assertThat(problems.malformed).singleElement().asString().startsWith(f.toString());
    }
}
