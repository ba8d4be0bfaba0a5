package io.trailwarden.testing;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.util.Times;
import java.util.concurrent.atomic.AtomicLong;

/** Builds CloudTrail events for tests, with readable defaults. */
public final class Events {
    private static final AtomicLong IDS = new AtomicLong();
    public static final String ACCOUNT = "111122223333";

    private Events() {
    }

    /** An IAM user calling with a long-term key. */
    public static CloudTrailEvent.Builder user(String userName, String accessKey, String time, String eventName) {
        return base(time, eventName).identity(new UserIdentity("IAMUser", "arn:aws:iam::" + ACCOUNT + ":user/" + userName,
                "AIDA" + userName.toUpperCase(), ACCOUNT, accessKey, userName, null, null, null, null, null, null, null));
    }

    /** An assumed role session. */
    public static CloudTrailEvent.Builder role(String roleName, String session, String time, String eventName) {
        return base(time, eventName).identity(new UserIdentity("AssumedRole",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/" + session,
                "AROAEXAMPLE:" + session, ACCOUNT, "ASIA" + Math.abs(session.hashCode()), null, null,
                "Role", "arn:aws:iam::" + ACCOUNT + ":role/" + roleName, roleName, false, null, null));
    }

    public static CloudTrailEvent.Builder base(String time, String eventName) {
        return CloudTrailEvent.builder()
                .time(Times.parseUserTime(time))
                .eventId(String.format("evt-%08d", IDS.incrementAndGet()))
                .eventSource(source(eventName))
                .eventName(eventName)
                .region("us-east-1")
                .sourceIp("198.51.100.7")
                .userAgent("aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity")
                .eventType("AwsApiCall")
                .recipientAccountId(ACCOUNT);
    }

    /** The same builder at another time (a fresh eventID). */
    public static long at(String time) {
        return Times.parseUserTime(time);
    }

    private static String source(String eventName) {
        switch (eventName) {
            case "GetCallerIdentity":
            case "AssumeRole":
            case "GetSessionToken":
                return "sts.amazonaws.com";
            case "GetSendQuota":
            case "UpdateAccountSendingEnabled":
                return "ses.amazonaws.com";
            case "ListBuckets":
            case "GetObject":
            case "PutObject":
                return "s3.amazonaws.com";
            default:
                return eventName.startsWith("Describe") ? "ec2.amazonaws.com" : "iam.amazonaws.com";
        }
    }
}
