package io.trailwarden.source;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.testing.TrailFiles;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelDecoderTest {
    @TempDir
    Path dir;

    private List<InputFile> files() {
        List<InputFile> files = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            List<TrailFiles.Rec> recs = new ArrayList<>();
            // file sizes vary a lot so that threads finish out of order; one file is broken, one empty
            int n = f == 3 ? 5000 : f * 37 % 11;
            for (int i = 0; i < n; i++) {
                recs.add(rec("f" + f + "-" + i, "2024-03-01T10:00:00Z", "ListUsers"));
            }
            Path p = f == 7 ? TrailFiles.write(dir.resolve("f07.json"), TrailFiles.records(recs).substring(0, 400))
                    : TrailFiles.writeGzip(dir.resolve(String.format("f%02d.json.gz", f)), TrailFiles.records(recs));
            files.add(new InputFile(p, p.toString(), f, 0));
        }
        return files;
    }

    private List<String> decode(List<InputFile> files, int threads, CloudTrailFileReaderTest.Problems problems)
            throws InterruptedException {
        List<String> out = new ArrayList<>();
        try (ParallelDecoder d = new ParallelDecoder(threads, problems, InputStream.nullInputStream())) {
            d.decode(files, recordingTo(out));
        }
        return out;
    }

    /** A sink noting each event's id and each file's end with its record count. */
    private static ParallelDecoder.Sink recordingTo(List<String> out) {
        return new ParallelDecoder.Sink() {
            @Override
            public void event(CloudTrailEvent e) {
                out.add(e.eventId());
            }

            @Override
            public void fileDone(InputFile file, long records) {
                out.add("done " + file.path().getFileName() + " " + records);
            }
        };
    }

    @Test
    void eventsReachTheConsumerInFileOrderWhateverTheThreadCount() throws InterruptedException {
        List<InputFile> files = files();
        CloudTrailFileReaderTest.Problems p1 = new CloudTrailFileReaderTest.Problems();
        List<String> one = decode(files, 1, p1);
        List<String> four = decode(files, 4, new CloudTrailFileReaderTest.Problems());
        assertThat(four).isEqualTo(one);
        assertThat(one).contains("done f03.json.gz 5000", "done f11.json.gz " + (11 * 37 % 11));
        assertThat(one.indexOf("f3-4999")).isLessThan(one.indexOf("done f03.json.gz 5000"));
        assertThat(one.indexOf("done f03.json.gz 5000")).isLessThan(one.indexOf("done f04.json.gz " + (4 * 37 % 11)));
        assertThat(p1.malformed).singleElement().asString().contains("f07.json");
    }

    @Test
    void largeCloudTrailFilesParsedInChunksGiveTheEventsOfTheOneThreadReaderInOrder() throws InterruptedException {
        List<InputFile> files = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<String> recs = new ArrayList<>();
            for (int i = 0; i < 14_000; i++) {
                recs.add(rec("big" + f + "-" + i, "2024-03-01T10:00:00Z", i % 2 == 0 ? "ListUsers" : "GetObject")
                        .raw("resources", "[{\"ARN\":\"arn:aws:s3:::b" + i + "\"},{\"accountId\":\"111122223333\"}]").json());
            }
            // CloudTrail's compact layout, several ChunkedReader.CHUNK long: cut into chunks
            Path p = TrailFiles.write(dir.resolve("big" + f + ".json"), "{\"Records\":[" + String.join(",", recs) + "]}");
            assertThat(p.toFile().length()).isGreaterThan(ChunkedReader.CHUNK + (long) ChunkedReader.CHUNK / 2);
            files.add(new InputFile(p, p.toString(), f, p.toFile().length()));
        }
        CloudTrailFileReaderTest.Problems problems = new CloudTrailFileReaderTest.Problems();
        List<String> expected = new ArrayList<>();
        CloudTrailFileReader oneThread = new CloudTrailFileReader(problems, InputStream.nullInputStream());
        for (InputFile f : files) {
            long n = oneThread.read(f, e -> expected.add(e.eventId()));
            expected.add("done " + f.path().getFileName() + " " + n);
        }
        assertThat(expected).hasSize(28_002);
        assertThat(decode(files, 2, problems)).isEqualTo(expected);
        assertThat(decode(files, 1, problems)).isEqualTo(expected);
        assertThat(problems.none()).isTrue();
    }

    /** Four days of two accounts' deliveries, file sizes varied so that threads finish out of order. */
    private void archive() {
        for (int day = 1; day <= 4; day++) {
            for (int f = 0; f < 40; f++) {
                for (String account : List.of("111122223333", "444455556666")) {
                    String time = String.format("2024-03-%02dT%02d:%02d:00Z", day, f / 12, (f % 12) * 5);
                    List<TrailFiles.Rec> recs = new ArrayList<>();
                    int n = (day * 7 + f * 13) % 9 == 0 ? 900 : (day + f) % 5;
                    for (int i = 0; i < n; i++) {
                        recs.add(rec(account + "-" + day + "-" + f + "-" + i, time, "ListUsers"));
                    }
                    TrailFiles.writeGzip(TrailFiles.s3(dir, account, "us-east-1", time, "d" + day + "f" + f),
                            TrailFiles.records(recs));
                }
            }
        }
    }

    private List<String> decode(InputPlan plan, int threads) throws InterruptedException {
        List<String> out = new ArrayList<>();
        try (ParallelDecoder d = new ParallelDecoder(threads, new CloudTrailFileReaderTest.Problems(),
                InputStream.nullInputStream())) {
            d.decode(plan, recordingTo(out));
        }
        return out;
    }

    private InputPlan plan() {
        return InputPlan.of(List.of(dir.toString()), InputSelection.ALL,
                new CloudTrailFileReader(new CloudTrailFileReaderTest.Problems(), InputStream.nullInputStream()));
    }

    @Test
    void aPlanListedDayByDayOnItsOwnThreadGivesTheEventsOfItsWholeListInOrder() throws InterruptedException {
        archive();
        List<String> expected = decode(plan().files(), 1, new CloudTrailFileReaderTest.Problems());
        assertThat(expected.stream().filter(s -> s.startsWith("done ")).count()).isEqualTo(4 * 40 * 2);
        assertThat(decode(plan(), 1)).isEqualTo(expected);
        assertThat(decode(plan(), 2)).isEqualTo(expected);
        assertThat(decode(plan(), 4)).isEqualTo(expected);
    }

    @Test
    void aDayThatCannotBeListedFailsTheDecodingOnlyAfterTheDaysBeforeItReachedTheConsumer() throws Exception {
        archive();
        InputPlan plan = plan();
        // the third day's folders disappear between the walk and their listing
        for (String account : List.of("111122223333", "444455556666")) {
            Path day3 = dir.resolve("AWSLogs/" + account + "/CloudTrail/us-east-1/2024/03/03");
            try (var files = java.nio.file.Files.list(day3)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(day3);
        }
        List<String> out = new ArrayList<>();
        try (ParallelDecoder d = new ParallelDecoder(2, new CloudTrailFileReaderTest.Problems(),
                InputStream.nullInputStream())) {
            assertThatThrownBy(() -> d.decode(plan, recordingTo(out))).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("2024/03/03");
        }
        long filesDone = out.stream().filter(s -> s.startsWith("done ")).count();
        assertThat(filesDone).as("both accounts' first two days, none after").isEqualTo(2 * 2 * 40);
        assertThat(out.get(out.size() - 1)).startsWith("done ").contains("444455556666_CloudTrail_us-east-1_20240302T0315Z");
    }
}
