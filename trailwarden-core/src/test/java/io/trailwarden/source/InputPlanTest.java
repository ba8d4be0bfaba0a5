package io.trailwarden.source;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwarden.testing.TrailFiles;
import io.trailwarden.util.Times;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPlanTest {
    @TempDir
    Path dir;

    private final CloudTrailFileReaderTest.Problems problems = new CloudTrailFileReaderTest.Problems();

    private InputPlan plan(InputSelection sel, String... paths) {
        return InputPlan.of(List.of(paths), sel, new CloudTrailFileReader(problems, InputStream.nullInputStream()));
    }

    private List<String> names(InputPlan p) {
        return p.files().stream().map(f -> f.isStdin() ? "-" : dir.relativize(f.path()).toString()).toList();
    }

    private Path s3(String account, String region, String delivery, String id) {
        return TrailFiles.writeGzip(TrailFiles.s3(dir, account, region, delivery, id),
                TrailFiles.records(rec(id, delivery, "ListUsers")));
    }

    @Test
    void foldersAreWalkedRecursivelyAndOnlyRecordFilesKept() {
        TrailFiles.write(dir.resolve("a/b/c/deep.json"), TrailFiles.records(rec("e1", "2024-03-01T10:00:00Z", "X")));
        TrailFiles.write(dir.resolve("a/top.ndjson"), TrailFiles.ndjson(rec("e2", "2024-03-01T09:00:00Z", "X")));
        TrailFiles.write(dir.resolve("a/README.md"), "not a trail");
        TrailFiles.write(dir.resolve("a/.hidden.json"), TrailFiles.records(rec("e3", "2024-03-01T08:00:00Z", "X")));
        TrailFiles.write(dir.resolve("a/.git/x.json"), TrailFiles.records(rec("e4", "2024-03-01T08:00:00Z", "X")));
        InputPlan p = plan(InputSelection.ALL, dir.resolve("a").toString());
        assertThat(names(p)).containsExactly("a/top.ndjson", "a/b/c/deep.json");
        assertThat(p.digestOrInsightSkipped()).isZero();
    }

    @Test
    void filesAreOrderedByTheTimeInTheirCloudTrailNameThenPath() {
        Path late = s3("111122223333", "us-east-1", "2024-03-01T10:05:00Z", "bbb");
        Path early = s3("111122223333", "us-east-1", "2024-03-01T09:55:00Z", "zzz");
        Path sameTimeA = s3("111122223333", "eu-west-1", "2024-03-01T10:05:00Z", "aaa");
        InputPlan p = plan(InputSelection.ALL, dir.toString());
        assertThat(p.files()).extracting(InputFile::path).containsExactly(early, sameTimeA, late);
        assertThat(p.files().get(0).orderTime()).isEqualTo(Times.parseUserTime("2024-03-01T09:55:00Z"));
    }

    @Test
    void filesWithoutACloudTrailNameAreOrderedByTheirFirstEvent() {
        TrailFiles.write(dir.resolve("x-noon.json"), TrailFiles.records(rec("e1", "2024-03-01T12:00:00Z", "X")));
        TrailFiles.write(dir.resolve("y-morning.json"), TrailFiles.records(rec("e2", "2024-03-01T08:00:00Z", "X")));
        TrailFiles.write(dir.resolve("z-empty.json"), "");
        s3("111122223333", "us-east-1", "2024-03-01T10:00:00Z", "mid");
        InputPlan p = plan(InputSelection.ALL, dir.toString());
        assertThat(names(p)).containsExactly("y-morning.json",
                "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T1000Z_mid.json.gz",
                "x-noon.json", "z-empty.json");
        assertThat(problems.malformed).as("the plan only peeks; reading reports").isEmpty();
    }

    @Test
    void digestAndInsightFilesAreSkippedAndCounted() {
        s3("111122223333", "us-east-1", "2024-03-01T10:00:00Z", "a");
        TrailFiles.writeGzip(dir.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/"
                + "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240301T100000Z.json.gz"), "{}");
        TrailFiles.writeGzip(dir.resolve("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/03/01/"
                + "111122223333_CloudTrail-Insight_us-east-1_20240301T1000Z_x.json.gz"), "{}");
        Path explicitDigest = TrailFiles.write(dir.resolve("other/CloudTrail-Digest/d.json"), "{}");
        InputPlan p = plan(InputSelection.ALL, dir.resolve("AWSLogs").toString(), explicitDigest.toString());
        assertThat(p.files()).hasSize(1);
        assertThat(p.digestOrInsightSkipped()).isEqualTo(3);
    }

    @Test
    void accountRegionAndTimeFiltersSkipWholeS3Folders() {
        Path keep = s3("111122223333", "us-east-1", "2024-03-05T10:00:00Z", "keep");
        Path nextDay = s3("111122223333", "us-east-1", "2024-03-06T00:05:00Z", "next");
        s3("111122223333", "us-east-1", "2024-02-01T10:00:00Z", "old");
        s3("111122223333", "eu-west-1", "2024-03-05T10:00:00Z", "region");
        s3("999988887777", "us-east-1", "2024-03-05T10:00:00Z", "account");
        Path org = TrailFiles.writeGzip(dir.resolve("org/AWSLogs/o-abc123/111122223333/CloudTrail/us-east-1/2024/03/05/"
                + "111122223333_CloudTrail_us-east-1_20240305T1000Z_org.json.gz"), TrailFiles.records(rec("o", "2024-03-05T10:00:00Z", "X")));
        TrailFiles.writeGzip(dir.resolve("org/AWSLogs/o-abc123/999988887777/CloudTrail/us-east-1/2024/03/05/"
                + "999988887777_CloudTrail_us-east-1_20240305T1000Z_org2.json.gz"), TrailFiles.records(rec("o2", "2024-03-05T10:00:00Z", "X")));
        InputSelection sel = new InputSelection(Times.parseUserTime("2024-03-05"), Times.parseUserTime("2024-03-06"),
                Set.of("111122223333"), Set.of("us-east-1"));
        InputPlan p = plan(sel, dir.toString());
        // the next day's folder is kept: a file delivered just after midnight holds the last minutes of the 5th
        assertThat(p.files()).extracting(InputFile::path).containsExactlyInAnyOrder(keep, nextDay, org);
    }

    @Test
    void standardInputComesLastAndTheSameFileIsReadOnce() {
        Path a = TrailFiles.write(dir.resolve("a.json"), TrailFiles.records(rec("e1", "2024-03-01T12:00:00Z", "X")));
        InputPlan p = plan(InputSelection.ALL, "-", a.toString(), dir.toString(), dir.resolve("./a.json").toString());
        assertThat(p.files()).hasSize(2);
        assertThat(p.files().get(0).path().normalize()).isEqualTo(a);
        assertThat(p.files().get(1).isStdin()).isTrue();
    }

    @Test
    void aPathThatDoesNotExistIsAUsageError() {
        assertThatThrownBy(() -> plan(InputSelection.ALL, dir.resolve("nope").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file or directory")
                .hasMessageContaining("nope");
    }

    @Test
    void anExplicitFileIsReadWhateverItsName() {
        Path f = TrailFiles.write(dir.resolve("export.txt"), TrailFiles.ndjson(rec("e1", "2024-03-01T12:00:00Z", "X")));
        assertThat(plan(InputSelection.ALL, f.toString()).files()).extracting(InputFile::path).containsExactly(f);
    }

    @Test
    void dayByDayTheOrderIsThatOfSortingEveryFileAtOnce() {
        // three days of two accounts and two regions, a delivery just after midnight in the previous day's folder,
        // exports without CloudTrail names (ordered by their first event), and the same folder named twice
        s3("111122223333", "us-east-1", "2024-03-02T10:00:00Z", "b");
        s3("111122223333", "eu-west-1", "2024-03-01T23:55:00Z", "a");
        s3("444455556666", "us-east-1", "2024-03-01T08:00:00Z", "c");
        s3("444455556666", "us-east-1", "2024-03-03T00:10:00Z", "d");
        TrailFiles.writeGzip(dir.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/02/"
                + "111122223333_CloudTrail_us-east-1_20240303T0005Z_late.json.gz"), TrailFiles.records(rec("l", "2024-03-02T23:59:00Z", "X")));
        TrailFiles.write(dir.resolve("exports/noon-day2.json"), TrailFiles.records(rec("x", "2024-03-02T12:00:00Z", "X")));
        TrailFiles.write(dir.resolve("exports/empty.json"), "");
        InputPlan p = plan(InputSelection.ALL, dir.toString(), dir.resolve("AWSLogs/444455556666").toString());
        String a = "AWSLogs/111122223333/CloudTrail/";
        String c = "AWSLogs/444455556666/CloudTrail/us-east-1/2024/03/";
        // the order of sorting every file at once by (time in the name or first event, path), as before
        assertThat(names(p)).containsExactly(
                c + "01/444455556666_CloudTrail_us-east-1_20240301T0800Z_c.json.gz",
                a + "eu-west-1/2024/03/01/111122223333_CloudTrail_eu-west-1_20240301T2355Z_a.json.gz",
                a + "us-east-1/2024/03/02/111122223333_CloudTrail_us-east-1_20240302T1000Z_b.json.gz",
                "exports/noon-day2.json",
                a + "us-east-1/2024/03/02/111122223333_CloudTrail_us-east-1_20240303T0005Z_late.json.gz",
                c + "03/444455556666_CloudTrail_us-east-1_20240303T0010Z_d.json.gz",
                "exports/empty.json");
        assertThat(p.fileCount()).as("as listed: the account named twice counts twice").isEqualTo(9);
    }

    @Test
    void aCloudTrailDayFolderIsHeldAsItsPathAndListedWhenItsDayComes() throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            s3("111122223333", "us-east-1", String.format("2024-03-01T%02d:%02d:00Z", i / 12, (i % 12) * 5), "f" + i);
            s3("111122223333", "us-east-1", String.format("2024-03-02T%02d:%02d:00Z", i / 12, (i % 12) * 5), "g" + i);
        }
        InputPlan p = plan(InputSelection.ALL, dir.toString());
        assertThat(p.heldFiles()).isZero();
        List<List<InputFile>> days = new java.util.ArrayList<>();
        p.forEachDay(days::add);
        assertThat(days).hasSize(2);
        assertThat(days.get(0)).hasSize(30).allSatisfy(f -> assertThat(f.display()).contains("_f"));
        assertThat(days.get(1)).hasSize(30).allSatisfy(f -> assertThat(f.display()).contains("_g"));
        assertThat(p.fileCount()).isEqualTo(60);
    }

    @Test
    void filesTheSkipTestTakesAreCountedAndNeverListed() {
        Path read = s3("111122223333", "us-east-1", "2024-03-01T10:00:00Z", "read");
        Path fresh = s3("111122223333", "us-east-1", "2024-03-01T10:05:00Z", "fresh");
        InputPlan p = InputPlan.of(List.of(dir.toString()), InputSelection.ALL,
                new CloudTrailFileReader(problems, InputStream.nullInputStream()), f -> f.equals(read));
        assertThat(p.files()).extracting(InputFile::path).containsExactly(fresh);
        assertThat(p.skippedCount()).isEqualTo(1);
        assertThat(p.fileCount()).isEqualTo(1);
    }

    /** The order before day-by-day listing: every candidate file described, sorted by (time, path), named once. */
    private List<Path> sortedAtOnce(Path root) throws java.io.IOException {
        CloudTrailFileReader peeker = new CloudTrailFileReader(problems, InputStream.nullInputStream());
        List<InputFile> all = new java.util.ArrayList<>();
        try (var walk = java.nio.file.Files.walk(root)) {
            for (Path f : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!CloudTrailPath.isCandidate(name) || CloudTrailPath.isDigestOrInsight(f.toString())) {
                    continue;
                }
                long t = CloudTrailPath.fileNameTime(name);
                if (t == Long.MIN_VALUE) {
                    t = peeker.firstEventTime(new InputFile(f, f.toString(), Long.MAX_VALUE, 0));
                }
                all.add(new InputFile(f, f.toString(), t, 0));
            }
        }
        all.sort(java.util.Comparator.comparingLong(InputFile::orderTime).thenComparing(f -> f.path().toString()));
        return all.stream().map(InputFile::path).toList();
    }

    @Test
    void onRandomArchivesDayByDayGivesTheOrderOfSortingEveryFileAtOnce() throws java.io.IOException {
        java.util.Random rnd = new java.util.Random(20261124);
        for (int round = 0; round < 5; round++) {
            Path root = dir.resolve("r" + round);
            String[] accounts = {"111122223333", "444455556666"};
            String[] regions = {"us-east-1", "eu-west-1"};
            long start = Times.parseUserTime("2024-03-01");
            for (int i = 0; i < 120; i++) {
                // deliveries over four days; a few land in the previous day's folder, as late deliveries do
                long t = start + (long) (rnd.nextDouble() * 4 * Times.DAY);
                Path f = TrailFiles.s3(root, accounts[rnd.nextInt(2)], regions[rnd.nextInt(2)], Times.iso(t), "f" + i);
                int move = rnd.nextInt(40);
                if (move < 4) { // a late delivery in the previous day's folder: the folder still spans two days
                    f = f.getParent().getParent().resolve(String.format("%02d", Math.max(1,
                            Integer.parseInt(f.getParent().getFileName().toString()) - 1))).resolve(f.getFileName());
                } else if (move == 4 && round % 2 == 1) { // a file copied far from its day: its folder is held up front
                    f = f.getParent().getParent().resolve("01").resolve(f.getFileName());
                }
                TrailFiles.writeGzip(f, TrailFiles.records(rec("e" + i, Times.iso(t), "X")));
            }
            for (int i = 0; i < 10; i++) { // exports without CloudTrail names, by their first event
                long t = start + (long) (rnd.nextDouble() * 4 * Times.DAY);
                TrailFiles.write(root.resolve("exports/x" + i + ".json"), TrailFiles.records(rec("x" + i, Times.iso(t), "X")));
            }
            TrailFiles.write(root.resolve("exports/empty.json"), "");
            InputPlan p = plan(InputSelection.ALL, root.toString());
            assertThat(p.files()).extracting(InputFile::path).as("round %d", round).containsExactlyElementsOf(sortedAtOnce(root));
            if (round % 2 == 0) {
                assertThat(p.heldFiles()).as("only the exports are held up front").isEqualTo(11);
            }
        }
    }
}
