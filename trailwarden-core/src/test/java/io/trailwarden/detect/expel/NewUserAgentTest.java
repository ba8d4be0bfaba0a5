package io.trailwarden.detect.expel;

import static io.trailwarden.detect.expel.ExpelFixtures.BOTO3;
import static io.trailwarden.detect.expel.ExpelFixtures.EXPEL_UA;
import static io.trailwarden.detect.expel.ExpelFixtures.OFFICE_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.UBUNTU_CLI;
import static io.trailwarden.detect.expel.ExpelFixtures.UBUNTU_CLI_UPGRADED;
import static io.trailwarden.detect.expel.ExpelFixtures.all;
import static io.trailwarden.detect.expel.ExpelFixtures.at;
import static io.trailwarden.detect.expel.ExpelFixtures.daily;
import static io.trailwarden.detect.expel.ExpelFixtures.inOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewUserAgentTest {

    private static List<Finding> run(List<CloudTrailEvent.Builder> events) {
        return new DetectorHarness(ExpelFixtures.sources(), List.of(),
                new NewUserAgent(Params.defaults(NewUserAgent.INFO)))
                .feed(inOrder(events)).finish();
    }

    /** Two weeks of the mailer's usual aws-cli on Ubuntu from the office. */
    private static List<CloudTrailEvent.Builder> twoWeeksOfUbuntuCli() {
        return daily("svc-mailer", "AKIAMAILER", 0, 13, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota");
    }

    @Test
    void expelKaliAgentAfterTwoWeeksOfUbuntuCliFiresLow() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "GetCallerIdentity")
                        .sourceIp(OFFICE_IP).userAgent(EXPEL_UA))));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("new-user-agent");
            assertThat(x.credential()).isEqualTo("AKIAMAILER");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.userAgents()).containsExactly(EXPEL_UA);
            assertThat(x.evidence()).containsEntry("family_last_seen_before", null)
                    .containsEntry("principal_first_seen", "2024-03-01T09:00:00Z")
                    .containsEntry("principal_history_days", 14L)
                    .containsEntry("window_days", 14L);
            assertThat(x.explanation()).contains("svc-mailer", "14 days", OFFICE_IP);
        });
    }

    @Test
    void anotherToolOnTheSameMachineFires() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "ListUsers")
                        .sourceIp(OFFICE_IP).userAgent(BOTO3))));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.userAgents()).containsExactly(BOTO3));
    }

    @Test
    void awsCliVersionUpgradeWithAnotherCommandSuffixDoesNotFire() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "ListBuckets")
                        .sourceIp(OFFICE_IP).userAgent(UBUNTU_CLI_UPGRADED))));
        assertThat(f).isEmpty();
    }

    @Test
    void familyUsedTenDaysAgoIsNotNew() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(4, 10, 0), "ListUsers").sourceIp(OFFICE_IP).userAgent(BOTO3),
                        Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "ListUsers").sourceIp(OFFICE_IP).userAgent(BOTO3))));
        assertThat(f).isEmpty();
    }

    @Test
    void familyLastUsedFifteenDaysAgoIsNewAgain() {
        List<CloudTrailEvent.Builder> history = daily("svc-mailer", "AKIAMAILER", 0, 20, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota");
        List<Finding> f = run(all(history,
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(1, 10, 0), "ListUsers").sourceIp(OFFICE_IP).userAgent(BOTO3),
                        Events.user("svc-mailer", "AKIAMAILER", at(16, 11, 0), "ListUsers").sourceIp(OFFICE_IP).userAgent(BOTO3))));
        // day 1 is inside the principal's first week (no finding); day 16 is 15 days after its last use.
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.time()).isEqualTo(Events.at(at(16, 11, 0)));
            assertThat(x.evidence()).containsEntry("family_last_seen_before", "2024-03-02T10:00:00Z");
        });
    }

    @Test
    void principalWithLessThanSevenDaysOfHistoryDoesNotFire() {
        List<Finding> f = run(all(daily("new-dev", "AKIANEW", 0, 5, 0, OFFICE_IP, UBUNTU_CLI, "GetCallerIdentity"),
                List.of(Events.user("new-dev", "AKIANEW", at(6, 10, 0), "ListUsers").sourceIp(OFFICE_IP).userAgent(BOTO3))));
        assertThat(f).isEmpty();
    }

    @Test
    void callsMadeByAwsServicesForThePrincipalDoNotFire() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "CreateStack")
                        .sourceIp("cloudformation.amazonaws.com").userAgent("cloudformation.amazonaws.com"))));
        assertThat(f).isEmpty();
    }

    @Test
    void callsWithTheNewFamilyWithinTheHourMergeAndTheNextHourKnowsIt() {
        List<Finding> f = run(all(twoWeeksOfUbuntuCli(),
                List.of(Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 0), "GetCallerIdentity").sourceIp(OFFICE_IP).userAgent(EXPEL_UA),
                        Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 20), "ListUsers").sourceIp(OFFICE_IP).userAgent(EXPEL_UA),
                        Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 40), "GetSendQuota").sourceIp(OFFICE_IP).userAgent(EXPEL_UA),
                        Events.user("svc-mailer", "AKIAMAILER", at(14, 12, 0), "GetSendQuota").sourceIp(OFFICE_IP).userAgent(EXPEL_UA))));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.count()).isEqualTo(3);
            assertThat(x.eventNames()).containsExactly("GetCallerIdentity", "GetSendQuota", "ListUsers");
        });
    }
}
