package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.util.Times;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudTrailPathTest {

    private static String[] seg(String path) {
        return path.split("/");
    }

    private static InputSelection accounts(String... a) {
        return new InputSelection(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(a), Set.of());
    }

    private static InputSelection regions(String... r) {
        return new InputSelection(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of(r));
    }

    private static InputSelection between(String since, String until) {
        return new InputSelection(since == null ? Long.MIN_VALUE : Times.parseUserTime(since),
                until == null ? Long.MAX_VALUE : Times.parseUserTime(until), Set.of(), Set.of());
    }

    @Test
    void deliveryTimeIsReadFromACloudTrailFileName() {
        assertThat(CloudTrailPath.fileNameTime("111122223333_CloudTrail_us-east-1_20240301T1005Z_abcDEF123.json.gz"))
                .isEqualTo(Times.parseUserTime("2024-03-01T10:05:00Z"));
        assertThat(CloudTrailPath.fileNameTime("111122223333_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json"))
                .isEqualTo(Times.parseUserTime("2017-12-11T15:05:00Z"));
    }

    @Test
    void namesThatAreNotCloudTrailsOrHoldImpossibleDatesHaveNoTime() {
        assertThat(CloudTrailPath.fileNameTime("events.json")).isEqualTo(Long.MIN_VALUE);
        assertThat(CloudTrailPath.fileNameTime("111122223333_CloudTrail_us-east-1_20241301T1005Z_x.json.gz"))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(CloudTrailPath.fileNameTime("111122223333_CloudTrail_us-east-1_20240301T1005Z_x.csv"))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void digestAndInsightFilesAreRecognisedByTheirFolders() {
        assertThat(CloudTrailPath.isDigestOrInsight(
                "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_t_20240301T100500Z.json.gz"))
                .isTrue();
        assertThat(CloudTrailPath.isDigestOrInsight(
                "AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/03/01/x.json.gz")).isTrue();
        assertThat(CloudTrailPath.isDigestOrInsight(
                "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T1005Z_x.json.gz"))
                .isFalse();
    }

    @Test
    void candidatesAreJsonNdjsonAndJsonlPlainOrGzippedButNotHiddenFiles() {
        assertThat(CloudTrailPath.isCandidate("a.json")).isTrue();
        assertThat(CloudTrailPath.isCandidate("a.json.gz")).isTrue();
        assertThat(CloudTrailPath.isCandidate("a.ndjson.gz")).isTrue();
        assertThat(CloudTrailPath.isCandidate("a.jsonl")).isTrue();
        assertThat(CloudTrailPath.isCandidate(".a.json")).isFalse();
        assertThat(CloudTrailPath.isCandidate("README.md")).isFalse();
        assertThat(CloudTrailPath.isCandidate("a.csv.gz")).isFalse();
    }

    @Test
    void accountFolderOfAnotherAccountIsSkipped() {
        assertThat(CloudTrailPath.canSkipFolder(seg("999988887777"), accounts("111122223333"))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333"), accounts("111122223333"))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg("999988887777"), InputSelection.ALL)).isFalse();
    }

    @Test
    void organisationTrailFoldersAreUnderstood() {
        assertThat(CloudTrailPath.canSkipFolder(seg("o-abc123"), accounts("111122223333"))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg("o-abc123/999988887777"), accounts("111122223333"))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("o-abc123/111122223333/CloudTrail/eu-west-1"), regions("us-east-1")))
                .isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("o-abc123/111122223333/CloudTrail/us-east-1/2024/03/01"),
                between("2024-03-10", null))).isTrue();
    }

    @Test
    void regionFolderOfAnotherRegionIsSkipped() {
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/eu-west-1"), regions("us-east-1"))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1"), regions("us-east-1"))).isFalse();
    }

    @Test
    void digestFoldersAreNeverSkippedByLayoutSoTheirFilesAreCounted() {
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail-Digest/eu-west-1"), regions("us-east-1")))
                .isFalse();
    }

    @Test
    void dateFoldersOutsideTheTimeRangeAreSkippedWithADayOfMargin() {
        String day = "111122223333/CloudTrail/us-east-1/2024/03/05";
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between("2024-03-07", null))).isTrue();
        // files are dated by delivery, up to about an hour after their events: the neighbour days are kept
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between("2024-03-06", null))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between("2024-03-05T12:00:00Z", null))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between(null, "2024-03-04"))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between(null, "2024-03-05"))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg(day), between(null, null))).isFalse();
    }

    @Test
    void yearAndMonthFoldersAreSkippedWhenWhollyOutsideTheRange() {
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/2023"),
                between("2024-03-01", null))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/2024/01"),
                between("2024-03-01", "2024-04-01"))).isTrue();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/2024/02"),
                between("2024-03-01", "2024-04-01"))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/2024/03"),
                between("2024-03-01", "2024-04-01"))).isFalse();
    }

    @Test
    void foldersThatDoNotFollowTheLayoutAreNeverSkipped() {
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/latest"),
                between("2030-01-01", null))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(seg("111122223333/CloudTrail/us-east-1/2024/13"),
                between("2030-01-01", null))).isFalse();
        assertThat(CloudTrailPath.canSkipFolder(new String[0], accounts("111122223333"))).isFalse();
    }
}
