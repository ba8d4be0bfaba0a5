package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class RareApiForUserTest {

    private static DetectorHarness harness() {
        return new DetectorHarness(Geo.enricher(), List.of(), new RareApiForUser(Params.defaults(RareApiForUser.INFO)));
    }

    @Test
    void apiNewForAnEstablishedUserFiresWithItsOwnActiveHoursAsN() {
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 150)))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-03-08T10:00:00Z", "CreateAccessKey"))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-api-for-user");
            assertThat(x.subject()).isEqualTo("arn:aws:iam::111122223333:user/svc-app:CreateAccessKey");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.evidence()).containsEntry("value_hours", 0).containsEntry("data_hours", 150)
                    .containsEntry("partition_hours", 150).containsEntry("threshold", 75.0);
            assertThat((Double) x.evidence().get("score")).isGreaterThanOrEqualTo(75.0);
        });
    }

    @Test
    void userWithTooFewActiveHoursForThresholdSeventyFiveDoesNotFire() {
        // 100 own hours: a new API scores 59.5, below 75, however much data the organisation has.
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 100)))
                .feed(Geo.array(Geo.background("2024-03-01T00:40:00Z", 300, "busy", "AKIABUSY", Geo.NEW_YORK,
                        "ListBuckets")))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-03-08T10:00:00Z", "CreateAccessKey"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void apiAnotherUserCallsIsStillNewForThisOne() {
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Geo.array(Geo.background("2024-03-01T00:40:00Z", 200, "admin", "AKIAADMIN", Geo.NEW_YORK,
                        "CreateAccessKey")))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-03-09T10:00:00Z", "CreateAccessKey"))
                .finish();
        assertThat(f).extracting(Finding::credential).containsExactly("AKIASVCAPP000000001");
    }

    @Test
    void apiTheUserCalledLastMonthDoesNotFire() {
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-01-01T00:30:00Z", 24 * 40)))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-01-03T05:00:00Z", "RotateSecret"),
                        Events.user("svc-app", "AKIASVCAPP000000001", "2024-02-02T05:00:00Z", "RotateSecret"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void ssoRoleIsModelledPerPerson() {
        // alice has called ListUsers for weeks; bob, on the same SSO role, has not.
        DetectorHarness h = harness();
        long t0 = Events.at("2024-03-01T00:30:00Z");
        for (int i = 0; i < 200; i++) {
            String time = io.trailwarden.util.Times.iso(t0 + i * io.trailwarden.util.Times.HOUR);
            h.feed(Events.role("AWSReservedSSO_Admin_abc", "alice@example.com", time, "ListUsers"),
                    Events.role("AWSReservedSSO_Admin_abc", "bob@example.com", time, "DescribeInstances"));
        }
        h.feed(Events.role("AWSReservedSSO_Admin_abc", "bob@example.com", "2024-03-10T10:00:00Z", "ListUsers"));
        assertThat(h.finish()).singleElement().satisfies(x -> {
            assertThat(x.subject()).endsWith("/bob@example.com:ListUsers");
            assertThat(x.sessionName()).isEqualTo("bob@example.com");
        });
    }
}
