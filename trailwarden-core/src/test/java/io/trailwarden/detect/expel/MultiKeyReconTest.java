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
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiKeyReconTest {

    private static List<Finding> run(Params p, List<CloudTrailEvent.Builder> events) {
        return new DetectorHarness(ExpelFixtures.sources(), List.of(), new MultiKeyRecon(p))
                .feed(inOrder(events)).finish();
    }

    private static List<Finding> run(List<CloudTrailEvent.Builder> events) {
        return run(Params.defaults(MultiKeyRecon.INFO), events);
    }

    private static String user(int i) {
        return "mailer-" + i;
    }

    private static String key(int i) {
        return "AKIAMAILER000000000" + i;
    }

    /** A week of ordinary work for mailer-1..n, each from its own machine: the data covers the warm-up. */
    private static List<CloudTrailEvent.Builder> aWeekOfWork(int n) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.addAll(daily(user(i), key(i), 0, 7, i, "198.51.100." + (100 + i), UBUNTU_CLI, "GetSendQuota"));
        }
        return l;
    }

    /** The attacker tries keys 1..n from their server, one a minute from day 8, 14:00. */
    private static List<CloudTrailEvent.Builder> keysTried(int from, int to, String eventName) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            l.add(Events.user(user(i), key(i), at(8, 14, i), eventName).sourceIp(ATTACKER_IP).userAgent(EXPEL_UA));
        }
        return l;
    }

    @Test
    void expelSevenKeysCallingGetCallerIdentityFromOneIpFireOncePerKey() {
        List<Finding> f = run(all(aWeekOfWork(7), keysTried(1, 7, "GetCallerIdentity")));
        assertThat(f).hasSize(7);
        assertThat(f).extracting(Finding::credential)
                .containsExactlyInAnyOrder(key(1), key(2), key(3), key(4), key(5), key(6), key(7));
        assertThat(f).allSatisfy(x -> {
            assertThat(x.detection()).isEqualTo("multi-key-recon");
            assertThat(x.subject()).isEqualTo(ATTACKER_IP);
            assertThat(x.sourceIps()).containsExactly(ATTACKER_IP);
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.risk()).isEqualTo(73);
            assertThat(x.mitre()).containsExactly("T1087.004", "T1078.004");
            assertThat(x.eventNames()).containsExactly("GetCallerIdentity");
            assertThat(x.explanation()).contains(ATTACKER_IP, "M247 Europe SRL");
        });
        Finding first = f.stream().filter(x -> x.credential().equals(key(1))).findFirst().orElseThrow();
        assertThat(first.accessKeyId()).isEqualTo(key(1));
        assertThat(first.principalArn()).isEqualTo("arn:aws:iam::" + Events.ACCOUNT + ":user/mailer-1");
        assertThat(first.time()).isEqualTo(Events.at(at(8, 14, 1)));
        // key 1 is reported when the third key arrives, so it names keys 2 and 3; key 7 names all six others
        assertThat(first.evidence()).containsEntry("other_keys", List.of(key(2), key(3)))
                .containsEntry("keys_in_window", 3);
        Finding last = f.stream().filter(x -> x.credential().equals(key(7))).findFirst().orElseThrow();
        assertThat(last.evidence()).containsEntry("other_keys", List.of(key(1), key(2), key(3), key(4), key(5), key(6)))
                .containsEntry("keys_in_window", 7)
                .containsEntry("ip_new_for_principal", true);
    }

    @Test
    void officeNatWhereTwentyDevelopersRunGetCallerIdentityEveryMorningDoesNotFire() {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            l.addAll(daily("dev-" + i, "AKIADEV00000000" + (10 + i), 0, 20, i, OFFICE_IP, UBUNTU_CLI, "GetCallerIdentity"));
        }
        assertThat(run(l)).isEmpty();
    }

    @Test
    void keysThatAlreadyUsedTheIpAreNotCountedButNewOnesAre() {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            l.addAll(daily("dev-" + i, "AKIADEV00000000" + (10 + i), 0, 8, i, OFFICE_IP, UBUNTU_CLI, "GetCallerIdentity"));
        }
        // Two new people's keys from the office on day 8: with the twenty known ones that is 22 keys, but only 2 count.
        l.add(Events.user("intern-1", "AKIAINTERN1", at(8, 9, 30), "GetCallerIdentity").sourceIp(OFFICE_IP));
        l.add(Events.user("intern-2", "AKIAINTERN2", at(8, 9, 31), "GetCallerIdentity").sourceIp(OFFICE_IP));
        assertThat(run(l)).isEmpty();

        // A third new key makes three: the new keys fire, the known developers do not.
        l.add(Events.user("intern-3", "AKIAINTERN3", at(8, 9, 32), "GetCallerIdentity").sourceIp(OFFICE_IP));
        assertThat(run(l)).extracting(Finding::credential)
                .containsExactlyInAnyOrder("AKIAINTERN1", "AKIAINTERN2", "AKIAINTERN3");
    }

    @Test
    void twoKeysDoNotFire() {
        assertThat(run(all(aWeekOfWork(2), keysTried(1, 2, "GetCallerIdentity")))).isEmpty();
    }

    @Test
    void threeKeysSpreadOverMoreThanAnHourDoNotFire() {
        List<CloudTrailEvent.Builder> l = aWeekOfWork(3);
        l.add(Events.user(user(1), key(1), at(8, 14, 0), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        l.add(Events.user(user(2), key(2), at(8, 14, 40), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        l.add(Events.user(user(3), key(3), at(8, 15, 20), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void threeKeysWithinASlidingHourAcrossAnHourBoundaryFire() {
        List<CloudTrailEvent.Builder> l = aWeekOfWork(3);
        l.add(Events.user(user(1), key(1), at(8, 14, 30), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        l.add(Events.user(user(2), key(2), at(8, 14, 59), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        l.add(Events.user(user(3), key(3), at(8, 15, 25), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        assertThat(run(l)).hasSize(3);
    }

    @Test
    void nonReconCallsDoNotCount() {
        assertThat(run(all(aWeekOfWork(7), keysTried(1, 7, "ListBuckets")))).isEmpty();
    }

    @Test
    void deniedReconCallsCount() {
        List<CloudTrailEvent.Builder> tried = keysTried(1, 3, "ListUsers");
        tried.forEach(b -> b.errorCode("AccessDenied"));
        assertThat(run(all(aWeekOfWork(3), tried))).hasSize(3);
    }

    @Test
    void theReconListIsAParameter() {
        Params p = Params.defaults(MultiKeyRecon.INFO).set("recon_apis", List.of("ListBuckets"));
        assertThat(run(p, all(aWeekOfWork(3), keysTried(1, 3, "ListBuckets")))).hasSize(3);
        assertThat(run(p, all(aWeekOfWork(3), keysTried(1, 3, "GetCallerIdentity")))).isEmpty();
    }

    @Test
    void nothingFiresBeforeTheDataCoversAWeek() {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            l.add(Events.user(user(i), key(i), at(3, 14, i), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        }
        l.add(Events.user("someone", "AKIASOMEONE", at(0, 0, 0), "ListBuckets"));
        assertThat(run(l)).isEmpty();
    }

    @Test
    void aKeyArrivingLaterInTheHourGetsItsOwnFindingAndRepeatsMerge() {
        List<CloudTrailEvent.Builder> l = all(aWeekOfWork(4), keysTried(1, 3, "GetCallerIdentity"));
        l.add(Events.user(user(1), key(1), at(8, 14, 20), "GetCallerIdentity").sourceIp(ATTACKER_IP));
        l.add(Events.user(user(4), key(4), at(8, 14, 30), "GetAccountSummary").sourceIp(ATTACKER_IP));
        List<Finding> f = run(l);
        assertThat(f).hasSize(4);
        assertThat(f.stream().filter(x -> x.credential().equals(key(1))).findFirst().orElseThrow().count()).isEqualTo(2);
        assertThat(f.stream().filter(x -> x.credential().equals(key(4))).findFirst().orElseThrow().evidence())
                .containsEntry("other_keys", List.of(key(1), key(2), key(3)))
                .containsEntry("recon_calls", List.of("GetAccountSummary"));
    }

    @Test
    void stateCodecRoundTripsDeterministically() throws IOException {
        MultiKeyRecon d = new MultiKeyRecon(Params.defaults(MultiKeyRecon.INFO));
        DetectorHarness h = new DetectorHarness(ExpelFixtures.sources(), List.of(), d);
        List<CloudTrailEvent.Builder> l = all(aWeekOfWork(3), keysTried(1, 3, "GetCallerIdentity"));
        l.add(Events.user("someone", "AKIASOMEONE", at(8, 14, 30), "ListBuckets")); // moves the watermark past the attack
        h.feed(inOrder(l));
        @SuppressWarnings("unchecked")
        MultiKeyRecon.State s = (MultiKeyRecon.State) h.engine().slots().get(0).states().get(ATTACKER_IP);
        assertThat(s).isNotNull();
        byte[] once = write(d, s);
        byte[] twice = write(d, d.codec().read(new DataInputStream(new ByteArrayInputStream(once))));
        assertThat(twice).isEqualTo(once);
        assertThat(d.codec().read(new DataInputStream(new ByteArrayInputStream(once))).callers)
                .containsOnlyKeys(key(1), key(2), key(3));
    }

    private static byte[] write(MultiKeyRecon d, MultiKeyRecon.State s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        d.codec().write(s, new DataOutputStream(b));
        return b.toByteArray();
    }
}
