package io.trailwarden.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowRuleTest {
    private static final SourceEnricher GEO = ip -> ip.startsWith("185.")
            ? new SourceInfo(ip, NetworkClass.HOSTING, true, "NL", "Amsterdam", 60781, "LeaseWeb Netherlands B.V.")
            : new SourceInfo(ip, NetworkClass.ISP, true, "US", "Boston", 7922, "Comcast Cable Communications, LLC");

    private static Finding.Draft draft(String principalArn, List<String> ips, List<String> agents) {
        Finding.Draft d = Finding.draft("offensive-user-agent").credential("AKIAX").title("t").time(0)
                .principalArn(principalArn);
        ips.forEach(d::sourceIp);
        agents.forEach(d::userAgent);
        return d;
    }

    private static AllowRule cidrs(String... c) {
        return new AllowRule("r", List.of(c), List.of(), List.of(), List.of(), Set.of());
    }

    @Test
    void cidrRuleMatchesOnlyWhenEverySourceIpIsInside() {
        AllowRule r = cidrs("203.0.113.0/24", "2001:db8::/32");
        assertThat(r.matches(draft("a", List.of("203.0.113.9"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of("203.0.113.9", "2001:db8:1::5"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of("203.0.113.9", "198.51.100.1"), List.of()), GEO))
                .as("one trusted address never hides an attacker's").isFalse();
        assertThat(r.matches(draft("a", List.of(), List.of()), GEO)).as("no IP: nothing to trust").isFalse();
    }

    @Test
    void cidrPrefixesAreHonouredToTheBit() {
        AllowRule r = cidrs("10.0.0.128/25");
        assertThat(r.matches(draft("a", List.of("10.0.0.128"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of("10.0.0.255"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of("10.0.0.127"), List.of()), GEO)).isFalse();
        assertThat(cidrs("198.51.100.7").matches(draft("a", List.of("198.51.100.7"), List.of()), GEO)).isTrue();
        assertThat(cidrs("0.0.0.0/0").matches(draft("a", List.of("8.8.8.8"), List.of()), GEO)).isTrue();
        assertThat(cidrs("0.0.0.0/0").matches(draft("a", List.of("2001:db8::1"), List.of()), GEO))
                .as("an IPv4 rule never matches an IPv6 address").isFalse();
    }

    @Test
    void sourcesThatAreNotIpAddressesNeverMatchACidr() {
        AllowRule r = cidrs("0.0.0.0/0");
        for (String s : List.of("035.249.253.232", "AWS Internal", "ec2.amazonaws.com", "1.2.3", "256.1.1.1",
                "localhost", "example.com", "1.2.3.4.5", "::g")) {
            assertThat(r.matches(draft("a", List.of(s), List.of()), GEO)).as(s).isFalse();
        }
    }

    @Test
    void principalGlobMatchesArnsWithStarsAndTreatsEverythingElseLiterally() {
        AllowRule r = new AllowRule("red-team", List.of(), List.of("arn:aws:iam::*:user/redteam-*"), List.of(), List.of(), Set.of());
        assertThat(r.matches(draft("arn:aws:iam::111122223333:user/redteam-alice", List.of(), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("arn:aws:iam::111122223333:user/alice", List.of(), List.of()), GEO)).isFalse();
        AllowRule dot = new AllowRule("x", List.of(), List.of("arn:aws:iam::111122223333:user/a.b"), List.of(), List.of(), Set.of());
        assertThat(dot.matches(draft("arn:aws:iam::111122223333:user/aXb", List.of(), List.of()), GEO)).isFalse();
        assertThat(dot.matches(draft(null, List.of(), List.of()), GEO)).isFalse();
    }

    @Test
    void asOrganisationRuleMatchesByCaseInsensitivePrefixOfEveryIp() {
        AllowRule r = new AllowRule("vpn", List.of(), List.of(), List.of("leaseweb"), List.of(), Set.of());
        assertThat(r.matches(draft("a", List.of("185.1.1.1"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of("185.1.1.1", "24.1.1.1"), List.of()), GEO)).isFalse();
        assertThat(r.matches(draft("a", List.of("185.1.1.1"), List.of()), new BasicSourceEnricher()))
                .as("no AS data, no match").isFalse();
    }

    @Test
    void userAgentRuleIsARegexThatEveryAgentMustContain() {
        AllowRule r = new AllowRule("scanner", List.of(), List.of(), List.of(), List.of("^Prowler/\\d", "kali"), Set.of());
        assertThat(r.matches(draft("a", List.of(), List.of("Prowler/3.1 botocore")), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of(), List.of("aws-cli/1 Linux/5.15.0-kali3")), GEO)).isTrue();
        assertThat(r.matches(draft("a", List.of(), List.of("Prowler/3.1", "Boto3/1.0")), GEO)).isFalse();
        assertThat(r.matches(draft("a", List.of(), List.of()), GEO)).isFalse();
    }

    @Test
    void everyGivenFieldMustMatchAndDetectionsScopeTheRule() {
        AllowRule r = new AllowRule("pentest", List.of("203.0.113.0/24"), List.of("*:user/pentester"), List.of(), List.of(),
                Set.of("offensive-user-agent"));
        assertThat(r.matches(draft("arn:aws:iam::1:user/pentester", List.of("203.0.113.1"), List.of()), GEO)).isTrue();
        assertThat(r.matches(draft("arn:aws:iam::1:user/pentester", List.of("198.51.100.1"), List.of()), GEO)).isFalse();
        assertThat(r.matches(draft("arn:aws:iam::1:user/bob", List.of("203.0.113.1"), List.of()), GEO)).isFalse();
        Finding.Draft other = Finding.draft("new-user-agent").credential("AKIAX").title("t").time(0)
                .principalArn("arn:aws:iam::1:user/pentester").sourceIp("203.0.113.1");
        assertThat(r.matches(other, GEO)).isFalse();
    }

    @Test
    void aRuleThatMatchesNothingOrABadCidrIsRefused() {
        assertThatThrownBy(() -> new AllowRule("empty", List.of(), List.of(), List.of(), List.of(), Set.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> cidrs("10.0.0.0/40")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> cidrs("corp-vpn")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corp-vpn");
        assertThatThrownBy(() -> cidrs("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
