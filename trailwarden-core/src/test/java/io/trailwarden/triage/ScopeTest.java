package io.trailwarden.triage;

import static io.trailwarden.detect.expel.ExpelFixtures.ATTACKER_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.BOTO3;
import static io.trailwarden.detect.expel.ExpelFixtures.EXPEL_UA;
import static io.trailwarden.detect.expel.ExpelFixtures.OFFICE_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.at;
import static io.trailwarden.detect.expel.ExpelFixtures.mailerKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.detect.expel.ExpelFixtures;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.Events;
import io.trailwarden.triage.Scope.Pivot;
import io.trailwarden.triage.Scope.Related;
import io.trailwarden.triage.Scope.Result;
import io.trailwarden.triage.Scope.Shared;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScopeTest {
    static final List<CloudTrailEvent> INCIDENT = ExpelFixtures.incident();
    static final List<Finding> FINDINGS = ExpelFixtures.runExpel(INCIDENT);

    private static Set<String> pivotsOf(Related r) {
        return r.shared().stream().map(s -> s.pivot().label() + ":" + s.value()).collect(Collectors.toSet());
    }

    @Test
    void expelScopingFromTheFirstKeyFindsTheSixOtherStolenKeysSharingIpAgentAndGetSendQuota() {
        Result r = Scope.of(mailerKey(1), FINDINGS, INCIDENT, ExpelFixtures.sources());

        assertThat(r.pivots().ips()).containsOnlyKeys(ATTACKER_IP);
        assertThat(r.pivots().userAgents()).containsOnlyKeys(EXPEL_UA, BOTO3);
        assertThat(r.pivots().rareApis()).containsKey("GetSendQuota");

        List<Related> six = r.related().subList(0, 6);
        assertThat(six).extracting(Related::credential)
                .containsExactlyInAnyOrder(mailerKey(2), mailerKey(3), mailerKey(4), mailerKey(5), mailerKey(6), mailerKey(7));
        assertThat(six).allSatisfy(x -> {
            assertThat(x.pivotKinds()).isEqualTo(3);
            assertThat(pivotsOf(x)).contains("ip:" + ATTACKER_IP, "user_agent:" + EXPEL_UA, "rare_api:GetSendQuota");
            assertThat(x.principalArn()).startsWith("arn:aws:iam::" + Events.ACCOUNT + ":user/mailer-");
        });
        Shared ip = six.get(0).shared().stream().filter(s -> s.pivot() == Pivot.IP).findFirst().orElseThrow();
        assertThat(ip.events()).isEqualTo(3);
        assertThat(ip.detections()).contains("multi-key-recon", "hosting-provider-ip", "offensive-user-agent");
        assertThat(ip.eventIds()).hasSize(3);
    }

    @Test
    void theSesServiceAccountSharesOnlyTheRareApiAndRanksBelowTheStolenKeys() {
        Result r = Scope.of(mailerKey(1), FINDINGS, INCIDENT, ExpelFixtures.sources());
        // Expel: "One of them we could eliminate easily, as it was a service account running automated tasks."
        assertThat(r.related()).hasSize(7);
        Related last = r.related().get(6);
        assertThat(last.credential()).isEqualTo("AKIASESAUTO");
        assertThat(last.pivotKinds()).isEqualTo(1);
        assertThat(pivotsOf(last)).containsExactly("rare_api:GetSendQuota");
        assertThat(last.findings()).isZero();
    }

    @Test
    void anUnrelatedKeySharingNothingIsNotListed() {
        Result r = Scope.of(mailerKey(1), FINDINGS, INCIDENT, ExpelFixtures.sources());
        assertThat(r.related()).extracting(Related::credential).doesNotContain("AKIADEVELOPER1", "AKIADEVELOPER2", "AKIADEVELOPER3", mailerKey(1));
    }

    @Test
    void findingsAloneLinkTheStolenKeysWithoutTheArchive() {
        Result r = Scope.of(mailerKey(4), FINDINGS, null, ExpelFixtures.sources());
        assertThat(r.related()).extracting(Related::credential)
                .containsExactlyInAnyOrder(mailerKey(1), mailerKey(2), mailerKey(3), mailerKey(5), mailerKey(6), mailerKey(7));
        assertThat(r.related()).allSatisfy(x -> {
            assertThat(x.events()).isZero();
            assertThat(x.pivotKinds()).isEqualTo(3);
        });
    }

    @Test
    void aCredentialWithoutFindingsHasNoPivotsAndNothingRelated() {
        Result r = Scope.of("AKIADEVELOPER1", FINDINGS, INCIDENT, ExpelFixtures.sources());
        assertThat(r.pivots().isEmpty()).isTrue();
        assertThat(r.related()).isEmpty();
    }

    private static Finding finding(String detection, String key, String time, Severity severity, String ip, String ua,
                                   String subject) {
        return Finding.draft(detection)
                .fromEvent(Events.user("u-" + key, key, time, "GetCallerIdentity").sourceIp(ip).userAgent(ua).build())
                .subject(subject).title(detection).severity(severity).risk(47).build();
    }

    @Test
    void onlyPublicIpsOfMediumOrHigherFindingsAreAttackerIps() {
        List<Finding> f = List.of(
                finding("hosting-provider-ip", "AKIAK", at(14, 14, 0), Severity.MEDIUM, ATTACKER_IP, EXPEL_UA, "M247"),
                finding("new-user-agent", "AKIAK", at(14, 14, 0), Severity.LOW, OFFICE_IP, BOTO3, "Boto3/linux"),
                finding("some-medium", "AKIAK", at(14, 14, 0), Severity.MEDIUM, "10.1.2.3", BOTO3, "x"));
        Scope.Pivots p = Scope.pivots("AKIAK", f, Long.MIN_VALUE, Long.MAX_VALUE, ExpelFixtures.sources());
        assertThat(p.ips()).containsOnlyKeys(ATTACKER_IP);
        assertThat(p.userAgents()).containsOnlyKeys(BOTO3);
        assertThat(p.rareApis()).isEmpty();
    }

    @Test
    void aUserAgentSharedByManyCredentialsLinksNothingAndIsReported() {
        List<Finding> f = List.of(
                finding("hosting-provider-ip", "AKIAK", at(14, 14, 0), Severity.MEDIUM, ATTACKER_IP, BOTO3, "M247"),
                finding("new-user-agent", "AKIAK", at(14, 14, 0), Severity.LOW, ATTACKER_IP, BOTO3, "Boto3/linux"));
        List<CloudTrailEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(Events.user("dev-" + i, "AKIADEV" + i, at(14, 9, i), "ListBuckets").sourceIp(OFFICE_IP).userAgent(BOTO3).build());
        }
        events.add(Events.user("other", "AKIAOTHER", at(14, 15, 0), "ListBuckets").sourceIp(ATTACKER_IP).userAgent(BOTO3).build());
        Result r = Scope.of("AKIAK", f, events, ExpelFixtures.sources());
        assertThat(r.tooCommon()).containsOnlyKeys("user_agent:" + BOTO3).containsEntry("user_agent:" + BOTO3, 31);
        assertThat(r.related()).singleElement().satisfies(x -> {
            assertThat(x.credential()).isEqualTo("AKIAOTHER");
            assertThat(pivotsOf(x)).containsExactly("ip:" + ATTACKER_IP);
        });
    }

    @Test
    void activityOutsideTheWindowIsIgnored() {
        List<Finding> f = List.of(
                finding("hosting-provider-ip", "AKIAK", at(14, 14, 0), Severity.MEDIUM, ATTACKER_IP, EXPEL_UA, "M247"));
        List<CloudTrailEvent> events = List.of(
                Events.user("early", "AKIAEARLY", at(5, 14, 0), "ListBuckets").sourceIp(ATTACKER_IP).build(),
                Events.user("inside", "AKIAINSIDE", at(10, 14, 0), "ListBuckets").sourceIp(ATTACKER_IP).build(),
                Events.user("late", "AKIALATE", at(16, 14, 0), "ListBuckets").sourceIp(ATTACKER_IP).build());
        Result r = Scope.of("AKIAK", f, events, ExpelFixtures.sources());
        assertThat(r.related()).extracting(Related::credential).containsExactly("AKIAINSIDE");
    }
}
