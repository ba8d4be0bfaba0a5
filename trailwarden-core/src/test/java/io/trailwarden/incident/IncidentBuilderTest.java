package io.trailwarden.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentBuilderTest {
    private static final long T0 = Times.parseUserTime("2024-03-01T10:00:00Z");

    private static Finding f(String detection, String credential, double hours, int risk, Severity sev, String ip, String ua) {
        Finding.Draft d = Finding.draft(detection).credential(credential).subject(detection).title(detection)
                .time(T0 + (long) (hours * Times.HOUR)).risk(risk).severity(sev)
                .principalArn("arn:aws:iam::111122223333:user/" + credential.toLowerCase()).accountId("111122223333");
        if (ip != null) {
            d.sourceIp(ip);
        }
        if (ua != null) {
            d.userAgent(ua);
        }
        return d.build();
    }

    private static boolean isPublic(String ip) {
        return !ip.startsWith("10.");
    }

    @Test
    void entityRiskIsElasticsFormulaOnTheSortedScores() {
        assertThat(EntityRisk.of(70, 45, 21, 21, 21)).isCloseTo(36.16, within(0.005));
        assertThat(EntityRisk.of(21, 21, 70, 21, 45)).isEqualTo(EntityRisk.of(70, 45, 21, 21, 21));
        assertThat(EntityRisk.of(73)).isCloseTo(73 / 2.6123753, within(1e-9));
        assertThat(EntityRisk.of()).isZero();
        int[] many = new int[10_000];
        java.util.Arrays.fill(many, 100);
        assertThat(EntityRisk.of(many)).isLessThanOrEqualTo(100.0).isGreaterThan(99.0);
        assertThat(EntityRisk.of(500, 500)).as("capped").isEqualTo(100.0);
    }

    @Test
    void oneCredentialsFindingsWithin24HoursOfTheFirstFormOneIncident() {
        List<Incident> incidents = IncidentBuilder.build(List.of(
                f("a", "AKIAONE", 0, 70, Severity.HIGH, null, null),
                f("b", "AKIAONE", 10, 45, Severity.MEDIUM, null, null),
                f("c", "AKIAONE", 23.99, 21, Severity.LOW, null, null),
                f("d", "AKIAONE", 24, 21, Severity.LOW, null, null),
                f("e", "AKIAONE", 30, 21, Severity.LOW, null, null),
                f("a", "AKIATWO", 1, 21, Severity.LOW, null, null)), null, IncidentBuilderTest::isPublic);
        assertThat(incidents).hasSize(3);
        Incident top = incidents.get(0);
        assertThat(top.credential()).isEqualTo("AKIAONE");
        assertThat(top.findings()).extracting(Finding::detection).containsExactly("a", "b", "c");
        assertThat(top.riskSum()).isEqualTo(136);
        assertThat(top.risk()).isEqualTo(Math.round(EntityRisk.of(70, 45, 21) * 100) / 100.0);
        assertThat(top.firstTime()).isEqualTo(T0);
        assertThat(incidents.get(1).findings()).extracting(Finding::detection).containsExactly("d", "e");
        assertThat(incidents.get(2).credential()).isEqualTo("AKIATWO");
        assertThat(top.id()).startsWith("inc-").isNotEqualTo(incidents.get(1).id());
    }

    @Test
    void incidentsAreRankedByRiskThenRiskSum() {
        List<Incident> incidents = IncidentBuilder.build(List.of(
                f("a", "AKIALOW", 0, 21, Severity.LOW, null, null),
                f("b", "AKIALOW", 1, 21, Severity.LOW, null, null),
                f("a", "AKIAHIGH", 5, 73, Severity.HIGH, null, null)), null, IncidentBuilderTest::isPublic);
        assertThat(incidents).extracting(Incident::credential).containsExactly("AKIAHIGH", "AKIALOW");
    }

    @Test
    void attackerIpsArePublicIpsOfMediumOrHigherFindings() {
        List<Incident> incidents = IncidentBuilder.build(List.of(
                f("a", "AKIAONE", 0, 47, Severity.MEDIUM, "192.0.2.66", null),
                f("b", "AKIAONE", 1, 47, Severity.MEDIUM, "10.1.2.3", null),
                f("c", "AKIAONE", 2, 21, Severity.LOW, "198.51.100.99", null)), null, IncidentBuilderTest::isPublic);
        assertThat(incidents.get(0).attackerIps()).containsExactly("192.0.2.66");
    }

    @Test
    void otherCredentialsFromTheAttackerIpOrWithItsOffensiveAgentAreRelated() {
        String kali = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";
        List<Incident> incidents = IncidentBuilder.build(List.of(
                f("offensive-user-agent", "AKIAONE", 0, 47, Severity.MEDIUM, "192.0.2.66", kali),
                f("x", "AKIATWO", 2, 21, Severity.LOW, "192.0.2.66", null),
                f("y", "AKIATHREE", 3, 21, Severity.LOW, "203.0.113.1", kali),
                f("z", "AKIAFAR", 60, 21, Severity.LOW, "192.0.2.66", kali),
                f("w", "AKIAUNRELATED", 1, 21, Severity.LOW, "203.0.113.2", "Boto3/1.0")), null, IncidentBuilderTest::isPublic);
        Incident one = incidents.stream().filter(i -> i.credential().equals("AKIAONE")).findFirst().orElseThrow();
        assertThat(one.relatedCredentials()).extracting(Incident.Related::credential).containsExactly("AKIATWO", "AKIATHREE");
        assertThat(one.relatedCredentials().get(0).sharedIps()).containsExactly("192.0.2.66");
        assertThat(one.relatedCredentials().get(1).sharedUserAgents()).containsExactly(kali);
    }

    @Test
    void noFindingsNoIncidents() {
        assertThat(IncidentBuilder.build(List.of(), null, ip -> true)).isEmpty();
    }
}
