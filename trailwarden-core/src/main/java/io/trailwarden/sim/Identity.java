package io.trailwarden.sim;

/**
 * A principal of the simulated organisation: an IAM user (possibly with a long-term key), a role, an AWS
 * service, or a web-identity (OIDC) caller.
 */
final class Identity {
    enum Type { IAM_USER, ROLE, SERVICE, WEB_IDENTITY }

    final Type type;
    final String account;
    final String name;
    /** IAM path of a role or user, "/" by default. */
    final String path;
    final String arn;
    /** AIDA... for users, AROA... for roles. */
    final String uniqueId;
    /** Long-term key of an IAM user, or null. */
    String accessKey;

    private Identity(Type type, String account, String name, String path, String arn, String uniqueId) {
        this.type = type;
        this.account = account;
        this.name = name;
        this.path = path;
        this.arn = arn;
        this.uniqueId = uniqueId;
    }

    static Identity user(String account, String name, long seed) {
        return new Identity(Type.IAM_USER, account, name, "/", "arn:aws:iam::" + account + ":user/" + name,
                Ids.awsId("AIDA", Rng.hash(seed + "/user/" + account + "/" + name), 17));
    }

    static Identity role(String account, String name, String path, long seed) {
        return new Identity(Type.ROLE, account, name, path, "arn:aws:iam::" + account + ":role" + path + name,
                Ids.awsId("AROA", Rng.hash(seed + "/role/" + account + "/" + name), 17));
    }

    static Identity service(String serviceHost) {
        return new Identity(Type.SERVICE, null, serviceHost, "/", null, null);
    }

    static Identity webIdentity(String account, String subject) {
        return new Identity(Type.WEB_IDENTITY, account, subject, "/", null, null);
    }

    Identity withKey(long seed) {
        this.accessKey = Ids.accessKey("AKIA", Rng.hash(seed + "/key/" + arn));
        return this;
    }

    /** What Trailwarden calls the credential in findings: the long-term key, else the principal key. */
    String credential() {
        if (accessKey != null) {
            return accessKey;
        }
        if (type == Type.ROLE) {
            return "role:" + account + ":" + name;
        }
        return arn;
    }

    /** The assumed-role ARN of a session of this role. */
    String assumedArn(String sessionName) {
        return "arn:aws:sts::" + account + ":assumed-role/" + name + "/" + sessionName;
    }

    @Override
    public String toString() {
        return arn != null ? arn : name;
    }
}
