package io.trailwarden.detect.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trailwarden.config.Params;
import io.trailwarden.detect.stats.OutlierScore;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailedApiSpikeTest {
    static final String KEY = "AKIAVICTIM00000001";
    static final String USER = "svc-deploy";
    static final String STATE_KEY = KEY + "|arn:aws:iam::" + Events.ACCOUNT + ":user/" + USER;
    /** The organisation's data starts here; the 14-day warm-up ends on 2024-03-15. */
    static final String DATA_START = "2024-03-01T00:00:00Z";
    static final List<String> RECON = List.of("ListSecrets", "GetSecretValue", "DescribeSnapshots", "ListAccessKeys",
            "GetBucketPolicy", "GetRolePolicy", "DescribeSecurityGroups", "GetKeyPolicy", "GetUserPolicy",
            "CreateAccessKey");

    /** The events of several lists in event-time order, as CloudTrail would deliver them. */
    @SafeVarargs
    private static List<CloudTrailEvent> inOrder(List<CloudTrailEvent>... lists) {
        List<CloudTrailEvent> all = new ArrayList<>();
        for (List<CloudTrailEvent> l : lists) {
            all.addAll(l);
        }
        all.sort(java.util.Comparator.comparingLong(CloudTrailEvent::time));
        return all;
    }

    private static FailedApiSpike detector() {
        return new FailedApiSpike(Params.defaults(FailedApiSpike.INFO));
    }

    private static FailedApiSpike detector(String key, Object value) {
        return new FailedApiSpike(Params.defaults(FailedApiSpike.INFO).set(key, value));
    }

    private static String at(long t) {
        return Times.iso(t);
    }

    /** Something else in the organisation at the start of the data (an ASIA role session: never scored). */
    private static CloudTrailEvent.Builder dataStarts() {
        return Events.role("Ops", "alice", DATA_START, "GetCallerIdentity");
    }

    /** The key's normal use: successful ListBuckets and GetObject in working hours on the first {@code days} days. */
    private static List<CloudTrailEvent> quietWeeks(String key, String user, int days) {
        List<CloudTrailEvent> l = new ArrayList<>();
        long start = Events.at(DATA_START);
        for (int d = 0; d < days; d++) {
            for (int h = 9; h < 17; h += 2) {
                long t = start + d * Times.DAY + h * Times.HOUR + 7 * Times.MINUTE;
                l.add(Events.user(user, key, at(t), "ListBuckets").build());
                l.add(Events.user(user, key, at(t + Times.MINUTE), "GetObject").build());
            }
        }
        return l;
    }

    /** {@code n} denied calls cycling over the first {@code distinct} recon APIs, from {@code start}, 30 s apart. */
    private static List<CloudTrailEvent> deniedBurst(String key, String user, String start, int n, int distinct,
                                                     String code) {
        List<CloudTrailEvent> l = new ArrayList<>();
        long t0 = Events.at(start);
        for (int i = 0; i < n; i++) {
            l.add(Events.user(user, key, at(t0 + i * 30 * Times.SECOND), RECON.get(i % distinct))
                    .errorCode(code).sourceIp("203.0.113.66")
                    .userAgent("aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84").build());
        }
        return l;
    }

    private static List<CloudTrailEvent> deniedBurst(String start, int n, int distinct) {
        return deniedBurst(KEY, USER, start, n, distinct, "AccessDenied");
    }

    // ---------------------------------------------------------------- fires

    @Test
    void burstOfDeniedSensitiveCallsAfterQuietWeeksFires() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(quietWeeks(KEY, USER, 19))
                .feed(deniedBurst("2024-03-20T03:10:00Z", 20, 10))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("failed-api-spike");
            assertThat(x.credential()).isEqualTo(KEY);
            assertThat(x.accessKeyId()).isEqualTo(KEY);
            assertThat(x.principalArn()).isEqualTo("arn:aws:iam::" + Events.ACCOUNT + ":user/" + USER);
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.risk()).isEqualTo(47);
            assertThat(x.mitre()).containsExactly("T1087.004", "T1580", "T1059.009");
            assertThat(x.time()).isEqualTo(Events.at("2024-03-20T03:10:00Z"));
            assertThat(x.sourceIps()).containsExactly("203.0.113.66");
            assertThat(x.eventIds()).hasSize(20);
            assertThat(x.explanation()).contains(KEY, "denied 20 calls to 10 distinct sensitive APIs",
                    "2024-03-20T03:00:00Z", "100%");
        });
    }

    @Test
    void seedShapeEvidenceHasTheFiveCountsBothScoresTheFencesAndTheNameSets() {
        List<CloudTrailEvent> burst = deniedBurst("2024-03-20T03:10:00Z", 20, 10);
        burst.add(Events.user(USER, KEY, "2024-03-20T03:40:00Z", "ListBuckets").build());
        burst.add(Events.user(USER, KEY, "2024-03-20T03:41:00Z", "DescribeInstances").build()); // not sensitive
        burst.add(Events.user(USER, KEY, "2024-03-20T03:42:00Z", "GetBucketAcl").errorCode("NoSuchBucket").build());
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(quietWeeks(KEY, USER, 19))
                .feed(burst)
                .finish();
        double factor = OutlierScore.factor(5, 95);
        assertThat(f).singleElement().satisfies(x -> {
            Map<String, Object> ev = x.evidence();
            assertThat(ev).containsEntry("bin_start", "2024-03-20T03:00:00Z")
                    .containsEntry("bin_end", "2024-03-20T04:00:00Z")
                    .containsEntry("total_calls", 22) // 20 denied, 1 success, 1 other error
                    .containsEntry("total_successful", 1)
                    .containsEntry("distinct_successful", 1)
                    .containsEntry("total_denied", 20)
                    .containsEntry("distinct_denied", 10)
                    .containsEntry("distinct_denied_p5", 0.0)
                    .containsEntry("distinct_denied_p95", 0.0)
                    .containsEntry("total_denied_p5", 0.0)
                    .containsEntry("total_denied_p95", 0.0)
                    .containsEntry("baseline_bins", 336)
                    .containsEntry("successful_event_names", List.of("ListBuckets"))
                    .containsEntry("denied_event_names", RECON.stream().sorted().toList());
            assertThat((double) ev.get("error_rate")).isCloseTo(20.0 / 22, within(1e-6));
            // all-zero baseline: spread 1 call (zero-spread decision), score = F·x
            assertThat((double) ev.get("score_distinct_denied")).isCloseTo(factor * 10, within(1e-6));
            assertThat((double) ev.get("score_total_denied")).isCloseTo(factor * 20, within(1e-6));
            assertThat(x.eventNames()).contains("ListBuckets", "ListSecrets").doesNotContain("DescribeInstances");
        });
    }

    @Test
    void burstOnAKeyThatDeniedAFewCallsBeforeIsScoredAgainstThoseHours() {
        List<CloudTrailEvent> history = new ArrayList<>();
        // 20 earlier hours with 1 denied call each: not enough to move the 95th percentile off 0
        for (int d = 0; d < 20; d++) {
            history.addAll(deniedBurst(at(Events.at("2024-03-01T10:00:00Z") + d * Times.DAY), 1, 1));
        }
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(inOrder(quietWeeks(KEY, USER, 21), history, deniedBurst("2024-03-22T03:00:00Z", 6, 3)))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            // the 336 bins ending 2024-03-22T03 start 2024-03-08T04: 13 of the daily denials are in them
            assertThat(x.evidence()).containsEntry("baseline_bins_with_denials", 13)
                    .containsEntry("total_denied_p95", 0.0);
        });
    }

    @Test
    void theBinIsEvaluatedOnceWhenTheWatermarkPassesItsEnd() {
        DetectorHarness h = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(quietWeeks(KEY, USER, 19))
                .feed(deniedBurst("2024-03-20T03:10:00Z", 20, 10));
        // 04:10 puts the watermark at 03:55: the bin is still open
        h.feed(Events.role("Ops", "alice", "2024-03-20T04:10:00Z", "GetCallerIdentity"));
        assertThat(h.findings(FailedApiSpike.ID)).isEmpty();
        // 04:16 puts it at 04:01: the bin closes and fires
        h.feed(Events.role("Ops", "alice", "2024-03-20T04:16:00Z", "GetCallerIdentity"));
        assertThat(h.findings(FailedApiSpike.ID)).hasSize(1);
        assertThat(h.finish()).hasSize(1);
    }

    @Test
    void burstAboveSteadyDenialsFires() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(steadyDenials(16 * 24 + 1)) // its last hour, 2024-03-17T00, is the burst's
                .feed(deniedBurst("2024-03-17T00:05:00Z", 12, 6))
                .finish();
        assertThat(f).singleElement().satisfies(x ->
                assertThat(x.evidence()).containsEntry("total_denied_p95", 3.0).containsEntry("total_denied", 15));
    }

    // ---------------------------------------------------------------- must not fire

    @Test
    void temporaryAsiaKeysAreOutOfScope() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(deniedBurst("ASIATEMPORARY00001", USER, "2024-03-20T03:10:00Z", 20, 10, "AccessDenied"))
                .feed(burstFrom(Events.role("Admin", "mallory", "2024-03-20T05:00:00Z", "ListSecrets"), 20))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void keyWhoseDenialsAreSteadyEveryHourDoesNotFire() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(steadyDenials(16 * 24))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void oneOrTwoDeniedCallsInAQuietHourDoNotFire() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(inOrder(quietWeeks(KEY, USER, 19), deniedBurst("2024-03-18T03:10:00Z", 1, 1),
                        deniedBurst("2024-03-19T03:10:00Z", 2, 2)))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void twoDeniedCallsFireWhenMinDeniedIsLoweredToTwo() {
        List<Finding> f = new DetectorHarness(detector("min_denied", 2))
                .feed(dataStarts())
                .feed(inOrder(quietWeeks(KEY, USER, 19), deniedBurst("2024-03-19T03:10:00Z", 2, 2)))
                .finish();
        assertThat(f).hasSize(1);
    }

    @Test
    void burstThatIsMostlySuccessfulDoesNotFire() {
        List<CloudTrailEvent> burst = deniedBurst("2024-03-20T03:10:00Z", 10, 5);
        for (int i = 0; i < 30; i++) {
            burst.add(Events.user(USER, KEY, at(Events.at("2024-03-20T03:20:00Z") + i * 1000L), "GetObject").build());
        }
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(quietWeeks(KEY, USER, 19))
                .feed(burst)
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void burstWithMoreDistinctSuccessfulThanDeniedApisDoesNotFire() {
        // 6 denied over 3 names, 5 successes over 5 names: error rate 6/11 passes, distinct 3 < 5 does not
        List<CloudTrailEvent> burst = deniedBurst("2024-03-20T03:10:00Z", 6, 3);
        for (String n : List.of("ListBuckets", "GetObject", "GetBucketLocation", "GetBucketPolicyStatus", "GetObjectAcl")) {
            burst.add(Events.user(USER, KEY, "2024-03-20T03:30:00Z", n).build());
        }
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(burst)
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void deniedCallsToNonSensitiveApisDoNotFire() {
        List<CloudTrailEvent> burst = new ArrayList<>();
        List<String> names = List.of("GetCallerIdentity", "ListUsers", "DescribeInstances", "ListFunctions",
                "BatchGetSecretValue"); // last: a sensitive noun without one of the seed's verbs
        for (int i = 0; i < 20; i++) {
            burst.add(Events.user(USER, KEY, at(Events.at("2024-03-20T03:10:00Z") + i * 1000L), names.get(i % 5))
                    .errorCode("AccessDenied").build());
        }
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(burst)
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void theSeedsFilterWantsAVerbPrefixAndASensitiveNounInAnyCase() {
        FailedApiSpike d = detector();
        assertThat(d.isSensitive("GetSecretValue")).isTrue();
        assertThat(d.isSensitive("getsecretvalue")).isTrue();
        assertThat(d.isSensitive("DescribeSecurityGroups")).isTrue();
        assertThat(d.isSensitive("ListBuckets")).isTrue();
        assertThat(d.isSensitive("AssumeRole")).isFalse(); // "Assume" is a noun of the seed, not a verb
        assertThat(d.isSensitive("BatchGetSecretValue")).isFalse();
        assertThat(d.isSensitive("ListUsers")).isFalse();
        // literal reading of the seed: "Policies" does not contain "Policy"
        assertThat(d.isSensitive("ListRolePolicies")).isFalse();
        assertThat(d.isSensitive(null)).isFalse();
    }

    @Test
    void otherErrorCodesThanTheSeedsTwoDoNotFire() {
        List<CloudTrailEvent> burst = deniedBurst(KEY, USER, "2024-03-20T03:10:00Z", 10, 5, "AccessDeniedException");
        burst.addAll(deniedBurst(KEY, USER, "2024-03-20T03:30:00Z", 10, 5, "UnauthorizedOperation"));
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(burst)
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void clientUnauthorizedOperationIsOneOfTheSeedsCodes() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(deniedBurst(KEY, USER, "2024-03-20T03:10:00Z", 10, 5, "Client.UnauthorizedOperation"))
                .finish();
        assertThat(f).hasSize(1);
    }

    @Test
    void theWiderPresetCountsOtherDenialCodes() {
        FailedApiSpike wide = detector("denied_codes", List.of("AccessDenied", "AccessDeniedException",
                "Client.UnauthorizedOperation", "UnauthorizedOperation", "Client.AccessDenied"));
        List<Finding> f = new DetectorHarness(wide)
                .feed(dataStarts())
                .feed(deniedBurst(KEY, USER, "2024-03-20T03:10:00Z", 10, 5, "AccessDeniedException"))
                .finish();
        assertThat(f).hasSize(1);
    }

    @Test
    void theWiderPresetIsSetInTrailwardenYaml() {
        io.trailwarden.config.TrailwardenConfig c = io.trailwarden.config.TrailwardenConfig.parse(
                "detections:\n  failed-api-spike:\n    denied_codes: [AccessDenied, AccessDeniedException]\n"
                        + "    min_denied: 4\n", "test.yaml");
        FailedApiSpike d = (FailedApiSpike) c.detectors().stream()
                .filter(x -> x.id().equals(FailedApiSpike.ID)).findFirst().orElseThrow();
        List<Finding> f = new DetectorHarness(d)
                .feed(dataStarts())
                .feed(deniedBurst(KEY, USER, "2024-03-20T03:10:00Z", 3, 3, "AccessDeniedException"))
                .feed(deniedBurst(KEY, USER, "2024-03-20T05:10:00Z", 4, 3, "AccessDeniedException"))
                .finish();
        assertThat(f).singleElement().satisfies(x ->
                assertThat(x.evidence()).containsEntry("bin_start", "2024-03-20T05:00:00Z"));
        assertThat(io.trailwarden.config.TrailwardenConfig.describeDefaults())
                .contains("failed-api-spike:", "denied_codes: [\"AccessDenied\", \"Client.UnauthorizedOperation\"]",
                        "min_denied: 3", "percentile_high: 95.0", "new-api-for-role:", "window: 90d", "warmup: 7d");
    }

    @Test
    void nothingFiresInTheFirstFourteenDaysOfAHunt() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(inOrder(quietWeeks(KEY, USER, 12), deniedBurst("2024-03-10T03:10:00Z", 20, 10),
                        deniedBurst("2024-03-14T23:10:00Z", 20, 10)))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void theFirstBinAfterTheWarmUpCanFire() {
        List<Finding> f = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(deniedBurst("2024-03-15T00:10:00Z", 20, 10))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.evidence()).containsEntry("bin_start",
                "2024-03-15T00:00:00Z"));
    }

    // ---------------------------------------------------------------- state

    @Test
    void aKeyThatIsNeverDeniedHoldsNoStateOnceItsBinsAreEvaluated() {
        DetectorHarness h = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(quietWeeks(KEY, USER, 3))
                .feed(Events.role("Ops", "alice", "2024-03-05T00:00:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).isEmpty();
    }

    @Test
    void aKeyIdleForFourteenDaysLeavesNoState() {
        DetectorHarness h = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(deniedBurst("2024-03-02T03:10:00Z", 4, 2))
                .feed(Events.role("Ops", "alice", "2024-03-15T03:00:00Z", "GetCallerIdentity"));
        FailedApiSpike.State s = (FailedApiSpike.State) h.engine().slots().get(0).states().get(STATE_KEY);
        assertThat(s).isNotNull();
        assertThat(s.closedBins()).isEqualTo(1);
        assertThat(s.openBins()).isZero();
        h.feed(Events.role("Ops", "alice", "2024-03-16T03:30:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).isEmpty();
    }

    @Test
    void lateDenialsOfAnEvaluatedBinJoinTheBaselineWithoutReEvaluatingIt() {
        DetectorHarness h = new DetectorHarness(detector())
                .feed(dataStarts())
                .feed(Events.user(USER, KEY, "2024-03-20T03:05:00Z", "ListBuckets"))
                .feed(Events.role("Ops", "alice", "2024-03-20T05:00:00Z", "GetCallerIdentity"))
                // the watermark is at 04:45: 03:xx is evaluated; these arrive late
                .feed(deniedBurst("2024-03-20T03:10:00Z", 20, 10));
        FailedApiSpike.State s = (FailedApiSpike.State) h.engine().slots().get(0).states().get(STATE_KEY);
        assertThat(s.closedBins()).isEqualTo(1);
        assertThat(s.denied[0]).isEqualTo(20);
        assertThat(s.distinct[0]).isBetween(1, 10);
        assertThat(h.finish()).isEmpty();
    }

    @Test
    void stateCodecRoundTripsDeterministically() throws IOException {
        FailedApiSpike d = detector();
        DetectorHarness h = new DetectorHarness(d)
                .feed(dataStarts())
                .feed(deniedBurst("2024-03-02T03:10:00Z", 4, 2))
                .feed(deniedBurst("2024-03-02T06:10:00Z", 3, 3))
                .feed(Events.role("Ops", "alice", "2024-03-02T07:20:00Z", "GetCallerIdentity"))
                .feed(deniedBurst("2024-03-02T07:21:00Z", 5, 4))
                .feed(Events.role("Ops", "alice", "2024-03-02T07:50:00Z", "GetCallerIdentity"));
        FailedApiSpike.State s = (FailedApiSpike.State) h.engine().slots().get(0).states().get(STATE_KEY);
        assertThat(s.closedBins()).isEqualTo(2);
        assertThat(s.openBins()).isEqualTo(1);
        byte[] once = write(d, s);
        FailedApiSpike.State back = d.codec().read(new DataInputStream(new ByteArrayInputStream(once)));
        assertThat(write(d, back)).isEqualTo(once);
        assertThat(back.closedBins()).isEqualTo(2);
        assertThat(back.openBins()).isEqualTo(1);
    }

    @Test
    void aKeyDeniedEveryHourKeepsTheLast335EvaluatedHoursAtSixteenBytesEach() throws IOException {
        FailedApiSpike d = detector();
        DetectorHarness h = new DetectorHarness(d)
                .feed(dataStarts())
                .feed(steadyDenials(14 * 24 + 1))
                .feed(Events.role("Ops", "alice", "2024-03-15T01:20:00Z", "GetCallerIdentity"));
        FailedApiSpike.State s = (FailedApiSpike.State) h.engine().slots().get(0).states().get(STATE_KEY);
        // once hour 336 is evaluated, the next bin's series needs hours 2..336 only
        assertThat(s.closedBins()).isEqualTo(335);
        assertThat(write(d, s)).hasSize(4 + 335 * 16 + 4);
    }

    private static byte[] write(FailedApiSpike d, FailedApiSpike.State s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.codec().write(s, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Three denied calls on three names every hour from the start of the data. */
    private static List<CloudTrailEvent> steadyDenials(int hours) {
        List<CloudTrailEvent> l = new ArrayList<>();
        long start = Events.at(DATA_START);
        for (int h = 0; h < hours; h++) {
            long t = start + h * Times.HOUR + 20 * Times.MINUTE;
            for (int i = 0; i < 3; i++) {
                l.add(Events.user(USER, KEY, at(t + i * Times.SECOND), RECON.get(i)).errorCode("AccessDenied").build());
            }
        }
        return l;
    }

    private static List<CloudTrailEvent> burstFrom(CloudTrailEvent.Builder b, int n) {
        List<CloudTrailEvent> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(b.eventId("asia-" + i).eventName(RECON.get(i % 10)).errorCode("AccessDenied")
                    .time(b.time() + 1000L).build());
        }
        return l;
    }
}
