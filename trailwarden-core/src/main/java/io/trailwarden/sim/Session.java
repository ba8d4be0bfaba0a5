package io.trailwarden.sim;

/**
 * Temporary credentials: a role session (instance, Lambda, CI run, SSO sign-in) or an IAM user's console
 * session. Each has its own ASIA key.
 */
final class Session {
    final Identity who;
    final String name;
    final String key;
    final long created;
    final boolean mfa;
    final boolean console;
    final String sourceIdentity;

    Session(Identity who, String name, long created, boolean mfa, boolean console, String sourceIdentity, long salt) {
        this.who = who;
        this.name = name;
        this.created = created;
        this.mfa = mfa;
        this.console = console;
        this.sourceIdentity = sourceIdentity;
        this.key = Ids.accessKey("ASIA", Rng.mix(salt ^ Rng.hash(who.arn + "/" + name) ^ created));
    }

    String arn() {
        return who.type == Identity.Type.ROLE ? who.assumedArn(name) : who.arn;
    }
}
