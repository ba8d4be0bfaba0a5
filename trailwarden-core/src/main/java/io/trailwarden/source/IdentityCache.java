package io.trailwarden.source;

import io.trailwarden.event.UserIdentity;
import io.trailwarden.util.StringSlots;
import java.util.Objects;

/**
 * Shares one {@link UserIdentity} between the records of the same caller: one allocation fewer per record, and
 * {@link io.trailwarden.event.Principal#of}, which memoises the principal built from an identity, then matches it
 * by reference.
 *
 * <p>Direct-mapped like {@link io.trailwarden.util.Interner}: a slot holds the last identity that hashed to it, and
 * a hit needs every field to be equal, so a collision costs a new instance, never a wrong identity. The fields come from
 * the interner, so they are compared by reference first. Not thread-safe: one per decoding thread.
 */
final class IdentityCache {
    private final UserIdentity[] identities;
    private final int mask;

    IdentityCache(int slots) {
        int n = Integer.highestOneBit(Math.max(16, slots - 1)) << 1;
        identities = new UserIdentity[n];
        mask = n - 1;
    }

    /** The shared identity equal to these fields. */
    UserIdentity identity(String type, String arn, String principalId, String accountId, String accessKeyId,
                          String userName, String invokedBy, String issuerType, String issuerArn, String issuerName,
                          Boolean mfa, Boolean fromConsole, String sourceIdentity) {
        int h = hash(arn) * 31 + hash(accessKeyId);
        h = h * 31 + hash(principalId);
        h = h * 31 + hash(issuerArn);
        int slot = StringSlots.spread(h) & mask;
        UserIdentity c = identities[slot];
        if (c != null && same(c.arn(), arn) && same(c.accessKeyId(), accessKeyId)
                && same(c.principalId(), principalId) && same(c.type(), type) && same(c.accountId(), accountId)
                && same(c.userName(), userName) && same(c.invokedBy(), invokedBy)
                && same(c.issuerType(), issuerType) && same(c.issuerArn(), issuerArn)
                && same(c.issuerName(), issuerName) && Objects.equals(c.mfaAuthenticated(), mfa)
                && Objects.equals(c.sessionCredentialFromConsole(), fromConsole)
                && same(c.sourceIdentity(), sourceIdentity)) {
            return c;
        }
        UserIdentity id = new UserIdentity(type, arn, principalId, accountId, accessKeyId, userName, invokedBy,
                issuerType, issuerArn, issuerName, mfa, fromConsole, sourceIdentity);
        identities[slot] = id;
        return id;
    }

    private static boolean same(String a, String b) {
        return a == b || a != null && a.equals(b);
    }

    private static int hash(String s) {
        return s == null ? 0 : s.hashCode();
    }

}
