package io.trailwarden.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.testing.Events;
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

    /** Profiles built from events, as the hunt leaves them: role sessions are profiled per person. */
    private static ProfileStage profiles(CloudTrailEvent.Builder... events) {
        ProfileStage stage = new ProfileStage(90 * Times.DAY);
        BasicSourceEnricher sources = new BasicSourceEnricher();
        UserAgentParser agents = new UserAgentParser();
        for (CloudTrailEvent.Builder b : events) {
            CloudTrailEvent e = b.build();
            stage.observe(e, sources.enrich(e.sourceIp()), agents.parse(e.userAgent()));
        }
        return stage;
    }

    private static final String SSO_ROLE = "AWSReservedSSO_Admin_abc";

    /** A finding of the SSO role's session credential, named by the role's ARN as the engine names it. */
    private static Finding roleFinding(String credential, double hours, String ip) {
        return Finding.draft("hosting-provider-ip").credential(credential).subject("s").title("t")
                .time(T0 + (long) (hours * Times.HOUR)).risk(47).severity(Severity.MEDIUM)
                .principalArn("arn:aws:iam::" + Events.ACCOUNT + ":role/" + SSO_ROLE).accountId(Events.ACCOUNT)
                .sourceIp(ip).build();
    }

    @Test
    void anIpOneOfTheRolesSessionsUsedBeforeTheFindingIsNotAnAttackerIp() {
        ProfileStage p = profiles(
                Events.role(SSO_ROLE, "alice@example.com", "2024-02-29T09:00:00Z", "ListBuckets").sourceIp("192.0.2.66"));
        List<Incident> incidents = IncidentBuilder.build(List.of(roleFinding("ASIAONE", 0, "192.0.2.66"),
                roleFinding("ASIAONE", 1, "198.51.100.7")), p, IncidentBuilderTest::isPublic);
        assertThat(incidents.get(0).attackerIps()).containsExactly("198.51.100.7");
    }

    @Test
    void anotherPrincipalOnTheAttackerIpWithinADayIsRelatedButNotTheRolesOwnSessionsNorAnOldUse() {
        ProfileStage p = profiles(
                Events.user("bob", "AKIABOB", "2024-03-01T20:00:00Z", "ListBuckets").sourceIp("198.51.100.7"),
                Events.user("carol", "AKIACAROL", "2024-01-20T10:00:00Z", "ListBuckets").sourceIp("198.51.100.7"),
                Events.role(SSO_ROLE, "dave@example.com", "2024-03-01T11:00:00Z", "ListBuckets").sourceIp("198.51.100.7"));
        List<Incident> incidents = IncidentBuilder.build(List.of(roleFinding("ASIAONE", 0, "198.51.100.7")), p,
                IncidentBuilderTest::isPublic);
        assertThat(incidents.get(0).attackerIps()).containsExactly("198.51.100.7");
        assertThat(incidents.get(0).relatedCredentials()).extracting(Incident.Related::credential)
                .containsExactly("arn:aws:iam::" + Events.ACCOUNT + ":user/bob");
        assertThat(incidents.get(0).relatedCredentials().get(0).sharedIps()).containsExactly("198.51.100.7");
    }

    @Test
    void theFindingsOfAWindowAreThoseWithinBothEndsInTheirOriginalOrder() {
        List<Finding> all = List.of(f("a", "K1", 5, 21, Severity.LOW, null, null), f("b", "K2", 1, 21, Severity.LOW, null, null),
                f("c", "K3", 3, 21, Severity.LOW, null, null), f("d", "K4", 3, 21, Severity.LOW, null, null),
                f("e", "K5", 9, 21, Severity.LOW, null, null));
        IncidentBuilder.FindingsByTime byTime = new IncidentBuilder.FindingsByTime(all);
        assertThat(byTime.between(T0 + 3 * Times.HOUR, T0 + 5 * Times.HOUR)).extracting(Finding::detection)
                .containsExactly("a", "c", "d");
        assertThat(byTime.between(T0 + 6 * Times.HOUR, T0 + 8 * Times.HOUR)).isEmpty();
        assertThat(byTime.between(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(all);
    }

    @Test
    void noFindingsNoIncidents() {
        assertThat(IncidentBuilder.build(List.of(), null, ip -> true)).isEmpty();
    }

    private static final long W = T0 + 10 * Times.DAY;

    private static IncidentResume.Resumed resume(IncidentCarry carry, List<Finding> thisRun, java.util.Set<String> open) {
        return IncidentResume.resume(carry, thisRun, open, null, IncidentBuilderTest::isPublic,
                i -> i.id() + " " + i.findings().size() + " " + i.relatedCredentials().size(), W);
    }

    /** A finding at {@code hours} relative to the watermark {@link #W}. */
    private static Finding at(String detection, String credential, double hours) {
        return f(detection, credential, (W - T0) / (double) Times.HOUR + hours, 21, Severity.LOW, null, null);
    }

    @Test
    void resumingWithNothingCarriedGivesWhatBuildGivesAndWritesEveryIncident() {
        List<Finding> fs = List.of(at("a", "AKIAONE", -30), at("b", "AKIAONE", -2), at("a", "AKIATWO", -1));
        IncidentResume.Resumed r = resume(IncidentCarry.EMPTY, fs, java.util.Set.of());
        assertThat(r.incidents()).isEqualTo(IncidentBuilder.build(fs, null, IncidentBuilderTest::isPublic));
        assertThat(r.changed()).isEqualTo(r.incidents());
        assertThat(r.lines()).hasSize(3);
        assertThat(r.superseded()).isEmpty();
    }

    @Test
    void theCarryKeepsIncidentsThatMayStillChangeAndRelatedEvidenceAndDropsOlderFindings() {
        Finding old = at("a", "AKIAONE", -100);      // an incident long over
        Finding older = at("b", "AKIAONE", -72);     // the next, which a finding up to 24 h late can no longer join
        Finding recent = at("c", "AKIAONE", -47);    // the next, which a finding up to 24 h late could still join
        Finding evidence = at("a", "AKIATWO", -71);  // within 24 h of an incident a day-late finding could start
        Finding gone = at("b", "AKIATWO", -73);      // too old to relate anything that can still change
        IncidentResume.Resumed r = resume(IncidentCarry.EMPTY, List.of(old, older, recent, evidence, gone), java.util.Set.of());
        assertThat(r.carry().findings()).containsExactly(older, recent, evidence);
        assertThat(r.carry().credentials()).containsOnlyKeys("AKIAONE");
        IncidentCarry.Credential one = r.carry().credentials().get("AKIAONE");
        assertThat(one.anchor()).isEqualTo(older.time());
        assertThat(one.membersFrom()).isEqualTo(recent.time());
        assertThat(one.incidents()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(IncidentBuilder.idOf("AKIAONE", recent.time()));
            assertThat(e.digest()).isEqualTo(IncidentResume.digest(e.id() + " 1 0"));
        });
    }

    @Test
    void aFindingWhoseSuppressionWindowIsOpenKeepsItsIncidentCarriedHoweverOld() {
        Finding old = at("a", "AKIAONE", -60);
        IncidentResume.Resumed r = resume(IncidentCarry.EMPTY, List.of(old), java.util.Set.of(old.id()));
        assertThat(r.carry().credentials().get("AKIAONE").membersFrom()).isEqualTo(old.time());
        assertThat(r.carry().findings()).containsExactly(old);
    }

    @Test
    void anUnchangedCarriedIncidentIsNotWrittenAgainAndAChangedOneIsWrittenWhole() {
        Finding a = at("a", "AKIAONE", -5);
        Finding b = at("a", "AKIATWO", -5);
        IncidentResume.Resumed first = resume(IncidentCarry.EMPTY, List.of(a, b), java.util.Set.of());
        Finding a2 = at("b", "AKIAONE", -1);
        IncidentResume.Resumed second = resume(first.carry(), List.of(a2), java.util.Set.of());
        assertThat(second.changed()).singleElement().satisfies(i -> {
            assertThat(i.credential()).isEqualTo("AKIAONE");
            assertThat(i.findings()).containsExactly(a, a2);
            assertThat(i.id()).isEqualTo(IncidentBuilder.idOf("AKIAONE", a.time()));
        });
        assertThat(second.incidents()).hasSize(2);
        IncidentResume.Resumed third = resume(second.carry(), List.of(), java.util.Set.of());
        assertThat(third.changed()).isEmpty();
        assertThat(third.lines()).isEmpty();
    }

    @Test
    void aFindingBeforeACarriedIncidentStartsItEarlierAndSupersedesTheOldId() {
        Finding a = at("a", "AKIAONE", -5);
        IncidentResume.Resumed first = resume(IncidentCarry.EMPTY, List.of(a), java.util.Set.of());
        Finding early = at("b", "AKIAONE", -6);
        IncidentResume.Resumed second = resume(first.carry(), List.of(early), java.util.Set.of());
        String now = IncidentBuilder.idOf("AKIAONE", early.time());
        assertThat(second.changed()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(now);
            assertThat(i.findings()).containsExactly(early, a);
        });
        assertThat(second.superseded()).containsExactly(
                new IncidentResume.Superseded(IncidentBuilder.idOf("AKIAONE", a.time()), "AKIAONE", now));
        assertThat(second.lines()).last().asString().contains("\"superseded_by\":\"" + now + "\"");
    }

    @Test
    void aFindingInsideAnIncidentThatAgedOutOfTheStateFormsItsOwnAndLeavesTheCarriedOnesAlone() {
        Finding old = at("a", "AKIAONE", -60);
        Finding kept = at("b", "AKIAONE", -20);
        IncidentResume.Resumed first = resume(IncidentCarry.EMPTY, List.of(old, kept), java.util.Set.of());
        assertThat(first.carry().credentials().get("AKIAONE").anchor()).isEqualTo(old.time());
        // a finding a day and a half late, within 24 h of the incident that aged out: one hunt would have put
        // it there; the state no longer holds that incident, so it forms one of its own
        Finding veryLate = at("c", "AKIAONE", -50);
        IncidentResume.Resumed second = resume(first.carry(), List.of(veryLate), java.util.Set.of());
        assertThat(second.changed()).singleElement().satisfies(i -> assertThat(i.findings()).containsExactly(veryLate));
        assertThat(second.superseded()).isEmpty();
        assertThat(second.carry().credentials().get("AKIAONE").membersFrom()).isEqualTo(kept.time());
    }
}
