package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.Principal;
import io.trailwarden.event.UserIdentity;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {
    private static UserIdentity role(IdentityCache c, String session, String account) {
        return c.identity("AssumedRole", "arn:aws:sts::" + account + ":assumed-role/deploy/" + session, "AROAX:" + session,
                account, "ASIAEXAMPLE", null, null, "Role", "arn:aws:iam::" + account + ":role/deploy", "deploy",
                Boolean.FALSE, null, null);
    }

    @Test
    void theSameCallerSharesOneIdentityAndOnePrincipalEvenFromEqualButDistinctStrings() {
        IdentityCache c = new IdentityCache(64);
        UserIdentity a = role(c, "ci", "111122223333");
        UserIdentity b = role(c, new String("ci"), new String("111122223333"));
        assertThat(b).isSameAs(a);
        Principal p = c.principal(a, "111122223333");
        assertThat(c.principal(b, new String("111122223333"))).isSameAs(p);
        assertThat(p).isEqualTo(Principal.of(a, "111122223333"));
        assertThat(p.key()).isEqualTo("role:111122223333:deploy");
    }

    @Test
    void anotherRecipientAccountGetsItsOwnPrincipal() {
        IdentityCache c = new IdentityCache(64);
        UserIdentity id = c.identity("AWSService", null, null, null, null, null, "ec2.amazonaws.com", null, null, null,
                null, null, null);
        Principal first = c.principal(id, "111122223333");
        Principal other = c.principal(id, "444455556666");
        assertThat(other).isEqualTo(Principal.of(id, "444455556666"));
        assertThat(first).isEqualTo(Principal.of(id, "111122223333"));
    }

    @Test
    void identitiesDifferingInAnyFieldAreNeverShared() {
        IdentityCache c = new IdentityCache(64);
        UserIdentity a = role(c, "ci", "111122223333");
        UserIdentity mfa = c.identity("AssumedRole", a.arn(), a.principalId(), a.accountId(), a.accessKeyId(), null,
                null, "Role", a.issuerArn(), "deploy", Boolean.TRUE, null, null);
        UserIdentity source = c.identity("AssumedRole", a.arn(), a.principalId(), a.accountId(), a.accessKeyId(), null,
                null, "Role", a.issuerArn(), "deploy", Boolean.FALSE, null, "alice@example.com");
        assertThat(mfa).isNotSameAs(a);
        assertThat(mfa.mfaAuthenticated()).isTrue();
        assertThat(c.principal(source, "111122223333").profileKey()).isEqualTo("role:111122223333:deploy/alice@example.com");
        assertThat(c.principal(a, "111122223333").profileKey()).isEqualTo("role:111122223333:deploy");
    }

    @Test
    void moreCallersThanSlotsStayCorrect() {
        IdentityCache c = new IdentityCache(16);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 500; i++) {
                UserIdentity id = role(c, "s" + i, "1111222233" + (i % 10) + "3");
                assertThat(id.arn()).endsWith("/s" + i);
                Principal p = c.principal(id, id.accountId());
                assertThat(p).isEqualTo(Principal.of(id, id.accountId()));
            }
        }
    }
}
