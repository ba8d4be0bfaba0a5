package io.trailwarden.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileTableTest {
    private static Profile profile(String key, long lastSeen) {
        Profile p = new Profile(key);
        p.lastSeen = lastSeen;
        return p;
    }

    @Test
    void findsProfilesByEqualKeysAndKeepsCollidingKeysApart() {
        ProfileTable t = new ProfileTable();
        Profile aa = profile("Aa", 1);
        Profile bb = profile("BB", 1);
        t.add(aa);
        t.add(bb);
        assertThat(t.get(new String("Aa"))).isSameAs(aa);
        assertThat(t.get("BB")).isSameAs(bb);
        assertThat(t.get("Ab")).isNull();
    }

    @Test
    void growsKeepingEveryProfile() {
        ProfileTable t = new ProfileTable();
        int before = t.slots();
        for (int i = 0; i < 300; i++) {
            t.add(profile("arn:aws:iam::111122223333:user/u" + i, i));
        }
        assertThat(t.slots()).isGreaterThan(before);
        assertThat(t.size()).isEqualTo(300);
        assertThat(t.all()).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(t.get("arn:aws:iam::111122223333:user/u" + i).lastSeen()).isEqualTo(i);
        }
    }

    @Test
    void theSweepDropsProfilesLastSeenBeforeTheCutoffAndShrinks() {
        ProfileTable t = new ProfileTable();
        for (int i = 0; i < 300; i++) {
            t.add(profile("u" + i, i));
        }
        int grown = t.slots();
        t.removeLastSeenBefore(295);
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.slots()).isLessThan(grown);
        assertThat(t.get("u294")).isNull();
        assertThat(t.get("u295").lastSeen()).isEqualTo(295);
        t.add(profile("u1", 400));
        assertThat(t.get("u1").lastSeen()).isEqualTo(400);
        t.removeLastSeenBefore(Long.MAX_VALUE);
        assertThat(t.size()).isZero();
        assertThat(t.all()).isEmpty();
    }
}
