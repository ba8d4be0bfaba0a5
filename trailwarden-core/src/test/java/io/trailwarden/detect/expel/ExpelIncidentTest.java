package io.trailwarden.detect.expel;

import static io.trailwarden.detect.expel.ExpelFixtures.EXPEL;
import static io.trailwarden.detect.expel.ExpelFixtures.mailerKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed 004 end to end: seven stolen keys, Kali aws-cli, a hosting provider, GetCallerIdentity, GetSendQuota. */
class ExpelIncidentTest {

    private static Set<String> credentials(List<Finding> f, String detection) {
        return f.stream().filter(x -> x.detection().equals(detection)).map(Finding::credential)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyExpelDetectionFiresOnEachOfTheSevenStolenKeysAndOnNothingElse() {
        List<Finding> f = ExpelFixtures.runExpel(ExpelFixtures.incident());
        Set<String> seven = new TreeSet<>(Set.of(mailerKey(1), mailerKey(2), mailerKey(3), mailerKey(4),
                mailerKey(5), mailerKey(6), mailerKey(7)));
        for (String d : EXPEL) {
            assertThat(credentials(f, d)).as(d).isEqualTo(seven);
        }
        assertThat(f).filteredOn(x -> x.detection().equals("rare-event-prevalence") && x.subject().equals("GetSendQuota"))
                .hasSize(7)
                .allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(f).filteredOn(x -> x.detection().equals("offensive-user-agent"))
                .allSatisfy(x -> assertThat(x.evidence()).containsEntry("distribution", "kali"));
    }
}
