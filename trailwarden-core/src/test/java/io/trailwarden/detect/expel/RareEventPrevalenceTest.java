package io.trailwarden.detect.expel;

import static io.trailwarden.detect.expel.ExpelFixtures.ATTACKER_IP;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RareEventPrevalenceTest {
    static final String SES_AUTOMATION = "arn:aws:iam::" + Events.ACCOUNT + ":user/svc-ses-automation";

    private static List<Finding> run(List<CloudTrailEvent.Builder> events) {
        return new DetectorHarness(ExpelFixtures.sources(), List.of(),
                new RareEventPrevalence(Params.defaults(RareEventPrevalence.INFO)))
                .feed(inOrder(events)).finish();
    }

    private static String arn(String user) {
        return "arn:aws:iam::" + Events.ACCOUNT + ":user/" + user;
    }

    /** Expel: "this event was called very rarely and only by a confined set of users", one a service account. */
    private static List<CloudTrailEvent.Builder> organisation(int days) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        l.addAll(daily("svc-ses-automation", "AKIASESAUTO", 0, days, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota"));
        for (int i = 1; i <= 9; i++) {
            l.addAll(daily("mailer-" + i, "AKIAMAILER00" + i, 0, days, i, OFFICE_IP, UBUNTU_CLI, "ListBuckets"));
            l.addAll(daily("mailer-" + i, "AKIAMAILER00" + i, 0, days, 10 + i, OFFICE_IP, UBUNTU_CLI, "GetCallerIdentity"));
        }
        return l;
    }

    private static CloudTrailEvent.Builder attacker(int i, int day, int minute, String eventName) {
        return Events.user("mailer-" + i, "AKIAMAILER00" + i, at(day, 14, minute), eventName)
                .sourceIp(ATTACKER_IP).userAgent(EXPEL_UA);
    }

    @Test
    void expelDeniedGetSendQuotaByAUserThatNeverCalledItFiresMedium() {
        List<Finding> f = run(all(organisation(10), List.of(attacker(1, 10, 0, "GetSendQuota").errorCode("AccessDenied"))));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-event-prevalence");
            assertThat(x.credential()).isEqualTo("AKIAMAILER001");
            assertThat(x.subject()).isEqualTo("GetSendQuota");
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.risk()).isEqualTo(47);
            assertThat(x.evidence()).containsEntry("prevalence", 1)
                    .containsEntry("sensitive_bucket", true)
                    .containsEntry("outcome", "denied")
                    .containsEntry("prevalence_as_of", "2024-03-11")
                    .containsEntry("callers_before", List.of(Map.of("principal", SES_AUTOMATION, "last_call_day", "2024-03-10")));
            assertThat(x.explanation()).contains("ses:GetSendQuota", "svc-ses-automation", "30 days");
        });
    }

    @Test
    void sevenStolenKeysCallingGetSendQuotaTheSameDayAllFireAndMakeItCommonTheNextDay() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        for (int i = 1; i <= 7; i++) {
            l.add(attacker(i, 10, i, "GetSendQuota"));
        }
        l.add(attacker(8, 11, 0, "GetSendQuota"));
        List<Finding> f = run(l);
        assertThat(f).extracting(Finding::credential).containsExactlyInAnyOrder(
                "AKIAMAILER001", "AKIAMAILER002", "AKIAMAILER003", "AKIAMAILER004", "AKIAMAILER005",
                "AKIAMAILER006", "AKIAMAILER007");
        assertThat(f).allSatisfy(x -> assertThat(x.evidence()).containsEntry("prevalence", 1));
    }

    @Test
    void apiCalledByThreePrincipalsInThePreviousThirtyDaysDoesNotFire() {
        List<CloudTrailEvent.Builder> l = organisation(30);
        for (int i = 2; i <= 3; i++) {
            l.add(Events.user("mailer-" + i, "AKIAMAILER00" + i, at(2 + i, 11, 0), "GetSendQuota").sourceIp(OFFICE_IP));
        }
        l.add(attacker(1, 30, 0, "GetSendQuota"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void callersOlderThanThirtyDaysAreForgottenAndAnOrdinaryApiIsLow() {
        List<CloudTrailEvent.Builder> l = organisation(40);
        for (int i = 2; i <= 4; i++) {
            l.add(Events.user("mailer-" + i, "AKIAMAILER00" + i, at(i, 11, 0), "GetBucketReplication")
                    .eventSource("s3.amazonaws.com").sourceIp(OFFICE_IP));
        }
        l.add(attacker(1, 35, 0, "GetBucketReplication").eventSource("s3.amazonaws.com"));
        assertThat(run(l)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.evidence()).containsEntry("prevalence", 0)
                    .containsEntry("sensitive_bucket", false)
                    .containsEntry("callers_before", List.of());
        });
    }

    @Test
    void aPrincipalThatCalledTheApiEarlierAndAgainTodayStillCountsForToday() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        for (int i = 2; i <= 4; i++) {
            l.add(Events.user("mailer-" + i, "AKIAMAILER00" + i, at(5, 11, 0), "GetBucketReplication").sourceIp(OFFICE_IP));
            l.add(Events.user("mailer-" + i, "AKIAMAILER00" + i, at(10, 8, 0), "GetBucketReplication").sourceIp(OFFICE_IP));
        }
        l.add(attacker(1, 10, 0, "GetBucketReplication"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void anApiThePrincipalCalledBeforeDoesNotFire() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        l.add(Events.user("mailer-1", "AKIAMAILER001", at(2, 11, 0), "GetSendQuota").sourceIp(OFFICE_IP));
        l.add(attacker(1, 12, 0, "GetSendQuota"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void aCommonApiNewForABrandNewPrincipalDoesNotFire() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        l.add(Events.user("new-hire", "AKIANEWHIRE", at(12, 10, 0), "GetCallerIdentity").sourceIp(OFFICE_IP));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void aRareApiByADormantKeyAppearingForTheFirstTimeFires() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        l.add(Events.user("old-mailer", "AKIAOLDMAILER", at(12, 10, 0), "UpdateAccountSendingEnabled").sourceIp(ATTACKER_IP));
        assertThat(run(l)).singleElement().satisfies(x -> {
            assertThat(x.credential()).isEqualTo("AKIAOLDMAILER");
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void nothingFiresInTheFirstWeekOfData() {
        List<CloudTrailEvent.Builder> l = organisation(5);
        l.add(attacker(1, 5, 0, "GetSendQuota"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void theEmailBucketIsMatchedByServiceNotJustByName() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        l.add(attacker(1, 12, 0, "GetAccount").eventSource("apigateway.amazonaws.com"));
        l.add(attacker(2, 12, 1, "GetAccount").eventSource("ses.amazonaws.com"));
        List<Finding> f = run(l);
        assertThat(f).hasSize(2);
        assertThat(f).filteredOn(x -> x.credential().equals("AKIAMAILER001")).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.LOW));
        assertThat(f).filteredOn(x -> x.credential().equals("AKIAMAILER002")).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void callsMadeByAwsServicesForThePrincipalDoNotFire() {
        List<CloudTrailEvent.Builder> l = organisation(12);
        l.add(Events.user("mailer-1", "AKIAMAILER001", at(12, 10, 0), "GetSendQuota").sourceIp("cloudformation.amazonaws.com"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void callersAgeOutOfTheStateAfterThirtyDays() {
        RareEventPrevalence d = new RareEventPrevalence(Params.defaults(RareEventPrevalence.INFO));
        DetectorHarness h = new DetectorHarness(ExpelFixtures.sources(), List.of(), d);
        List<CloudTrailEvent.Builder> l = organisation(20);
        l.add(Events.user("mailer-2", "AKIAMAILER002", at(3, 11, 0), "GetBucketReplication").sourceIp(OFFICE_IP));
        h.feed(inOrder(l));
        assertThat(h.engine().slots().get(0).states()).containsKey("GetBucketReplication");
        h.feed(Events.user("mailer-3", "AKIAMAILER003", at(34, 12, 0), "ListBuckets").sourceIp(OFFICE_IP));
        assertThat(h.engine().slots().get(0).states()).doesNotContainKey("GetBucketReplication")
                .containsKey("ListBuckets");
    }

    @Test
    void stateCodecRoundTripsDeterministically() throws IOException {
        RareEventPrevalence d = new RareEventPrevalence(Params.defaults(RareEventPrevalence.INFO));
        DetectorHarness h = new DetectorHarness(ExpelFixtures.sources(), List.of(), d);
        h.feed(inOrder(organisation(3)));
        RareEventPrevalence.State s = (RareEventPrevalence.State) h.engine().slots().get(0).states().get("ListBuckets");
        assertThat(s).isNotNull();
        byte[] once = write(d, s);
        RareEventPrevalence.State back = d.codec().read(new DataInputStream(new ByteArrayInputStream(once)));
        assertThat(write(d, back)).isEqualTo(once);
        assertThat(back.days.size()).isEqualTo(9);
    }

    private static byte[] write(RareEventPrevalence d, RareEventPrevalence.State s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        d.codec().write(s, new DataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void recordKeepsTheLastTwoDaysPerPrincipalWhateverTheOrderOfCallers() {
        RareEventPrevalence.State s = new RareEventPrevalence.State();
        s.record("alice", 10);
        s.record(new String("alice"), 10);
        s.record("bob", 11);
        s.record("alice", 12);
        s.record(new String("alice"), 11); // a late call from an earlier day
        s.record("alice", 12);
        s.record("bob", 11);
        assertThat(s.days.get("alice")).containsExactly(12, 11);
        assertThat(s.days.get("bob")).containsExactly(11, RareEventPrevalence.NONE);
        s.forgetBefore(12);
        assertThat(s.days.sortedKeys()).containsExactly("alice");
        s.record("bob", 13);
        s.record("alice", 13);
        s.record("bob", 13);
        assertThat(s.days.get("bob")).containsExactly(13, RareEventPrevalence.NONE);
        assertThat(s.days.get("alice")).containsExactly(13, 12);
    }

    @Test
    void aPrincipalForgottenByPruningStartsOverWhenItCallsAgain() {
        RareEventPrevalence.State s = new RareEventPrevalence.State();
        s.record("alice", 10);
        s.forgetBefore(11);
        assertThat(s.days.isEmpty()).isTrue();
        s.record("alice", 20);
        assertThat(s.days.get("alice")).containsExactly(20, RareEventPrevalence.NONE);
    }
}
