package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.profile.Profile;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatsTest {
    private final ProfileStage stage = new ProfileStage(90 * Times.DAY);
    private final BasicSourceEnricher sources = new BasicSourceEnricher();
    private final UserAgentParser agents = new UserAgentParser();

    private Profile profileOf(CloudTrailEvent e) {
        stage.observe(e, sources.enrich(e.sourceIp()), agents.parse(e.userAgent()));
        return stage.current();
    }

    @Test
    void countsTheSamePrincipalsAndAccountsWithAndWithoutProfiles() {
        List<CloudTrailEvent> events = List.of(
                Events.user("alice", "AKIAALICE", "2024-03-01T10:00:00Z", "ListBuckets").build(),
                Events.role("AWSReservedSSO_Admin_abc", "alice@example.com", "2024-03-01T10:01:00Z", "ListBuckets")
                        .build(),
                Events.user("alice", "AKIAALICE", "2024-03-01T10:02:00Z", "GetObject").build(),
                Events.role("AWSReservedSSO_Admin_abc", "bob@example.com", "2024-03-01T10:03:00Z", "ListBuckets")
                        .build(),
                Events.role("ci-deploy", "run-1", "2024-03-01T10:04:00Z", "ListBuckets").build(),
                Events.role("ci-deploy", "run-2", "2024-03-01T10:05:00Z", "ListBuckets").build());
        RunStats plain = new RunStats();
        RunStats fast = new RunStats();
        for (CloudTrailEvent e : events) {
            plain.saw(e.time(), e.accountId(), e.principal().key());
            fast.saw(e.time(), e.accountId(), e.principal().key(), profileOf(e));
        }
        // accounts include a null (not counted) and equal ids in distinct instances
        String[] accounts = {null, "111122223333", new String("111122223333"), "444455556666", null,
                new String("444455556666")};
        for (String a : accounts) {
            plain.saw(0, a, new String("arn:aws:iam::111122223333:user/alice"));
            fast.saw(0, a, new String("arn:aws:iam::111122223333:user/alice"), stage.get(
                    "arn:aws:iam::111122223333:user/alice"));
        }
        assertThat(fast.principals).isEqualTo(plain.principals)
                .containsExactlyInAnyOrder("arn:aws:iam::111122223333:user/alice",
                        "role:111122223333:AWSReservedSSO_Admin_abc", "role:111122223333:ci-deploy");
        assertThat(fast.accounts).isEqualTo(plain.accounts).containsExactlyInAnyOrder("111122223333", "444455556666");
        assertThat(fast.eventsProcessed).isEqualTo(plain.eventsProcessed).isEqualTo(12);
        assertThat(fast.firstEventTime).isEqualTo(plain.firstEventTime).isZero();
        assertThat(fast.lastEventTime).isEqualTo(plain.lastEventTime);
    }

    @Test
    void aProfileMarkedByOneRunIsCountedAgainByAnother() {
        CloudTrailEvent e = Events.user("alice", "AKIAALICE", "2024-03-01T10:00:00Z", "ListBuckets").build();
        Profile p = profileOf(e);
        RunStats first = new RunStats();
        first.saw(e.time(), e.accountId(), e.principal().key(), p);
        RunStats second = new RunStats();
        second.saw(e.time(), e.accountId(), e.principal().key(), p);
        assertThat(second.principals).containsExactly("arn:aws:iam::111122223333:user/alice");
    }

    @Test
    void aProfileSeenUnderAnotherPrincipalKeyCountsThatKeyToo() {
        CloudTrailEvent e = Events.user("alice", "AKIAALICE", "2024-03-01T10:00:00Z", "ListBuckets").build();
        Profile p = profileOf(e);
        RunStats s = new RunStats();
        s.saw(e.time(), "111122223333", "key-a", p);
        s.saw(e.time(), "111122223333", "key-b", p);
        s.saw(e.time(), "111122223333", "key-a", p);
        assertThat(s.principals).containsExactlyInAnyOrder("key-a", "key-b");
    }

    @Test
    void manyAccountsCollidingInTheRecentTableAreAllCounted() {
        RunStats s = new RunStats();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                s.saw(i, String.format("%012d", i * 7919L), "p");
            }
        }
        assertThat(s.accounts).hasSize(100);
    }
}
