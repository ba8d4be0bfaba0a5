package io.trailwarden.source;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.testing.TrailFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large CloudTrail file parsed in chunks on a pool gives what the one-thread parser gives: the same records
 * in the same order, the same skipped records and the same end of a broken file. Chunks are small here so
 * that a file of a few MB is cut hundreds of times.
 */
class ChunkedReaderTest {
    private static final int SMALL_CHUNK = 16 << 10;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ThreadLocal<CloudTrailFileReader> poolReaders = new ThreadLocal<>();
    private final CloudTrailFileReaderTest.Problems chunkedProblems = new CloudTrailFileReaderTest.Problems();
    private final CloudTrailFileReaderTest.Problems oneThreadProblems = new CloudTrailFileReaderTest.Problems();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private CloudTrailFileReader chunked(int chunkSize) {
        CloudTrailFileReader r = new CloudTrailFileReader(chunkedProblems, InputStream.nullInputStream());
        r.parseLargeFilesOn(pool, () -> {
            CloudTrailFileReader own = poolReaders.get();
            if (own == null) {
                own = new CloudTrailFileReader(chunkedProblems, InputStream.nullInputStream());
                poolReaders.set(own);
            }
            return own;
        }, 3, chunkSize);
        return r;
    }

    private static List<CloudTrailEvent> read(CloudTrailFileReader reader, Path f) {
        List<CloudTrailEvent> out = new ArrayList<>();
        long n = reader.read(new InputFile(f, f.toString(), Long.MAX_VALUE, 0), out::add);
        assertThat(n).as("records delivered").isEqualTo(out.size());
        return out;
    }

    private List<CloudTrailEvent> oneThread(Path f) {
        return read(new CloudTrailFileReader(oneThreadProblems, InputStream.nullInputStream()), f);
    }

    /** What a test compares of two events: everything the decoder fills that differs between records. */
    private static List<String> summary(List<CloudTrailEvent> events) {
        return events.stream().map(e -> e.eventId() + "|" + e.time() + "|" + e.eventName() + "|" + e.sourceIp() + "|"
                + e.userAgent() + "|" + e.requestParameters() + "|" + e.errorCode() + "|" + e.principal().key()).toList();
    }

    /** CloudTrail's own layout: {"Records":[...]} on one line, records separated by a bare comma. */
    private static String trail(List<TrailFiles.Rec> recs) {
        List<String> parts = new ArrayList<>();
        for (TrailFiles.Rec r : recs) {
            parts.add(r.json());
        }
        return "{\"Records\":[" + String.join(",", parts) + "]}";
    }

    /** Records with nested arrays of objects ("resources"), so that "},{" occurs inside records too. */
    private static List<TrailFiles.Rec> records(String prefix, int n, long seed) {
        return records(prefix, n, seed, 0);
    }

    /** With {@code padLongs} random longs in hex per record, so that gzip cannot shrink the file below "large". */
    private static List<TrailFiles.Rec> records(String prefix, int n, long seed, int padLongs) {
        Random rnd = new Random(seed);
        List<TrailFiles.Rec> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TrailFiles.Rec r = rec(String.format("%s%05d", prefix, i), String.format("2024-03-01T10:%02d:%02dZ", i / 60 % 60, i % 60),
                    i % 3 == 0 ? "GetObject" : "ListUsers")
                    .ip("198.51.100." + rnd.nextInt(250))
                    .raw("requestParameters", "{\"bucketName\":\"b" + rnd.nextInt(1000) + "\",\"key\":\"k},{x" + i + "\"}")
                    .raw("resources", "[{\"ARN\":\"arn:aws:s3:::b" + i + "\",\"type\":\"AWS::S3::Bucket\"},"
                            + "{\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Object\"}]");
            if (i % 7 == 0) {
                r.raw("errorCode", "\"AccessDenied\"");
            }
            if (padLongs > 0) {
                StringBuilder hex = new StringBuilder();
                for (int k = 0; k < padLongs; k++) {
                    hex.append(Long.toHexString(rnd.nextLong()));
                }
                r.raw("pad", "\"" + hex + "\"");
            }
            l.add(r);
        }
        return l;
    }

    private Path large(String name, String text) {
        Path f = TrailFiles.write(dir.resolve(name), text);
        assertThat(f.toFile().length()).as("read as a large file").isGreaterThan(SmallFiles.MAX_FILE);
        return f;
    }

    @Test
    void aLargeFileCutIntoHundredsOfChunksGivesTheRecordsOfOneThreadInTheSameOrder() {
        Path f = large("big.json", trail(records("e", 6000, 1)));
        List<CloudTrailEvent> expected = oneThread(f);
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(((ThreadPoolExecutor) pool).getTaskCount()).as("chunks parsed on the pool").isGreaterThan(100);
        assertThat(got).hasSize(6000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(expected));
        assertThat(got.get(0).requestParameters()).endsWith(",\"key\":\"k},{x0\"}");
        assertThat(chunkedProblems.none()).isTrue();
    }

    @Test
    void concatenatedCloudTrailFilesAreCutAcrossTheirBoundariesAndAllRead() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            b.append(trail(records("f" + k + "-", 150, k)));
        }
        Path f = large("concatenated.json", b.toString());
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(got).hasSize(6000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        assertThat(chunkedProblems.none()).isTrue();
    }

    @Test
    void aGzipFileIsCutAfterInflatingWithTheSameRecords() {
        String text = trail(records("g", 5000, 2, 20));
        Path f = TrailFiles.write(dir.resolve("big.json.gz"), TrailFiles.gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(f.toFile().length()).isGreaterThan(SmallFiles.MAX_FILE);
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(got).hasSize(5000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
    }

    @Test
    void aCutInsideARecordIsCaughtAndTheRestIsReadByOneThreadWithNothingLost() {
        // An attacker's request parameters holding "},{"eventVersion":" many times over more than a chunk: the
        // cut lands inside this record, the chunk does not parse, and the one-thread parser takes over.
        StringBuilder fake = new StringBuilder("{\"items\":[{\"a\":0}");
        while (fake.length() < 3 * SMALL_CHUNK) {
            fake.append(",{\"eventVersion\":\"x\",\"n\":").append(fake.length()).append('}');
        }
        fake.append("]}");
        List<TrailFiles.Rec> recs = records("e", 6000, 3);
        recs.get(2000).raw("requestParameters", fake.toString());
        Path f = large("fake-cut.json", trail(recs));
        assertThat(ChunkedReader.lastRecordEnd(fake.toString().getBytes(StandardCharsets.US_ASCII), 0, fake.length()))
                .as("the parameters do look like a record boundary").isPositive();
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(got).hasSize(6000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        assertThat(got.get(2000).requestParameters()).isEqualTo(fake.toString());
        assertThat(chunkedProblems.none()).isTrue();
    }

    @Test
    void aSkippedRecordInALaterChunkIsReportedWithItsIndexInTheFileAndItsByteOffset() {
        List<TrailFiles.Rec> recs = records("e", 6000, 4);
        recs.get(4321).remove("eventTime");
        String text = trail(recs);
        Path f = large("no-time.json", text);
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        assertThat(got).hasSize(5999);
        // the one-thread parser says line 1, column C (one-based); the chunked one the byte offset C - 1
        String column = oneThreadProblems.skipped.get(0).replaceAll(".*column (\\d+)\\).*", "$1");
        assertThat(chunkedProblems.skipped).singleElement().asString()
                .startsWith(f + " | record 4322 (byte " + (Long.parseLong(column) - 1) + ") | ")
                .contains("eventTime");
        assertThat(oneThreadProblems.skipped).singleElement().asString().startsWith(f + " | record 4322 (line 1, column ");
        assertThat(text.substring(0, (int) Long.parseLong(column) - 1)).endsWith(recs.get(4321).json());
    }

    @Test
    void malformedJsonInALaterChunkKeepsTheRecordsBeforeItAndNamesItsByte() {
        String text = trail(records("e", 6000, 5));
        int at = text.indexOf("\"eventID\":\"e04000\"");
        String bad = text.substring(0, at) + "\"eventID\" \"e04000\"" + text.substring(at + 18);
        Path f = large("broken.json", bad);
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        assertThat(got).hasSize(4000);
        assertThat(chunkedProblems.malformed).singleElement().asString()
                .startsWith(f + " | byte " + (at + 10) + " (after record 4000) | malformed JSON");
        assertThat(oneThreadProblems.malformed).singleElement().asString().contains("(after record 4000) | malformed JSON");
    }

    @Test
    void aTruncatedLargeGzipGivesTheRecordsBeforeTheCutAndTheTruncationReportOfOneThread() {
        byte[] gz = TrailFiles.gzip(trail(records("t", 8000, 6, 20)).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("cut.json.gz"), Arrays.copyOf(gz, gz.length * 2 / 3));
        assertThat(f.toFile().length()).isGreaterThan(SmallFiles.MAX_FILE);
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        List<CloudTrailEvent> expected = oneThread(f);
        assertThat(got).hasSizeGreaterThan(4000).hasSizeLessThan(8000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(expected));
        assertThat(chunkedProblems.malformed).containsExactlyElementsOf(oneThreadProblems.malformed);
        assertThat(chunkedProblems.malformed).singleElement().asString()
                .contains("after record " + got.size()).contains("truncated or corrupt");
    }

    @Test
    void invalidUtf8InALargeFileCostsOneFieldAsWithOneThread() throws IOException {
        List<TrailFiles.Rec> recs = records("u", 6000, 7);
        recs.get(3000).agent("Mozilla/5.0 (caf\u00e9)");
        String text = trail(recs);
        int at = text.indexOf('\u00e9');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.write(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        Path f = TrailFiles.write(dir.resolve("latin1.json"), b.toByteArray());
        List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
        assertThat(got).hasSize(6000);
        assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        assertThat(got.get(3000).userAgent()).contains("\ufffd");
        assertThat(chunkedProblems.skipped).containsExactlyElementsOf(oneThreadProblems.skipped);
        assertThat(chunkedProblems.skipped).singleElement().asString().contains("record 3001").contains("invalid UTF-8");
    }

    @Test
    void filesNotInCloudTrailsCompactLayoutAreReadByOneThreadAsBefore() {
        List<TrailFiles.Rec> recs = records("p", 6000, 8);
        Path newlines = large("newlines.json", TrailFiles.records(recs)); // ",\n" between records: never cut
        Path array = large("array.json", TrailFiles.array(recs));
        for (Path f : List.of(newlines, array)) {
            List<CloudTrailEvent> got = read(chunked(SMALL_CHUNK), f);
            assertThat(got).hasSize(6000);
            assertThat(summary(got)).containsExactlyElementsOf(summary(oneThread(f)));
        }
        assertThat(chunkedProblems.none()).isTrue();
    }

    @Test
    void lastRecordEndFindsTheLastBoundaryBetweenRecordsOnly() {
        byte[] b = "{\"Records\":[{\"eventVersion\":\"1\"},{\"eventVersion\":\"2\"},{\"x\":1}]}"
                .getBytes(StandardCharsets.US_ASCII);
        int end = ChunkedReader.lastRecordEnd(b, ChunkedReader.PREFIX.length, b.length);
        assertThat(new String(b, 0, end + 1, StandardCharsets.US_ASCII))
                .isEqualTo("{\"Records\":[{\"eventVersion\":\"1\"}");
        assertThat(ChunkedReader.lastRecordEnd(b, ChunkedReader.PREFIX.length, end + 18))
                .as("the whole marker must be inside the range").isEqualTo(end);
        assertThat(ChunkedReader.lastRecordEnd(b, ChunkedReader.PREFIX.length, end + 17)).isEqualTo(-1);
    }
}
