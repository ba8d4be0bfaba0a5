package io.trailwarden.detect.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
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
import org.junit.jupiter.api.Test;

class NewApiForRoleTest {
    static final String ROLE = "ci-deployer";
    static final String ROLE_KEY = "role:" + Events.ACCOUNT + ":" + ROLE;
    static final String ROLE_ARN = "arn:aws:iam::" + Events.ACCOUNT + ":role/" + ROLE;

    private static DetectorHarness harness() {
        return new DetectorHarness(new NewApiForRole(Params.defaults(NewApiForRole.INFO)));
    }

    /** The role's routine: the same three APIs every day for {@code days} days from 2024-03-01. */
    private static List<CloudTrailEvent> routine(String session, int days) {
        List<CloudTrailEvent> l = new ArrayList<>();
        long start = Events.at("2024-03-01T06:00:00Z");
        for (int d = 0; d < days; d++) {
            long t = start + d * Times.DAY;
            for (String api : List.of("GetCallerIdentity", "DescribeInstances", "PutObject")) {
                l.add(Events.role(ROLE, session, Times.iso(t), api).build());
                t += Times.MINUTE;
            }
        }
        return l;
    }

    @Test
    void roleCallingAnApiItNeverCalledFiresWithRoleApiAndObject() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-2", "2024-03-11T09:00:00Z", "GetSecretValue")
                        .requestParameters("{\"secretId\":\"prod/db/password\"}"))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("new-api-for-role");
            assertThat(x.subject()).isEqualTo("GetSecretValue");
            assertThat(x.principalArn()).isEqualTo(ROLE_ARN);
            assertThat(x.sessionName()).isEqualTo("build-2");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(36);
            assertThat(x.mitre()).containsExactly("T1078");
            assertThat(x.evidence()).containsEntry("api", "GetSecretValue")
                    .containsEntry("object", "prod/db/password")
                    .containsEntry("role", ROLE_ARN)
                    .containsEntry("role_known_apis", 3)
                    .containsEntry("baseline_since", "2024-03-01T06:00:00Z");
            assertThat(x.explanation()).contains("Role " + ROLE_ARN, "AssumedRole", "new API call GetSecretValue",
                    "on prod/db/password", "not seen for this role");
        });
    }

    @Test
    void knownApisDoNotFire() {
        List<Finding> f = harness().feed(routine("build-1", 20)).finish();
        assertThat(f).isEmpty();
    }

    @Test
    void warmUpHoldsFindingsBackUntilTheDataReachesMidnightSevenDaysEarlier() {
        // data starts 2024-03-01T06:00; 2024-03-08's midnight minus 7 days is 03-01T00:00, before the data
        List<Finding> held = harness()
                .feed(routine("build-1", 7))
                .feed(Events.role(ROLE, "build-1", "2024-03-08T23:00:00Z", "ListSecrets"))
                .finish();
        assertThat(held).isEmpty();
        // 2024-03-09: midnight minus 7 days is 03-02T00:00, after the data's start: enough_data
        List<Finding> fired = harness()
                .feed(routine("build-1", 7))
                .feed(Events.role(ROLE, "build-1", "2024-03-09T00:30:00Z", "ListSecrets"))
                .finish();
        assertThat(fired).hasSize(1);
    }

    @Test
    void aPairFirstSeenDuringTheWarmUpIsKnownAfterIt() {
        List<Finding> f = harness()
                .feed(routine("build-1", 3))
                .feed(Events.role(ROLE, "build-1", "2024-03-03T12:00:00Z", "ListSecrets"))
                .feed(Events.role(ROLE, "build-1", "2024-03-12T12:00:00Z", "ListSecrets"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void aPairLastSeenNinetyOneDaysAgoFiresAgain() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-1", "2024-03-05T12:00:00Z", "ListSecrets"))
                .feed(Events.role(ROLE, "build-1", "2024-06-04T12:00:00Z", "ListSecrets")) // 91 days
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.evidence()).containsEntry("api", "ListSecrets");
            assertThat(x.time()).isEqualTo(Events.at("2024-06-04T12:00:00Z"));
        });
    }

    @Test
    void aPairLastSeenEightyNineDaysAgoIsStillKnown() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-1", "2024-03-05T12:00:00Z", "ListSecrets"))
                .feed(Events.role(ROLE, "build-1", "2024-06-02T12:00:00Z", "ListSecrets")) // 89 days
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void aNewSessionNameOfAKnownRoleDoesNotMakeItsApisNew() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-977", "2024-03-12T08:00:00Z", "DescribeInstances"),
                        Events.role(ROLE, "someone-new", "2024-03-12T08:01:00Z", "PutObject"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void anotherRoleCallingTheSameApiIsItsOwnPair() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role("auditor", "build-1", "2024-03-12T08:00:00Z", "DescribeInstances"))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.principalArn()).endsWith(":role/auditor"));
    }

    @Test
    void iamUsersAreOutOfScope() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.user("alice", "AKIAALICE000000001", "2024-03-12T08:00:00Z", "GetSecretValue"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void failedCallsNeitherFireNorJoinTheBaseline() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-1", "2024-03-12T08:00:00Z", "ListSecrets").errorCode("AccessDenied"))
                .feed(Events.role(ROLE, "build-1", "2024-03-12T09:00:00Z", "ListSecrets"))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.time()).isEqualTo(Events.at("2024-03-12T09:00:00Z")));
    }

    @Test
    void aNewPairFiresOnceNotOnEveryCall() {
        List<Finding> f = harness()
                .feed(routine("build-1", 10))
                .feed(Events.role(ROLE, "build-1", "2024-03-12T08:00:00Z", "ListSecrets"),
                        Events.role(ROLE, "build-1", "2024-03-12T10:00:00Z", "ListSecrets"),
                        Events.role(ROLE, "build-1", "2024-03-13T08:00:00Z", "ListSecrets"))
                .finish();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(1);
    }

    @Test
    void aRoleIdleForNinetyDaysLeavesNoState() {
        DetectorHarness h = harness()
                .feed(routine("build-1", 2))
                .feed(Events.role("other", "s", "2024-05-30T00:00:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).containsKey(ROLE_KEY);
        h.feed(Events.role("other", "s", "2024-06-02T00:00:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).doesNotContainKey(ROLE_KEY).containsKey("role:" + Events.ACCOUNT + ":other");
    }

    @Test
    void stateCodecRoundTripsDeterministically() throws IOException {
        NewApiForRole d = new NewApiForRole(Params.defaults(NewApiForRole.INFO));
        DetectorHarness h = new DetectorHarness(d).feed(routine("build-1", 3));
        h.feed(Events.role(ROLE, "b", "2024-03-05T00:00:00Z", "ListSecrets"),
                Events.role(ROLE, "b", "2024-03-05T01:00:00Z", "GetSecretValue"));
        NewApiForRole.RoleApis s = (NewApiForRole.RoleApis) h.engine().slots().get(0).states().get(ROLE_KEY);
        byte[] once = write(d, s);
        NewApiForRole.RoleApis back = d.codec().read(new DataInputStream(new ByteArrayInputStream(once)));
        assertThat(write(d, back)).isEqualTo(once);
        assertThat(back.size()).isEqualTo(s.size());
        assertThat(back.firstSeen("PutObject")).isEqualTo(Events.at("2024-03-01T06:02:00Z"));
        assertThat(back.lastSeen("PutObject")).isEqualTo(Events.at("2024-03-03T06:02:00Z"));
    }

    @Test
    void tableGrowsAndForgetsWithoutLosingPairs() {
        NewApiForRole.RoleApis s = new NewApiForRole.RoleApis();
        for (int i = 0; i < 500; i++) {
            s.put("Api" + i, i, i);
        }
        assertThat(s.size()).isEqualTo(500);
        s.forgetBefore(250);
        assertThat(s.size()).isEqualTo(250);
        assertThat(s.lastSeen("Api249")).isEqualTo(Long.MIN_VALUE);
        for (int i = 250; i < 500; i++) {
            assertThat(s.lastSeen("Api" + i)).isEqualTo(i);
        }
    }

    private static byte[] write(NewApiForRole d, NewApiForRole.RoleApis s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.codec().write(s, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
