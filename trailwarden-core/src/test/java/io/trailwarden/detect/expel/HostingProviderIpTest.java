package io.trailwarden.detect.expel;

import static io.trailwarden.detect.expel.ExpelFixtures.ATTACKER_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.ATTACKER_ORG;
import static io.trailwarden.detect.expel.ExpelFixtures.AWS_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.AZURE_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.CI_IP_1;
import static io.trailwarden.detect.expel.ExpelFixtures.CI_IP_2;
import static io.trailwarden.detect.expel.ExpelFixtures.CI_ORG;
import static io.trailwarden.detect.expel.ExpelFixtures.EXPEL_UA;
import static io.trailwarden.detect.expel.ExpelFixtures.OFFICE_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.UBUNTU_CLI;
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

class HostingProviderIpTest {

    private static List<Finding> run(List<CloudTrailEvent.Builder> events) {
        return new DetectorHarness(ExpelFixtures.sources(), List.of(),
                new HostingProviderIp(Params.defaults(HostingProviderIp.INFO)))
                .feed(inOrder(events)).finish();
    }

    private static List<CloudTrailEvent.Builder> twoWeeksFromTheOffice() {
        return daily("svc-mailer", "AKIAMAILER", 0, 13, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota");
    }

    private static CloudTrailEvent.Builder callFrom(String ip, int day) {
        return Events.user("svc-mailer", "AKIAMAILER", at(day, 10, 0), "GetCallerIdentity").sourceIp(ip).userAgent(EXPEL_UA);
    }

    @Test
    void expelCallFromAHostingProviderNewForTheUserFiresMedium() {
        List<Finding> f = run(all(twoWeeksFromTheOffice(), List.of(callFrom(ATTACKER_IP, 14))));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("hosting-provider-ip");
            assertThat(x.credential()).isEqualTo("AKIAMAILER");
            assertThat(x.subject()).isEqualTo(ATTACKER_ORG);
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.risk()).isEqualTo(47);
            assertThat(x.sourceIps()).containsExactly(ATTACKER_IP);
            assertThat(x.evidence()).containsEntry("network_class", "hosting")
                    .containsEntry("as_org", ATTACKER_ORG)
                    .containsEntry("asn", 9009L)
                    .containsEntry("country", "RO")
                    .containsEntry("as_org_last_seen_before", null)
                    .containsEntry("principal_history_days", 14L);
            assertThat(x.explanation()).contains(ATTACKER_IP, ATTACKER_ORG, "hosting provider");
        });
    }

    @Test
    void anotherAddressOfTheHostingProviderTheCiUsesDailyDoesNotFire() {
        List<Finding> f = run(all(daily("svc-ci", "AKIACI", 0, 13, 0, CI_IP_1, UBUNTU_CLI, "PutObject"),
                List.of(Events.user("svc-ci", "AKIACI", at(14, 10, 0), "PutObject").sourceIp(CI_IP_2))));
        assertThat(f).isEmpty();
    }

    @Test
    void hostingProviderUnusedForFifteenDaysFiresAgain() {
        List<Finding> f = run(all(daily("svc-ci", "AKIACI", 0, 8, 0, CI_IP_1, UBUNTU_CLI, "PutObject"),
                daily("svc-ci", "AKIACI", 9, 23, 0, OFFICE_IP, UBUNTU_CLI, "PutObject"),
                List.of(Events.user("svc-ci", "AKIACI", at(23, 10, 0), "PutObject").sourceIp(CI_IP_2))));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.subject()).isEqualTo(CI_ORG);
            assertThat(x.evidence()).containsEntry("as_org_last_seen_before", "2024-03-09T09:00:00Z");
        });
    }

    @Test
    void awsAndMajorCloudAddressesAreNotHostingProviders() {
        List<Finding> f = run(all(twoWeeksFromTheOffice(), List.of(callFrom(AWS_IP, 14), callFrom(AZURE_IP, 15))));
        assertThat(f).isEmpty();
    }

    @Test
    void aNewIspAddressDoesNotFire() {
        List<Finding> f = run(all(daily("svc-mailer", "AKIAMAILER", 0, 13, 0, CI_IP_1, UBUNTU_CLI, "GetSendQuota"),
                List.of(callFrom(OFFICE_IP, 14))));
        assertThat(f).isEmpty();
    }

    @Test
    void principalWithLessThanSevenDaysOfHistoryDoesNotFire() {
        List<Finding> f = run(all(daily("svc-mailer", "AKIAMAILER", 0, 5, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota"),
                List.of(callFrom(ATTACKER_IP, 6))));
        assertThat(f).isEmpty();
    }

    @Test
    void callsFromTheNewProviderWithinTheHourMergeIntoOneFinding() {
        List<Finding> f = run(all(twoWeeksFromTheOffice(), List.of(callFrom(ATTACKER_IP, 14),
                Events.user("svc-mailer", "AKIAMAILER", at(14, 10, 30), "ListUsers").sourceIp(ATTACKER_IP),
                Events.user("svc-mailer", "AKIAMAILER", at(14, 13, 0), "ListUsers").sourceIp(ATTACKER_IP))));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.count()).isEqualTo(2));
    }
}
