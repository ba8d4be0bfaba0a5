package io.trailwarden.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.event.UserIdentity;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {
    private static UserIdentity role(IdentityCache c, String session, String account) {
        return c.identity("AssumedRole", "arn:aws:sts::" + account + ":assumed-role/deploy/" + session, "AROAX:" + session,
                account, "ASIAEXAMPLE", null, null, "Role", "arn:aws:iam::" + account + ":role/deploy", "deploy",
                Boolean.FALSE, null, null);
    }

    @Test
    void theSameCallerSharesOneIdentityEvenFromEqualButDistinctStrings() {
        IdentityCache c = new IdentityCache(64);
        UserIdentity a = role(c, "ci", "111122223333");
        UserIdentity b = role(c, new String("ci"), new String("111122223333"));
        assertThat(b).isSameAs(a);
        assertThat(a.accountId()).isEqualTo("111122223333");
        assertThat(a.issuerName()).isEqualTo("deploy");
    }

    @Test
    void identitiesDifferingInAnyFieldAreNeverShared() {
        IdentityCache c = new IdentityCache(64);
        UserIdentity a = role(c, "ci", "111122223333");
        UserIdentity mfa = c.identity("AssumedRole", a.arn(), a.principalId(), a.accountId(), a.accessKeyId(), null,
                null, "Role", a.issuerArn(), "deploy", Boolean.TRUE, null, null);
        UserIdentity source = c.identity("AssumedRole", a.arn(), a.principalId(), a.accountId(), a.accessKeyId(), null,
                null, "Role", a.issuerArn(), "deploy", Boolean.FALSE, null, "alice@example.com");
        UserIdentity console = c.identity("AssumedRole", a.arn(), a.principalId(), a.accountId(), a.accessKeyId(), null,
                null, "Role", a.issuerArn(), "deploy", Boolean.FALSE, Boolean.TRUE, null);
        assertThat(mfa).isNotSameAs(a);
        assertThat(mfa.mfaAuthenticated()).isTrue();
        assertThat(source.sourceIdentity()).isEqualTo("alice@example.com");
        assertThat(console.sessionCredentialFromConsole()).isTrue();
        assertThat(role(c, "ci", "111122223333").sourceIdentity()).isNull();
    }

    @Test
    void moreCallersThanSlotsStayCorrect() {
        IdentityCache c = new IdentityCache(16);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 500; i++) {
                String account = "1111222233" + (i % 10) + "3";
                UserIdentity id = role(c, "s" + i, account);
                assertThat(id.arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/deploy/s" + i);
                assertThat(id.principalId()).isEqualTo("AROAX:s" + i);
            }
        }
    }
}
