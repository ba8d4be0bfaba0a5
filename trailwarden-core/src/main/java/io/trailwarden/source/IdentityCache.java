package io.trailwarden.source;

import io.trailwarden.event.Principal;
import io.trailwarden.event.UserIdentity;
import java.util.Objects;

/**
 * Shares one {@link UserIdentity} and one {@link Principal} between the records of the same caller. A
 * principal's key ({@code role:<account>:<name>}, its profile key) is a string built from the identity; built
 * per record, every map keyed by it downstream (profiles, detector states, run counters) would hash and compare
 * its characters again for every event. Shared, the string and its cached hash are computed once per caller.
 *
 * <p>Direct-mapped like {@link io.trailwarden.util.Interner}: a slot holds the last identity that hashed to it, and
 * a hit needs every field to be equal, so a collision costs a rebuild, never a wrong principal. The fields come from
 * the interner, so they are compared by reference first. Not thread-safe: one per decoding thread.
 */
final class IdentityCache {
    private final UserIdentity[] identities;
    private final String[] recipients;
    private final Principal[] principals;
    private final int mask;

    IdentityCache(int slots) {
        int n = Integer.highestOneBit(Math.max(16, slots - 1)) << 1;
        identities = new UserIdentity[n];
        recipients = new String[n];
        principals = new Principal[n];
        mask = n - 1;
    }

    /** The shared identity equal to these fields. */
    UserIdentity identity(String type, String arn, String principalId, String accountId, String accessKeyId,
                          String userName, String invokedBy, String issuerType, String issuerArn, String issuerName,
                          Boolean mfa, Boolean fromConsole, String sourceIdentity) {
        int h = hash(arn) * 31 + hash(accessKeyId);
        h = h * 31 + hash(principalId);
        h = h * 31 + hash(issuerArn);
        int slot = spread(h) & mask;
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
        principals[slot] = null;
        recipients[slot] = null;
        return id;
    }

    /** The principal of {@code id} (an identity this cache returned, or any) for a record of {@code recipient}. */
    Principal principal(UserIdentity id, String recipient) {
        int h = hash(id.arn()) * 31 + hash(id.accessKeyId());
        h = h * 31 + hash(id.principalId());
        h = h * 31 + hash(id.issuerArn());
        int slot = spread(h) & mask;
        Principal p = principals[slot];
        if (p != null && identities[slot] == id && same(recipients[slot], recipient)) {
            return p;
        }
        p = Principal.of(id, recipient);
        if (identities[slot] == id) {
            principals[slot] = p;
            recipients[slot] = recipient;
        }
        return p;
    }

    private static boolean same(String a, String b) {
        return a == b || a != null && a.equals(b);
    }

    private static int hash(String s) {
        return s == null ? 0 : s.hashCode();
    }

    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
