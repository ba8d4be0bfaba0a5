package io.trailwarden.detect.elastic;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMessageSpikeTest {
    private static final String[] ACTIONS = {"iam:ListUsers", "iam:ListRoles", "s3:ListAllMyBuckets",
        "ec2:DescribeInstances", "secretsmanager:ListSecrets", "ssm:DescribeParameters", "lambda:ListFunctions",
        "rds:DescribeDBInstances", "kms:ListKeys", "sns:ListTopics", "sqs:ListQueues", "iam:GetAccountSummary",
        "organizations:DescribeOrganization", "dynamodb:ListTables", "logs:DescribeLogGroups", "eks:ListClusters",
        "ecr:DescribeRepositories", "glue:GetDatabases", "athena:ListWorkGroups", "cloudtrail:DescribeTrails"};

    private static DetectorHarness harness() {
        return new DetectorHarness(Geo.enricher(), List.of(),
                new ErrorMessageSpike(Params.defaults(ErrorMessageSpike.INFO)));
    }

    /** {@code perHour} distinct error messages in one bucket of every hour, for {@code hours} hours. */
    private static DetectorHarness withHistory(int hours, int perHour) {
        DetectorHarness h = harness();
        long t0 = Events.at("2024-03-01T00:30:00Z");
        for (int i = 0; i < hours; i++) {
            for (int j = 0; j < perHour; j++) {
                h.feed(Events.user("svc-app", "AKIASVCAPP000000001", Times.iso(t0 + i * Times.HOUR + j * 1000),
                        "PutMetricData").errorCode("Throttling").errorMessage("Rate exceeded for stream " + j));
            }
        }
        return h;
    }

    /** {@code n} distinct AccessDenied messages from one key, a minute apart from {@code start}. */
    private static CloudTrailEvent.Builder[] enumeration(String key, String start, int n) {
        CloudTrailEvent.Builder[] b = new CloudTrailEvent.Builder[n];
        long t = Events.at(start);
        for (int i = 0; i < n; i++) {
            b[i] = Events.user("stolen", key, Times.iso(t + i * 30 * Times.SECOND), "ListUsers").sourceIp(Geo.LISBON)
                    .errorCode("AccessDenied").errorMessage("User: arn:aws:iam::111122223333:user/stolen is not"
                            + " authorized to perform: " + ACTIONS[i % ACTIONS.length]);
        }
        return b;
    }

    @Test
    void enumerationBurstFiresOnTheKeyThatMadeIt() {
        List<Finding> f = withHistory(200, 1).feed(enumeration("AKIASTOLEN", "2024-03-09T10:00:00Z", 12)).finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("error-message-spike");
            assertThat(x.credential()).isEqualTo("AKIASTOLEN");
            assertThat(x.subject()).isEqualTo("bucket:2024-03-09T10:00:00Z");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.count()).isEqualTo(8); // the 5th to the 12th distinct message
            assertThat(x.evidence()).containsEntry("distinct_messages", 5).containsEntry("p95", 1.0)
                    .containsEntry("p5", 0.0).containsEntry("data_hours", 200)
                    .containsEntry("history_buckets", 800).containsEntry("history_buckets_with_messages", 200)
                    .containsEntry("anomaly_score", 100.0);
        });
    }

    @Test
    void fourDistinctMessagesAreBelowTheMinimum() {
        assertThat(withHistory(200, 1).feed(enumeration("AKIASTOLEN", "2024-03-09T10:00:00Z", 4)).finish())
                .isEmpty();
    }

    @Test
    void bucketAsBusyAsUsualDoesNotFireButTwiceAsBusyDoes() {
        List<Finding> usual = withHistory(200, 10).feed(enumeration("AKIASTOLEN", "2024-03-09T10:00:00Z", 10))
                .finish();
        assertThat(usual).isEmpty();
        List<Finding> twice = withHistory(200, 10).feed(enumeration("AKIASTOLEN", "2024-03-09T10:00:00Z", 20))
                .finish();
        assertThat(twice).singleElement().satisfies(x -> {
            assertThat(x.evidence()).containsEntry("p95", 10.0);
            assertThat((Double) x.evidence().get("anomaly_score")).isGreaterThanOrEqualTo(50.0);
            assertThat((Integer) x.evidence().get("distinct_messages")).isBetween(11, 20);
        });
    }

    @Test
    void noFindingBeforeTwentyHoursOfData() {
        assertThat(withHistory(10, 1).feed(enumeration("AKIASTOLEN", "2024-03-01T10:40:00Z", 20)).finish())
                .isEmpty();
    }

    @Test
    void repeatingAMessageAlreadyInTheBucketDoesNotNameAnotherKey() {
        CloudTrailEvent.Builder[] burst = enumeration("AKIASTOLEN", "2024-03-09T10:00:00Z", 12);
        List<Finding> f = withHistory(200, 1).feed(burst)
                .feed(Events.user("stolen", "AKIABYSTANDER", "2024-03-09T10:08:00Z", "ListUsers")
                        .errorCode("AccessDenied").errorMessage("User: arn:aws:iam::111122223333:user/stolen is not"
                                + " authorized to perform: iam:ListUsers"))
                .finish();
        assertThat(f).extracting(Finding::credential).containsExactly("AKIASTOLEN");
    }

    @Test
    void stateSurvivesItsCodecWithAnOpenBucket() throws Exception {
        ErrorMessageSpike d = new ErrorMessageSpike(Params.defaults(ErrorMessageSpike.INFO));
        ErrorMessageSpike.State s = d.newState();
        s.append(100, 3);
        s.append(104, 1);
        ErrorMessageSpike.Open o = new ErrorMessageSpike.Open();
        o.messages.add(ErrorMessageSpike.hash64("a"));
        o.messages.add(ErrorMessageSpike.hash64("b"));
        o.byCredential.computeIfAbsent("AKIAB", k -> new java.util.HashSet<>()).add(ErrorMessageSpike.hash64("b"));
        o.byCredential.computeIfAbsent("AKIAA", k -> new java.util.HashSet<>()).add(ErrorMessageSpike.hash64("a"));
        s.open.put(105, o);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ErrorMessageSpike.CODEC.write(s, new DataOutputStream(bytes));
        ErrorMessageSpike.State r = ErrorMessageSpike.CODEC.read(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.historySize()).isEqualTo(2);
        assertThat(r.open.get(105).messages).hasSize(2);
        assertThat(r.open.get(105).byCredential).containsOnlyKeys("AKIAA", "AKIAB");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ErrorMessageSpike.CODEC.write(r, new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }

    @Test
    void historyAgesOutOfState() {
        DetectorHarness h = withHistory(24, 1);
        h.feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-04-20T00:00:00Z", "PutMetricData"));
        h.feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-04-20T01:00:00Z", "PutMetricData"));
        assertThat(h.engine().slots().get(0).states()).isEmpty();
    }
}
