package io.trailwarden.sim;

/**
 * One event to write, kept compact: everything else in the record (IDs, parameters, TLS details) is derived
 * from {@link #uid} when the file is written, so writing is a pure function of this object.
 */
final class Ev {
    long time;
    long delivery;
    long uid;
    String account;
    String region;
    Identity who;
    /** The temporary credentials used, or null for a long-term key (or an AWS service). */
    Session session;
    /** An AWS service acting for the principal ({@code userIdentity.invokedBy}), or null. */
    String invokedBy;
    Api api;
    String ip;
    String ua;
    String errorCode;
    String errorMessage;
    /** The resource the call is about (bucket/key, secret, parameter, user name...), or null. */
    String arg;
    /** A second detail (target role for AssumeRole, policy ARN...), or null. */
    String arg2;
    /** Session minted by AssumeRole-type calls. */
    Session minted;
    String vpcEndpoint;
    String eventType = "AwsApiCall";
    /** Whether delivery may be very late (never for attacks and traps). */
    boolean mayBeVeryLate = true;

    Ev denied(String resourceArn) {
        this.errorCode = api.deniedCode();
        this.errorMessage = api.deniedMessage(callerArn(), resourceArn);
        return this;
    }

    Ev error(String code, String message) {
        this.errorCode = code;
        this.errorMessage = message;
        return this;
    }

    String callerArn() {
        if (session != null) {
            return session.arn();
        }
        return who.arn;
    }

    String accessKey() {
        if (session != null) {
            return session.key;
        }
        return who.accessKey;
    }
}
