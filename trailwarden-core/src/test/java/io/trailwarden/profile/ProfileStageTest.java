package io.trailwarden.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class ProfileStageTest {
    private final ProfileStage stage = new ProfileStage(90 * Times.DAY);
    private final BasicSourceEnricher sources = new BasicSourceEnricher();
    private final UserAgentParser agents = new UserAgentParser();

    private History observe(CloudTrailEvent.Builder b) {
        CloudTrailEvent e = b.build();
        return stage.observe(e, sources.enrich(e.sourceIp()), agents.parse(e.userAgent()));
    }

    private static CloudTrailEvent.Builder alice(String time, String ip) {
        return Events.user("alice", "AKIAALICE", time, "ListBuckets").sourceIp(ip);
    }

    private static long t(String s) {
        return Times.parseUserTime(s);
    }

    @Test
    void factsAreAsOfTheStartOfTheEventsHour() {
        History first = observe(alice("2024-03-01T10:05:00Z", "192.0.2.66"));
        assertThat(first.isNeverSeen(Dimension.IP)).isTrue();
        assertThat(first.principalFirstSeen()).isEqualTo(History.NEVER);
        // the same hour: the attacker's own first calls do not make the IP known
        History sameHour = observe(alice("2024-03-01T10:30:00Z", "192.0.2.66"));
        assertThat(sameHour.isNeverSeen(Dimension.IP)).isTrue();
        assertThat(sameHour.principalAge()).isZero();
        History nextHour = observe(alice("2024-03-01T11:10:00Z", "192.0.2.66"));
        assertThat(nextHour.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T10:30:00Z"));
        assertThat(nextHour.principalFirstSeen()).isEqualTo(t("2024-03-01T10:05:00Z"));
        assertThat(nextHour.asOf()).isEqualTo(t("2024-03-01T11:00:00Z"));
        assertThat(nextHour.isNew(Dimension.IP, Times.HOUR)).isFalse();
        assertThat(nextHour.isNew(Dimension.IP, 10 * Times.MINUTE)).isTrue();
        History later = observe(alice("2024-03-01T11:50:00Z", "192.0.2.66"));
        assertThat(later.lastSeen(Dimension.IP)).as("still the last use before 11:00").isEqualTo(t("2024-03-01T10:30:00Z"));
    }

    @Test
    void aLateEventFromAnEarlierHourCountsAsTheLastUseBeforeTheCurrentHour() {
        observe(alice("2024-03-01T08:00:00Z", "192.0.2.66"));
        observe(alice("2024-03-01T10:30:00Z", "192.0.2.66"));
        observe(alice("2024-03-01T09:10:00Z", "192.0.2.66")); // late
        History h = observe(alice("2024-03-01T10:45:00Z", "192.0.2.66"));
        assertThat(h.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T09:10:00Z"));
    }

    @Test
    void servicesActingForThePrincipalNeverFeedNetworkOrAgentDimensions() {
        observe(alice("2024-03-01T08:00:00Z", "cloudformation.amazonaws.com").userAgent("cloudformation.amazonaws.com"));
        CloudTrailEvent.Builder invoked = Events.user("alice", "AKIAALICE", "2024-03-01T08:10:00Z", "ListBuckets")
                .sourceIp("203.0.113.1").identity(new UserIdentity("IAMUser", "arn:aws:iam::111122223333:user/alice",
                        "AIDAALICE", "111122223333", "AKIAALICE", "alice", "athena.amazonaws.com", null, null, null, null,
                        null, null));
        observe(invoked);
        Profile p = stage.get("arn:aws:iam::111122223333:user/alice");
        assertThat(p.values(Dimension.IP)).isEmpty();
        assertThat(p.values(Dimension.AGENT_FAMILY)).isEmpty();
        assertThat(p.values(Dimension.API)).containsOnlyKeys("ListBuckets");
        assertThat(p.values(Dimension.REGION)).containsOnlyKeys("us-east-1");
        assertThat(p.events()).isEqualTo(2);
    }

    @Test
    void ssoRoleSessionsAreProfiledPerPersonOtherRolesPerRole() {
        observe(Events.role("AWSReservedSSO_Admin_abc", "alice@example.com", "2024-03-01T08:00:00Z", "ListBuckets"));
        observe(Events.role("AWSReservedSSO_Admin_abc", "bob@example.com", "2024-03-01T08:00:00Z", "ListBuckets"));
        observe(Events.role("ci-deploy", "run-1", "2024-03-01T08:00:00Z", "ListBuckets"));
        observe(Events.role("ci-deploy", "run-2", "2024-03-01T08:00:00Z", "ListBuckets"));
        assertThat(stage.get("role:111122223333:AWSReservedSSO_Admin_abc/alice@example.com")).isNotNull();
        assertThat(stage.get("role:111122223333:AWSReservedSSO_Admin_abc/bob@example.com")).isNotNull();
        assertThat(stage.get("role:111122223333:ci-deploy").events()).isEqualTo(2);
        assertThat(stage.size()).isEqualTo(3);
    }

    @Test
    void valuesAndPrincipalsUnusedForTheRetentionAreForgotten() {
        observe(alice("2024-01-01T08:00:00Z", "192.0.2.1"));
        observe(Events.user("bob", "AKIABOB", "2024-01-01T08:00:00Z", "ListBuckets"));
        observe(alice("2024-03-25T08:00:00Z", "192.0.2.2"));
        stage.sweep(t("2024-04-01T00:00:00Z"));
        assertThat(stage.get("arn:aws:iam::111122223333:user/bob")).isNull();
        assertThat(stage.get("arn:aws:iam::111122223333:user/alice").values(Dimension.IP)).containsOnlyKeys("192.0.2.2");
        History h = observe(alice("2024-04-01T09:00:00Z", "192.0.2.1"));
        assertThat(h.isNeverSeen(Dimension.IP)).isTrue();
    }

    @Test
    void profilesSurviveTheirBinaryForm() throws Exception {
        observe(alice("2024-03-01T08:00:00Z", "192.0.2.1"));
        observe(alice("2024-03-01T09:30:00Z", "192.0.2.1"));
        observe(Events.user("bob", "AKIABOB", "2024-03-01T08:00:00Z", "ListBuckets"));
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        ProfileCodec.write(stage, new DataOutputStream(bo));
        ProfileStage r = new ProfileStage(90 * Times.DAY);
        ProfileCodec.read(r, new DataInputStream(new ByteArrayInputStream(bo.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ProfileCodec.write(r, new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bo.toByteArray());
        CloudTrailEvent e = alice("2024-03-01T10:15:00Z", "192.0.2.1").build();
        History fromRestored = r.observe(e, sources.enrich(e.sourceIp()), agents.parse(e.userAgent()));
        History fromOriginal = stage.observe(e, sources.enrich(e.sourceIp()), agents.parse(e.userAgent()));
        for (Dimension d : Dimension.values()) {
            assertThat(fromRestored.lastSeen(d)).as(d.name()).isEqualTo(fromOriginal.lastSeen(d));
        }
    }

    @Test
    void aRememberedValueSweptAwayIsNewAgainEvenAsTheSameInstance() {
        String ip = "192.0.2.1";
        observe(alice("2024-01-01T08:00:00Z", ip));
        // keeps alice alive without stamping the IP dimension, so the IP memo still holds the swept value
        observe(alice("2024-03-25T08:00:00Z", "cloudformation.amazonaws.com"));
        stage.sweep(t("2024-04-01T00:00:00Z"));
        History h = observe(alice("2024-04-01T09:00:00Z", ip));
        assertThat(h.isNeverSeen(Dimension.IP)).isTrue();
        assertThat(stage.get("arn:aws:iam::111122223333:user/alice").values(Dimension.IP).get(ip).count()).isEqualTo(1);
    }

    @Test
    void equalValuesInDistinctInstancesShareOneEntry() {
        observe(alice("2024-03-01T10:00:00Z", new String("192.0.2.9")));
        History second = observe(alice("2024-03-01T11:00:00Z", new String("192.0.2.9")));
        String same = new String("192.0.2.9");
        History third = observe(alice("2024-03-01T12:00:00Z", same));
        History fourth = observe(alice("2024-03-01T13:00:00Z", same));
        assertThat(second.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T10:00:00Z"));
        assertThat(third.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T11:00:00Z"));
        assertThat(fourth.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T12:00:00Z"));
        assertThat(stage.get("arn:aws:iam::111122223333:user/alice").values(Dimension.IP).get("192.0.2.9").count())
                .isEqualTo(4);
    }

    @Test
    void aReusedHistoryHoldsTheSameFactsAsANewOne() {
        // The engine fills one History for every event: every fact must be overwritten, none carried over.
        ProfileStage reusing = new ProfileStage(90 * Times.DAY);
        History reused = History.empty(0);
        java.util.Random random = new java.util.Random(7);
        String[] users = {"alice", "bob", "carol"};
        String[] ips = {"192.0.2.1", "198.51.100.7", "203.0.113.9", "sts.amazonaws.com"};
        String[] apis = {"ListBuckets", "GetObject", "AssumeRole"};
        long start = t("2024-03-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            String user = users[random.nextInt(users.length)];
            String time = Times.iso(start + random.nextInt(72) * Times.HOUR + random.nextInt(3600) * 1000L);
            CloudTrailEvent e = Events.user(user, "AKIA" + user.toUpperCase(java.util.Locale.ROOT), time,
                    apis[random.nextInt(apis.length)]).sourceIp(ips[random.nextInt(ips.length)]).build();
            SourceInfo source = sources.enrich(e.sourceIp());
            History fresh = stage.observe(e, source, agents.parse(e.userAgent()));
            History filled = reusing.observe(e, source, agents.parse(e.userAgent()), reused);
            assertThat(filled).isSameAs(reused);
            assertThat(filled.asOf()).isEqualTo(fresh.asOf());
            assertThat(filled.principalFirstSeen()).isEqualTo(fresh.principalFirstSeen());
            for (Dimension d : Dimension.values()) {
                assertThat(filled.lastSeen(d)).as("event %d, %s", i, d).isEqualTo(fresh.lastSeen(d));
            }
        }
    }

    @Test
    void interleavedPrincipalsKeepSeparateProfilesAndMemos() {
        observe(alice("2024-03-01T10:00:00Z", "192.0.2.1"));
        observe(Events.user("bob", "AKIABOB", "2024-03-01T10:05:00Z", "ListBuckets").sourceIp("192.0.2.1"));
        History alice = observe(alice("2024-03-01T11:00:00Z", "192.0.2.1"));
        History bob = observe(Events.user("bob", "AKIABOB", "2024-03-01T12:00:00Z", "ListBuckets").sourceIp("192.0.2.1"));
        assertThat(alice.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T10:00:00Z"));
        assertThat(bob.lastSeen(Dimension.IP)).isEqualTo(t("2024-03-01T10:05:00Z"));
        assertThat(stage.current().key()).isEqualTo("arn:aws:iam::111122223333:user/bob");
    }

    @Test
    void geoDimensionsKeepTheOrganisationElseTheAsNumberAndCountrySlashCity() {
        CloudTrailEvent first = alice("2024-03-01T10:00:00Z", "198.51.100.7").build();
        SourceInfo numberOnly = new SourceInfo("198.51.100.7", NetworkClass.UNKNOWN, true, "DE", "Berlin", 64500, null);
        stage.observe(first, numberOnly, agents.parse(first.userAgent()));
        CloudTrailEvent second = alice("2024-03-01T11:00:00Z", "198.51.100.8").build();
        SourceInfo named = new SourceInfo("198.51.100.8", NetworkClass.HOSTING, true, "DE", null, 64501, "Example AG");
        History h = stage.observe(second, named, agents.parse(second.userAgent()));
        Profile p = stage.get("arn:aws:iam::111122223333:user/alice");
        assertThat(p.values(Dimension.AS_ORG)).containsOnlyKeys("AS64500", "Example AG");
        assertThat(p.values(Dimension.CITY)).containsOnlyKeys("DE/Berlin");
        assertThat(p.values(Dimension.COUNTRY)).containsOnlyKeys("DE");
        assertThat(h.lastSeen(Dimension.COUNTRY)).isEqualTo(t("2024-03-01T10:00:00Z"));
        assertThat(h.isNeverSeen(Dimension.AS_ORG)).isTrue();
        assertThat(h.isNeverSeen(Dimension.CITY)).as("no city: nothing to stamp").isTrue();
    }

    @Test
    void historyAnswersEachDimensionFromItsOwnSlot() {
        long[] last = {1, 2, 3, 4, 5, 6, 7};
        History h = new History(100, 50, last);
        for (Dimension d : Dimension.values()) {
            assertThat(h.lastSeen(d)).as(d.name()).isEqualTo(d.ordinal() + 1);
        }
        History empty = History.empty(t("2024-03-01T10:30:00Z"));
        assertThat(empty.asOf()).isEqualTo(t("2024-03-01T10:00:00Z"));
        for (Dimension d : Dimension.values()) {
            assertThat(empty.isNeverSeen(d)).as(d.name()).isTrue();
        }
    }
}
