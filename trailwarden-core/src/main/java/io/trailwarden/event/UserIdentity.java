package io.trailwarden.event;

/**
 * The {@code userIdentity} block of a CloudTrail record, as far as detections and analysts use it.
 * Every field may be null: CloudTrail omits what does not apply.
 */
public record UserIdentity(
        String type,
        String arn,
        String principalId,
        String accountId,
        String accessKeyId,
        String userName,
        String invokedBy,
        String issuerType,
        String issuerArn,
        String issuerName,
        Boolean mfaAuthenticated,
        Boolean sessionCredentialFromConsole,
        String sourceIdentity) {

    public static final UserIdentity EMPTY =
            new UserIdentity(null, null, null, null, null, null, null, null, null, null, null, null, null);
}
