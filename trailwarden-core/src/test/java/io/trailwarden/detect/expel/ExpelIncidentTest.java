package io.trailwarden.detect.expel;

import static io.trailwarden.detect.expel.ExpelFixtures.ATTACKER_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.BOTO3;
import static io.trailwarden.detect.expel.ExpelFixtures.EXPEL_UA;
import static io.trailwarden.detect.expel.ExpelFixtures.OFFICE_IP;
import static io.trailwarden.detect.expel.ExpelFixtures.UBUNTU_CLI;
import static io.trailwarden.detect.expel.ExpelFixtures.at;
import static io.trailwarden.detect.expel.ExpelFixtures.daily;
import static io.trailwarden.detect.expel.ExpelFixtures.inOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.DetectionInfo;
import io.trailwarden.config.Params;
import io.trailwarden.detect.Detections;
import io.trailwarden.detect.Detector;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed 004 end to end: seven stolen keys, Kali aws-cli, a hosting provider, GetCallerIdentity, GetSendQuota. */
class ExpelIncidentTest {
    static final List<String> EXPEL = List.of("offensive-user-agent", "new-user-agent", "hosting-provider-ip",
            "multi-key-recon", "rare-event-prevalence");

    static String key(int i) {
        return "AKIAMAILER00" + i;
    }

    /** Two weeks of an SES-heavy organisation, then the attacker tries seven stolen keys. */
    static List<CloudTrailEvent> incident() {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        l.addAll(daily("svc-ses-automation", "AKIASESAUTO", 0, 15, 0, OFFICE_IP, UBUNTU_CLI, "GetSendQuota"));
        l.addAll(daily("developer", "AKIADEVELOPER", 0, 15, 30, OFFICE_IP, UBUNTU_CLI, "GetCallerIdentity"));
        for (int i = 1; i <= 7; i++) {
            String user = "mailer-" + i;
            l.addAll(daily(user, key(i), 0, 13, i, OFFICE_IP, UBUNTU_CLI, "SendEmail"));
            l.add(Events.user(user, key(i), at(14, 14, i), "GetCallerIdentity").sourceIp(ATTACKER_IP).userAgent(EXPEL_UA));
            l.add(Events.user(user, key(i), at(14, 14, 10 + i), "ListUsers").sourceIp(ATTACKER_IP).userAgent(EXPEL_UA)
                    .errorCode("AccessDenied"));
            l.add(Events.user(user, key(i), at(14, 14, 20 + i), "GetSendQuota").sourceIp(ATTACKER_IP).userAgent(BOTO3)
                    .errorCode("AccessDenied"));
        }
        return inOrder(l);
    }

    static List<Finding> runAll(List<CloudTrailEvent> events) {
        List<Detector<?>> ds = new ArrayList<>();
        for (String id : EXPEL) {
            DetectionInfo info = Detections.byId(id);
            ds.add(info.create(Params.defaults(info)));
        }
        return new DetectorHarness(ExpelFixtures.sources(), List.of(), ds.toArray(new Detector<?>[0]))
                .feed(events).finish();
    }

    private static Set<String> credentials(List<Finding> f, String detection) {
        return f.stream().filter(x -> x.detection().equals(detection)).map(Finding::credential)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void everyExpelDetectionFiresOnEachOfTheSevenStolenKeysAndOnNothingElse() {
        List<Finding> f = runAll(incident());
        Set<String> seven = Set.of(key(1), key(2), key(3), key(4), key(5), key(6), key(7));
        for (String d : EXPEL) {
            assertThat(credentials(f, d)).as(d).isEqualTo(new java.util.TreeSet<>(seven));
        }
        assertThat(f).filteredOn(x -> x.detection().equals("rare-event-prevalence") && x.subject().equals("GetSendQuota"))
                .hasSize(7)
                .allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(f).filteredOn(x -> x.detection().equals("offensive-user-agent"))
                .allSatisfy(x -> assertThat(x.evidence()).containsEntry("distribution", "kali"));
    }
}
