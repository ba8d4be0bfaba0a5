package io.trailwarden.detect.expel;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffensiveUserAgentTest {
    static final String EXPEL_UA = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";

    private DetectorHarness harness() {
        return new DetectorHarness(new OffensiveUserAgent(Params.defaults(OffensiveUserAgent.INFO)));
    }

    @Test
    void expelKaliUserAgentFiresMediumOnTheLongTermKey() {
        List<Finding> f = harness()
                .feed(Events.user("svc-mailer", "AKIAEXPEL0000000001", "2024-03-01T10:00:00Z", "GetCallerIdentity")
                        .userAgent(EXPEL_UA))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("offensive-user-agent");
            assertThat(x.credential()).isEqualTo("AKIAEXPEL0000000001");
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.risk()).isEqualTo(47);
            assertThat(x.evidence()).containsEntry("distribution", "kali");
        });
    }

    @Test
    void repeatedKaliUseWithinTwoWeeksDoesNotFireAgain() {
        List<Finding> f = harness()
                .feed(Events.user("u", "AKIAA", "2024-03-01T10:00:00Z", "GetCallerIdentity").userAgent(EXPEL_UA),
                        Events.user("u", "AKIAA", "2024-03-05T10:00:00Z", "ListUsers").userAgent(EXPEL_UA),
                        Events.user("u", "AKIAA", "2024-03-14T10:00:00Z", "ListUsers").userAgent(EXPEL_UA))
                .finish();
        assertThat(f).hasSize(1);
    }

    @Test
    void kaliAgainAfterFifteenQuietDaysFiresAgain() {
        List<Finding> f = harness()
                .feed(Events.user("u", "AKIAA", "2024-03-01T10:00:00Z", "GetCallerIdentity").userAgent(EXPEL_UA),
                        Events.user("u", "AKIAA", "2024-03-16T10:00:01Z", "ListUsers").userAgent(EXPEL_UA))
                .finish();
        assertThat(f).hasSize(2);
    }

    @Test
    void ordinaryCliOnUbuntuDoesNotFire() {
        List<Finding> f = harness()
                .feed(Events.user("u", "AKIAA", "2024-03-01T10:00:00Z", "GetCallerIdentity"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void eachCredentialFiresOnItsOwnFirstUse() {
        List<Finding> f = harness()
                .feed(Events.user("a", "AKIAA", "2024-03-01T10:00:00Z", "GetCallerIdentity").userAgent(EXPEL_UA),
                        Events.user("b", "AKIAB", "2024-03-01T10:00:05Z", "GetCallerIdentity").userAgent(EXPEL_UA))
                .finish();
        assertThat(f).extracting(Finding::credential).containsExactlyInAnyOrder("AKIAA", "AKIAB");
    }

    @Test
    void explanationSaysWhoAndFromWhichNetwork() {
        List<Finding> f = new DetectorHarness(ExpelFixtures.sources(), List.of(),
                new OffensiveUserAgent(Params.defaults(OffensiveUserAgent.INFO)))
                .feed(Events.user("svc-mailer", "AKIAEXPEL0000000001", "2024-03-01T10:00:00Z", "GetCallerIdentity")
                        .sourceIp(ExpelFixtures.ATTACKER_IP).userAgent(EXPEL_UA))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.explanation())
                .contains("user/svc-mailer", "AKIAEXPEL0000000001", ExpelFixtures.ATTACKER_IP, ExpelFixtures.ATTACKER_ORG, "kali"));
    }

    @Test
    void stateIsDroppedOnceTheWindowHasPassed() {
        DetectorHarness h = harness();
        h.feed(Events.user("u", "AKIAA", "2024-03-01T10:00:00Z", "GetCallerIdentity").userAgent(EXPEL_UA),
                Events.user("u", "AKIAA", "2024-03-10T10:00:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).containsOnlyKeys("AKIAA");
        h.feed(Events.user("u", "AKIAA", "2024-03-16T12:00:00Z", "GetCallerIdentity"));
        assertThat(h.engine().slots().get(0).states()).isEmpty();
    }
}
