package io.trailwarden.source;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;

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
            d.decode(files, new ParallelDecoder.Sink() {
                @Override
                public void event(CloudTrailEvent e) {
                    out.add(e.eventId());
                }

                @Override
                public void fileDone(InputFile file, long records) {
                    out.add("done " + file.path().getFileName() + " " + records);
                }
            });
        }
        return out;
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
}
