package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.sim.Simulator;
import io.trailwarden.testing.Datasets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level reader of the common case must give exactly the events Jackson's {@link RecordDecoder} gives, or
 * decline: every test compares the two paths field by field, and the declines are the cases left to Jackson.
 */
class ByteRecordReaderTest {
    @TempDir
    Path dir;

    private final JsonFactory factory = new JsonFactory();
    private final RecordDecoder decoder = new RecordDecoder(factory);
    private final ByteRecordReader reader = decoder.byteReader();

    private static final String ROLE_RECORD = """
            {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA1:bob",
             "arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob","accountId":"111122223333",
             "accessKeyId":"ASIAXYZ","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA1",
             "arn":"arn:aws:iam::111122223333:role/ops/Admin","accountId":"111122223333","userName":"Admin"},
             "webIdFederationData":{},"attributes":{"creationDate":"2024-03-01T09:00:00Z","mfaAuthenticated":"TRUE"},
             "sourceIdentity":"bob@example.com"},"invokedBy":"cloudformation.amazonaws.com",
             "sessionCredentialFromConsole":"true"},
             "eventTime":"2024-03-01T10:00:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
             "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0 Python/3.11",
             "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/x","durationSeconds":900,
               "policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}\\u00e9\\n","tags":[],"f":-1.5e-3},
             "responseElements":{"credentials":{"accessKeyId":"ASIAMINTED","expiration":"x"},"ConsoleLogin":"Failure"},
             "errorCode":"AccessDenied","errorMessage":"not allowed","readOnly":false,"eventType":"AwsApiCall",
             "recipientAccountId":"111122223333","sharedEventID":"shared-1","vpcEndpointId":"vpce-1",
             "eventID":"0f1e2d3c-0000-4000-8000-000000000001","resources":[{"ARN":"arn:x","type":null}],
             "managementEvent":true,"tlsDetails":{"tlsVersion":"TLSv1.2"},"apiVersion":0}""";

    private static final String USER_RECORD = """
            {"eventTime":"2024-03-01T10:05:00Z","eventName":"ListUsers","eventID":"e2",
             "userIdentity":{"type":"IAMUser","arn":null,"newField":{"a":[1,[2,{"b":null}]]},"accessKeyId":null,
             "sessionContext":null,"userName":"alice"},
             "requestParameters":null,"responseElements":null,"awsRegion":null,"errorCode":null,"readOnly":null,
             "resources":null,"additionalEventData":{"x":{"y":null}},"eventName":"ListUsers2"}""";

    private static final String CONSOLE_RECORD = """
            {"eventTime":"2024-03-01T11:00:00Z","eventName":"ConsoleLogin","eventID":"e3",
             "userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},
             "requestParameters":[1,"two",{"3":[]}],"responseElements":{"ConsoleLogin":"Success","credentials":"x"},
             "readOnly":true, "userAgent" : "Mozilla/5.0 (X11; Linux x86_64)"  }""";

    @Test
    void aDeliveredCloudTrailFileDecodesExactlyAsJacksonDecodesIt() {
        String file = "{\"Records\":[" + ROLE_RECORD + ",\n" + USER_RECORD + " , " + CONSOLE_RECORD + "]}\n";
        List<CloudTrailEvent> fast = sameAsJackson(file);
        assertThat(fast).hasSize(3);
        CloudTrailEvent role = fast.get(0);
        assertThat(role.identity().issuerArn()).isEqualTo("arn:aws:iam::111122223333:role/ops/Admin");
        assertThat(role.identity().mfaAuthenticated()).isTrue();
        assertThat(role.identity().sessionCredentialFromConsole()).isTrue();
        assertThat(role.mintedAccessKeyId()).isEqualTo("ASIAMINTED");
        assertThat(role.requestParameters()).startsWith("{\"roleArn\"").endsWith("\"f\":-1.5e-3}");
        assertThat(fast.get(1).eventName()).as("a repeated field: the last one counts").isEqualTo("ListUsers2");
        assertThat(fast.get(2).requestParameters()).isEqualTo("[1,\"two\",{\"3\":[]}]");
    }

    @Test
    void concatenatedContainersABareArrayAndAnEmptyFileOfRecordsAreRead() {
        assertThat(sameAsJackson("{\"Records\":[" + ROLE_RECORD + "]}\n{\"Records\":[]}\n{ \"Records\" : ["
                + CONSOLE_RECORD + "] }")).hasSize(2);
        assertThat(sameAsJackson("[" + USER_RECORD + "," + CONSOLE_RECORD + "]")).hasSize(2);
        assertThat(sameAsJackson("{\"Records\":[]}")).isEmpty();
    }

    @Test
    void internedValuesAreTheInstancesJacksonsPathInterns() {
        String file = "{\"Records\":[" + ROLE_RECORD + "]}";
        CloudTrailEvent fast = fast(file).get(0);
        CloudTrailEvent slow = jackson(file).get(0);
        assertThat(fast.eventName()).isSameAs(slow.eventName());
        assertThat(fast.userAgent()).isSameAs(slow.userAgent());
        assertThat(fast.identity()).as("the identity cache is shared too").isSameAs(slow.identity());
    }

    /** Each is valid input the reader leaves to Jackson (or input Jackson rejects), with what makes it so. */
    @Test
    void whatIsNotTheCommonCaseIsDeclinedAndLeftToJackson() {
        String ok = "{\"eventTime\":\"2024-03-01T10:00:00Z\",\"eventName\":\"A\"}";
        assertThat(fast("{\"Records\":[" + ok + "]}")).as("the baseline is accepted").hasSize(1);
        List<String> declined = List.of(
                "\uFEFF{\"Records\":[" + ok + "]}", // byte-order mark
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"event\\u004eame\":\"A\"}]}", // escaped name
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:0\\u0030Z\"}]}", // escape in the time
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"readOnly\":\"tru\\u0065\"}]}",
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"eventName\":7}]}", // number as a name
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"requestParameters\":\"s\"}]}", // scalar
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"readOnly\":1}]}",
                "{\"Records\":[{\"eventName\":\"A\"}]}", // no eventTime: Jackson reports it skipped
                "{\"Records\":[{\"eventTime\":\"yesterday\"}]}",
                "{\"Records\":[{\"eventTime\":null}]}",
                "{\"Records\":[{}]}",
                "{\"Records\":[{\"detail\":" + ok + "}]}", // EventBridge envelope
                "{\"Records\":[{\"@timestamp\":\"2024-03-01T10:00:00Z\"}]}",
                "{\"Records\":[" + ok + ",null]}", // not an object: reported as skipped
                "{\"Records\":[" + ok + ",]}", // trailing comma
                "{\"Records\":[" + ok + "]", // truncated
                "{\"Records\":[" + ok + "]}x", // trailing garbage
                "{\"Records\":[" + ok + "],\"next\":1}", // a field after Records
                "{\"eventTime\":\"2024-03-01T10:00:00Z\"}\n{\"eventTime\":\"2024-03-01T10:01:00Z\"}", // NDJSON
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":01}]}", // leading zero
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":1.}]}",
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":tru}]}",
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":\"a\\qb\"}]}", // bad escape
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":\"a\\u12G4\"}]}",
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":\"a\tb\"}]}", // raw control character
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\" \"x\":1}]}", // missing comma
                "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"x\":" + "[".repeat(100)
                        + "]".repeat(100) + "}]}", // deeper than the reader goes
                "");
        for (String json : declined) {
            assertDeclined(json.getBytes(StandardCharsets.UTF_8), json);
        }
    }

    /** Bytes that are not UTF-8 (RFC 3629), some of which Jackson reads and some not: all left to Jackson. */
    @Test
    void invalidUtf8IsDeclinedWhereverItIs() {
        int[][] sequences = {{0xC3}, {0x80}, {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80},
            {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xE2, 0x82}, {0xFF}};
        for (int[] seq : sequences) {
            for (String field : List.of("eventName", "unknownField", "requestParameters")) {
                String before = "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"" + field + "\":"
                        + (field.equals("requestParameters") ? "{\"k\":\"a" : "\"a");
                String after = field.equals("requestParameters") ? "b\"}}]}" : "b\"}]}";
                byte[] head = before.getBytes(StandardCharsets.US_ASCII);
                byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
                byte[] json = new byte[head.length + seq.length + tail.length];
                System.arraycopy(head, 0, json, 0, head.length);
                for (int k = 0; k < seq.length; k++) {
                    json[head.length + k] = (byte) seq[k];
                }
                System.arraycopy(tail, 0, json, head.length + seq.length, tail.length);
                assertDeclined(json, field + " " + Arrays.toString(seq));
            }
        }
    }

    @Test
    void escapesAndCharactersBeyondAsciiDecodeExactlyAsJacksonDecodesThem() {
        String file = "{\"Records\":[{\"eventTime\":\"2024-03-01T10:00:00Z\",\"eventName\":\"Caf\u00e9\","
                + "\"userAgent\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\ud800 \u4e2d\uD83D\uDE00\","
                + "\"errorMessage\":\"User: arn:aws:iam::1:user/x is not authorized on resource: \\\"arn:aws:s3:::b\\\"\","
                + "\"eventID\":\"\u00e9\\u0041\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"J\u00fcrgen\","
                + "\"\u00fcnknown\":1},"
                + "\"requestParameters\":{\"key\":\"r\u00e9sum\u00e9/\uD83D\uDCC4.pdf\",\"q\":\"\\\"\"}}]}";
        CloudTrailEvent e = sameAsJackson(file).get(0);
        assertThat(e.eventName()).isEqualTo("Caf\u00e9");
        assertThat(e.userAgent()).isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\uD83D\uDE00\ud800 \u4e2d\uD83D\uDE00");
        assertThat(e.errorMessage()).endsWith("resource: \"arn:aws:s3:::b\"");
        assertThat(e.identity().userName()).isEqualTo("J\u00fcrgen");
        assertThat(e.requestParameters()).contains("r\u00e9sum\u00e9/\uD83D\uDCC4.pdf");
    }

    private void assertDeclined(byte[] json, String what) {
        List<CloudTrailEvent> out = new ArrayList<>(List.of(CloudTrailEvent.builder().build()));
        assertThat(reader.read(json, 0, json.length, out)).as(what).isFalse();
        assertThat(out).as("what was in the list before stays, nothing is added: " + what).hasSize(1);
    }

    /** The reader compares each value with the previous record's bytes first: every near miss must still miss. */
    @Test
    void valuesRepeatedFromTheRecordBeforeDecodeAsJacksonDecodesThem() {
        String[] agents = {"\"aws-cli/2\"", "\"aws-cli/2\"", "\"aws-cli/22\"", "\"aws-cli/2\"", "\"aws-cli/3\"",
            "null", "\"aws-cli/3\"", "\"a\\\"b\"", "\"a\\\"b\"", "\"a\\\\\"", "\"a\\\\\"", "\"\"", "\"\""};
        String[] identities = {"{\"type\":\"IAMUser\",\"userName\":\"a\"}", "{\"type\":\"IAMUser\",\"userName\":\"a\"}",
            "{\"type\":\"IAMUser\",\"userName\":\"b\"}", "{\"type\":\"IAMUser\",\"userName\":\"a\"}", "null",
            "{\"type\":\"IAMUser\",\"userName\":\"a\"}", "{\"type\":\"IAMUser\",\"userName\":\"a\",\"x\":1}", "{}", "{}",
            "{\"type\":\"IAMUser\",\"userName\":\"a\"}", "{\"type\":\"IAMUser\",\"userName\":\"a\"}",
            "{\"type\":\"Root\"}", "{\"type\":\"Root\"}"};
        StringBuilder file = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < agents.length; i++) {
            file.append(i == 0 ? "" : ",").append("{\"eventTime\":\"2024-03-01T10:00:0").append(i % 10)
                    .append("Z\",\"userAgent\":").append(agents[i]).append(",\"userIdentity\":").append(identities[i])
                    .append(",\"awsRegion\":\"us-east-").append(i % 2 + 1).append("\"}");
        }
        List<CloudTrailEvent> events = sameAsJackson(file.append("]}").toString());
        assertThat(events.get(2).userAgent()).isEqualTo("aws-cli/22");
        assertThat(events.get(3).userAgent()).isEqualTo("aws-cli/2");
        assertThat(events.get(2).identity().userName()).isEqualTo("b");
        assertThat(events.get(6).identity().userName()).isEqualTo("a");
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] inside = ("{\"Records\":[" + USER_RECORD + "]}").getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[inside.length + 20];
        Arrays.fill(padded, (byte) '#');
        System.arraycopy(inside, 0, padded, 10, inside.length);
        List<CloudTrailEvent> out = new ArrayList<>();
        assertThat(reader.read(padded, 10, 10 + inside.length, out)).isTrue();
        assertThat(out).hasSize(1);
        assertThat(reader.read(padded, 10, 10 + inside.length - 1, out)).as("cut before the last '}'").isFalse();
        assertThat(out).hasSize(1);
    }

    @Test
    void randomRecordsDecodeExactlyAsJacksonDecodesThemOrAreDeclined() {
        Random r = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder file = new StringBuilder("{\"Records\":[");
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                file.append(k == 0 ? "" : ",").append(randomRecord(r));
            }
            file.append("]}");
            String json = file.toString();
            List<CloudTrailEvent> fast = fast(json);
            if (fast != null) {
                accepted++;
                assertThat(describe(fast)).as(json).isEqualTo(describe(jackson(json)));
            }
        }
        assertThat(accepted).as("most random records are plain, so the comparison is not vacuous").isGreaterThan(1000);
    }

    /**
     * Damaged files: whatever the byte reader accepts, Jackson must read without an error and to the same events;
     * so a damage the byte reader let through could never change a result or hide a report.
     */
    @Test
    void damagedFilesAreDeclinedOrReadExactlyAsJacksonReadsThem() {
        byte[] good = ("{\"Records\":[" + ROLE_RECORD + "," + USER_RECORD + "," + CONSOLE_RECORD + "]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\":,\\ntfu0e-.9 \t\n".getBytes(StandardCharsets.US_ASCII);
        Random r = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] bad = damage(good, r, alphabet);
            List<CloudTrailEvent> out = new ArrayList<>();
            if (reader.read(bad, 0, bad.length, out)) {
                accepted++;
                assertThat(describe(out)).as(new String(bad, StandardCharsets.UTF_8))
                        .isEqualTo(describe(jackson(bad)));
            }
        }
        assertThat(accepted).as("some damage is harmless (inside a skipped string), so both paths are exercised")
                .isGreaterThan(100);
    }

    /** One to three bytes deleted, inserted or replaced, from JSON's own characters or at random. */
    private static byte[] damage(byte[] good, Random r, byte[] alphabet) {
        byte[] b = good;
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int at = r.nextInt(b.length);
            byte x = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                case 1 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = x;
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    b = b.clone();
                    b[at] = x;
                }
            }
        }
        return b;
    }

    @Test
    void simulatedDeliveredFilesAreAllReadByTheFastPathAndMatchJackson() throws IOException {
        Simulator.Options d = Simulator.Options.defaults(dir);
        new Simulator(new Simulator.Options(dir, 2, 3L, 0.05, null, true, d.end(), 2, d.gzipLevel())).run();
        int files = 0;
        int records = 0;
        for (Path f : gzFiles(dir)) {
            String json = gunzip(f);
            List<CloudTrailEvent> fast = fast(json);
            assertThat(fast).as("declined: " + f).isNotNull();
            assertThat(describe(fast)).as(f.toString()).isEqualTo(describe(jackson(json)));
            files++;
            records += fast.size();
        }
        assertThat(files).isGreaterThan(50);
        assertThat(records).isGreaterThan(1000);
    }

    @Test
    void publicSamplesTheFastPathAcceptsMatchJackson() throws IOException {
        Path root = Datasets.dir(".").normalize(); // shared/datasets, or the test is skipped
        int accepted = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.json(\\.gz)?$"))
                    .sorted().toList()) {
                String json = f.toString().endsWith(".gz") ? gunzip(f) : Files.readString(f, StandardCharsets.UTF_8);
                List<CloudTrailEvent> fast;
                try {
                    fast = fast(json);
                } catch (RuntimeException e) {
                    throw new AssertionError(f.toString(), e);
                }
                if (fast != null) {
                    accepted++;
                    assertThat(describe(fast)).as(f.toString()).isEqualTo(describe(jackson(json)));
                }
            }
        }
        // Declined, as they should be: the files with a record lacking a usable eventTime (Jackson's path reports
        // it), the deliberately broken one, and Cribl's envelopes. Every delivered-file sample is accepted.
        assertThat(accepted).as("delivered-file samples are plain").isGreaterThanOrEqualTo(10);
    }

    // ---- the two paths ----

    /** The fast path's events, or null when it declines. */
    private List<CloudTrailEvent> fast(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        List<CloudTrailEvent> out = new ArrayList<>();
        return reader.read(bytes, 0, bytes.length, out) ? out : null;
    }

    /** The fast path's events, which must exist and equal Jackson's. */
    private List<CloudTrailEvent> sameAsJackson(String json) {
        List<CloudTrailEvent> fast = fast(json);
        assertThat(fast).as("accepted: " + json).isNotNull();
        assertThat(describe(fast)).isEqualTo(describe(jackson(json)));
        return fast;
    }

    /** Jackson's events for a records container or a bare array, as CloudTrailFileReader reads bytes. */
    private List<CloudTrailEvent> jackson(String json) {
        return jackson(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<CloudTrailEvent> jackson(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        List<CloudTrailEvent> out = new ArrayList<>();
        try (JsonParser p = factory.createParser(bytes)) {
            decoder.readingFrom(p, bytes, 0);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent().inArray()) {
                    out.add(decoder.decode(p));
                }
            }
        } catch (IOException | RecordDecoder.BadRecord e) {
            throw new AssertionError(json, e);
        } finally {
            decoder.readingFrom(null, null, 0);
        }
        return out;
    }

    /** Every field an event has, for comparing two lists in one assertion with a readable difference. */
    private static List<String> describe(List<CloudTrailEvent> events) {
        List<String> out = new ArrayList<>();
        for (CloudTrailEvent e : events) {
            out.add(Arrays.asList(e.time(), e.eventId(), e.eventSource(), e.eventName(), e.region(), e.sourceIp(),
                    e.userAgent(), e.errorCode(), e.errorMessage(), e.readOnly(), e.eventType(),
                    e.recipientAccountId(), e.sharedEventId(), e.vpcEndpointId(), e.consoleLogin(),
                    e.mintedAccessKeyId(), e.requestParameters(), e.identity()).toString());
        }
        return out;
    }

    // ---- inputs ----

    private static final String[] STRINGS = {"\"x\"", "\"\"", "null", "\"arn:aws:iam::111122223333:user/a b\"",
        "\"Mozilla/5.0 (compatible)\"", "\"true\"", "\"False\"", "\"J\u00fcrgen \u4e2d \uD83D\uDE00\"",
        "\"say \\\"hi\\\" \\u00e9\\n\""};
    private static final String[] ANY = {"1", "-0.25E+7", "true", "false", "null", "\"s\\\"q\\\\\\/\\b\\f\\n\\r\\t\\u0041\"",
        "{}", "[]", "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}", "[null,[true,{}],\"x\"]", "\"caf\\u00e9\"",
        "\"r\u00e9sum\u00e9 \uD83D\uDCC4\"", "{\"\u00fc\":\"\u00fc\"}"};

    private static String randomRecord(Random r) {
        List<String> fields = new ArrayList<>();
        fields.add("\"eventTime\":\"2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T0" + r.nextInt(10)
                + ":1" + r.nextInt(10) + ":0" + r.nextInt(10) + "Z\"");
        String[] kept = {"eventID", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
            "errorCode", "errorMessage", "eventType", "recipientAccountId", "sharedEventID", "vpcEndpointId"};
        for (String k : kept) {
            if (r.nextInt(3) > 0) {
                fields.add("\"" + k + "\":" + pick(r, STRINGS));
            }
        }
        if (r.nextBoolean()) {
            fields.add("\"readOnly\":" + pick(r, new String[] {"true", "false", "null", "\"TRUE\"", "\"no\""}));
        }
        if (r.nextBoolean()) {
            fields.add("\"requestParameters\":" + pick(r, new String[] {"null", "{}", "[]", "{\"k\":" + pick(r, ANY) + "}",
                "[" + pick(r, ANY) + "," + pick(r, ANY) + "]"}));
        }
        if (r.nextBoolean()) {
            fields.add("\"responseElements\":" + pick(r, new String[] {"null", "\"x\"", "{\"ConsoleLogin\":"
                    + pick(r, STRINGS) + "}", "{\"credentials\":{\"accessKeyId\":" + pick(r, STRINGS)
                    + ",\"x\":" + pick(r, ANY) + "}}", "{\"credentials\":" + pick(r, ANY) + "}"}));
        }
        if (r.nextInt(4) > 0) {
            StringBuilder id = new StringBuilder("{");
            String[] idFields = {"type", "arn", "principalId", "accountId", "accessKeyId", "userName", "invokedBy",
                "sourceIdentity"};
            for (String k : idFields) {
                if (r.nextBoolean()) {
                    id.append(id.length() > 1 ? "," : "").append('"').append(k).append("\":").append(pick(r, STRINGS));
                }
            }
            if (r.nextBoolean()) {
                id.append(id.length() > 1 ? "," : "").append("\"sessionCredentialFromConsole\":")
                        .append(pick(r, new String[] {"\"true\"", "null", "false"}));
            }
            if (r.nextBoolean()) {
                id.append(id.length() > 1 ? "," : "").append("\"sessionContext\":")
                        .append(pick(r, new String[] {"null", "{}", "{\"sessionIssuer\":{\"type\":" + pick(r, STRINGS)
                            + ",\"arn\":" + pick(r, STRINGS) + ",\"userName\":" + pick(r, STRINGS) + ",\"z\":"
                            + pick(r, ANY) + "},\"attributes\":{\"mfaAuthenticated\":"
                            + pick(r, new String[] {"\"true\"", "\"false\"", "true", "null"}) + "},\"sourceIdentity\":"
                            + pick(r, STRINGS) + ",\"ec2RoleDelivery\":" + pick(r, ANY) + "}",
                            "{\"sessionIssuer\":null,\"attributes\":null}"}));
            }
            fields.add("\"userIdentity\":" + (r.nextInt(10) == 0 ? "null" : id.append('}').toString()));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            fields.add("\"extra" + k + "\":" + pick(r, ANY));
        }
        java.util.Collections.shuffle(fields, r);
        String ws = r.nextInt(5) == 0 ? " \n\t" : "";
        return "{" + ws + String.join("," + ws, fields) + ws + "}";
    }

    private static String pick(Random r, String[] choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static List<Path> gzFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
    }

    private static String gunzip(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(f)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
