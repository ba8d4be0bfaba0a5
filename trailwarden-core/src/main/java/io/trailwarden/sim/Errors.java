package io.trailwarden.sim;

/** The ordinary errors of a working organisation: missing resources, validation, throttling. */
final class Errors {
    private Errors() {
    }

    /** Turns {@code e} into an ordinary (non-denial) failure fitting its API. */
    static void ordinary(Ev e, Rng r) {
        String n = e.api.name;
        String svc = e.api.prefix;
        String res = e.arg != null ? e.arg : "x-" + Ids.hex(r.nextLong(), 6);
        if (r.chance(0.15)) {
            e.error("ThrottlingException", "Rate exceeded");
            return;
        }
        switch (svc) {
            case "iam" -> e.error("NoSuchEntity", n.contains("Role") ? "The role with name " + res + " cannot be found."
                    : "The user with name " + res + " cannot be found.");
            case "s3" -> {
                if (n.equals("GetBucketPolicy")) {
                    e.error("NoSuchBucketPolicy", "The bucket policy does not exist");
                } else if (n.equals("GetBucketEncryption")) {
                    e.error("ServerSideEncryptionConfigurationNotFoundError",
                            "The server side encryption configuration was not found");
                } else if (e.api.data) {
                    e.error("NoSuchKey", "The specified key does not exist.");
                } else {
                    e.error("NoSuchBucket", "The specified bucket does not exist");
                }
            }
            case "secretsmanager" -> e.error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            case "ssm" -> e.error("ParameterNotFound", null);
            case "lambda" -> e.error("ResourceNotFoundException", "Function not found: arn:aws:lambda:" + e.region + ":"
                    + e.account + ":function:" + res);
            case "dynamodb" -> e.error("ResourceNotFoundException", "Requested resource not found: Table: " + res
                    + " not found");
            case "logs" -> e.error("ResourceNotFoundException", "The specified log group does not exist.");
            case "cloudformation" -> e.error("ValidationError", "Stack with id " + res + " does not exist");
            case "ec2" -> e.error("Client.InvalidInstanceID.NotFound", "The instance ID 'i-" + Ids.hex(r.nextLong(), 17)
                    + "' does not exist");
            case "ecs" -> e.error("ClusterNotFoundException", "Cluster not found.");
            case "athena" -> e.error("InvalidRequestException", "Query has not yet finished. Current state: RUNNING");
            default -> e.error("ValidationException", "1 validation error detected: Value at 'maxResults' failed to "
                    + "satisfy constraint: Member must have value less than or equal to 100");
        }
    }
}
