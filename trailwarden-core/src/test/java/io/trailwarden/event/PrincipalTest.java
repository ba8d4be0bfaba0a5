package io.trailwarden.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Principal.of remembers what it built: repeats share one instance, and nothing else ever does. */
class PrincipalTest {

    private static UserIdentity role(String account, String role, String session, String sourceIdentity) {
        return new UserIdentity("AssumedRole", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session,
                "AROAEXAMPLE:" + session, account, "ASIAEXAMPLE", null, null, "Role",
                "arn:aws:iam::" + account + ":role/" + role, role, null, null, sourceIdentity);
    }

    @Test
    void equalIdentitiesShareOnePrincipalAndItsKeyInstances() {
        Principal a = Principal.of(role("111122223333", "deploy", "ci-1", null), "111122223333");
        Principal b = Principal.of(role(new String("111122223333"), "deploy", "ci-1", null), "111122223333");
        assertThat(b).isSameAs(a);
        assertThat(a.key()).isEqualTo("role:111122223333:deploy");
        assertThat(a.profileKey()).isEqualTo("role:111122223333:deploy");
    }

    @Test
    void anyInputThatChangesThePrincipalGivesItsOwn() {
        Principal plain = Principal.of(role("111122223333", "deploy", "s", null), "111122223333");
        Principal person = Principal.of(role("111122223333", "deploy", "s", "alice"), "111122223333");
        assertThat(person.profileKey()).isEqualTo("role:111122223333:deploy/alice");
        assertThat(plain.profileKey()).isEqualTo("role:111122223333:deploy");

        // no accountId in the identity: the recipient account decides the key
        UserIdentity noAccount = new UserIdentity("AssumedRole", "arn:aws:sts::x:assumed-role/deploy/s", "AROA:s",
                null, null, null, null, null, null, null, null, null, null);
        assertThat(Principal.of(noAccount, "111122223333").key()).isEqualTo("role:111122223333:deploy");
        assertThat(Principal.of(noAccount, "444455556666").key()).isEqualTo("role:444455556666:deploy");
        assertThat(Principal.of(noAccount, "111122223333").key()).isEqualTo("role:111122223333:deploy");

        UserIdentity user = new UserIdentity("IAMUser", "arn:aws:iam::111122223333:user/bob", "AIDA1",
                "111122223333", "AKIA1", "bob", null, null, null, null, null, null, null);
        UserIdentity invoked = new UserIdentity("IAMUser", "arn:aws:iam::111122223333:user/bob", "AIDA1",
                "111122223333", "AKIA1", "bob", "lambda.amazonaws.com", null, null, null, null, null, null);
        assertThat(Principal.of(user, null)).isEqualTo(Principal.of(invoked, null));
        assertThat(Principal.of(user, null).key()).isEqualTo("arn:aws:iam::111122223333:user/bob");
    }

    @Test
    void thousandsOfIdentitiesEachGetTheirOwnPrincipalThroughCollisions() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20_000; i++) {
                Principal p = Principal.of(role("111122223333", "r" + (i % 50), "s" + i, null), null);
                assertThat(p.key()).isEqualTo("role:111122223333:r" + (i % 50));
                assertThat(p.sessionName()).isEqualTo("s" + i);
                assertThat(p.arn()).isEqualTo("arn:aws:iam::111122223333:role/r" + (i % 50));
            }
        }
    }
}
