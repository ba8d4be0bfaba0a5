package io.trailwarden.event;

/**
 * Who made a call, stable across sessions (DETECTIONS.md, Principal).
 *
 * @param key         the profile and state key: a role by account + role name, a user by ARN
 * @param arn         the ARN shown in findings (the role ARN for assumed roles when known)
 * @param type        the userIdentity type
 * @param sessionName the role session name, or null
 * @param profileKey  the key profiles are kept under: {@code key}, or (role, session name) for SSO roles
 *                    and roles with a sourceIdentity, whose session name is a stable person
 */
public record Principal(String key, String arn, String type, String sessionName, String profileKey) {

    static final Principal UNKNOWN = new Principal("unknown", null, null, null, "unknown");

    /**
     * The principals built last, shared by every decoding thread, so that the millions of events of one
     * identity share one Principal and one instance of each key string: the engine looks these keys up in
     * a dozen maps per event, and a shared instance hits by identity where a fresh one costs a hash
     * computation and a full comparison each time (and the decoder saves building three strings).
     *
     * <p>Direct-mapped like {@link io.trailwarden.util.Interner}: a slot holds the last identity that hashed
     * to it; a collision replaces it and the principal is built again. Reads and writes race on purpose:
     * an entry has only final fields, so any thread that sees it sees it whole, and it is only used after
     * every input of {@link #build} compares equal.
     */
    private static final Built[] BUILT = new Built[1 << 12];

    /** What {@link #build} reads from an identity, and what it made of it. */
    private record Built(String type, String arn, String account, String principalId, String issuerName,
                         String issuerArn, String sourceIdentity, String invokedBy, Principal principal) {

        boolean matches(UserIdentity id, String account) {
            return same(type, id.type()) && same(arn, id.arn()) && same(this.account, account)
                    && same(principalId, id.principalId()) && same(issuerName, id.issuerName())
                    && same(issuerArn, id.issuerArn()) && same(sourceIdentity, id.sourceIdentity())
                    && same(invokedBy, id.invokedBy());
        }

        private static boolean same(String a, String b) {
            return a == b || (a != null && a.equals(b));
        }
    }

    static Principal of(UserIdentity id, String recipientAccount) {
        String account = id.accountId() != null ? id.accountId() : recipientAccount;
        int h = 31 * java.util.Objects.hashCode(id.arn()) + java.util.Objects.hashCode(id.principalId());
        h ^= h >>> 16;
        int slot = (h * 0x85ebca6b >>> 20) & (BUILT.length - 1);
        Built b = BUILT[slot];
        if (b != null && b.matches(id, account)) {
            return b.principal;
        }
        Principal p = build(id, account);
        BUILT[slot] = new Built(id.type(), id.arn(), account, id.principalId(), id.issuerName(), id.issuerArn(),
                id.sourceIdentity(), id.invokedBy(), p);
        return p;
    }

    private static Principal build(UserIdentity id, String account) {
        String type = id.type();
        if (type == null) {
            return id.arn() != null ? new Principal(id.arn(), id.arn(), null, null, id.arn()) : UNKNOWN;
        }
        switch (type) {
            case "AssumedRole": {
                String session = sessionName(id.arn());
                String roleName = id.issuerName();
                String roleArn = id.issuerArn();
                if (roleName == null && roleArn != null) {
                    roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
                }
                if (roleName == null) {
                    roleName = roleNameFromAssumedArn(id.arn());
                }
                if (roleArn == null && roleName != null && account != null) {
                    roleArn = "arn:aws:iam::" + account + ":role/" + roleName;
                }
                if (roleName == null) {
                    String k = id.arn() != null ? id.arn() : id.principalId();
                    return k == null ? UNKNOWN : new Principal(k, k, type, session, k);
                }
                String key = "role:" + account + ":" + roleName;
                boolean personal = roleName.startsWith("AWSReservedSSO_") || id.sourceIdentity() != null;
                String person = id.sourceIdentity() != null ? id.sourceIdentity() : session;
                String profileKey = personal && person != null ? key + "/" + person : key;
                return new Principal(key, roleArn, type, session, profileKey);
            }
            case "Root": {
                String arn = id.arn() != null ? id.arn() : "arn:aws:iam::" + account + ":root";
                return new Principal(arn, arn, type, null, arn);
            }
            default: {
                String k = id.arn() != null ? id.arn() : id.principalId() != null ? id.principalId()
                        : id.invokedBy() != null ? id.invokedBy() : null;
                if (k == null) {
                    return new Principal("unknown:" + type, null, type, null, "unknown:" + type);
                }
                return new Principal(k, id.arn(), type, null, k);
            }
        }
    }

    /** {@code arn:aws:sts::<acct>:assumed-role/<name>/<session>} → session. */
    static String sessionName(String assumedArn) {
        if (assumedArn == null) {
            return null;
        }
        int i = assumedArn.indexOf(":assumed-role/");
        if (i < 0) {
            return null;
        }
        int slash = assumedArn.indexOf('/', i + ":assumed-role/".length());
        return slash < 0 ? null : assumedArn.substring(slash + 1);
    }

    static String roleNameFromAssumedArn(String assumedArn) {
        if (assumedArn == null) {
            return null;
        }
        int i = assumedArn.indexOf(":assumed-role/");
        if (i < 0) {
            return null;
        }
        int start = i + ":assumed-role/".length();
        int slash = assumedArn.indexOf('/', start);
        return slash < 0 ? assumedArn.substring(start) : assumedArn.substring(start, slash);
    }
}
