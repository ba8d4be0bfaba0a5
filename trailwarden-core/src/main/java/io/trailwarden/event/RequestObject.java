package io.trailwarden.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * The object a call acted on, read from its {@code requestParameters} on demand (only when a finding
 * needs it): an S3 bucket and key, a secret, a role, a user, a policy, a function, an instance...
 * The first field found in {@link #FIELDS} order wins, at any depth (EC2 nests instance IDs in
 * {@code instancesSet.items}). Attacker-controlled: callers treat the result as data.
 */
public final class RequestObject {
    /** Field names naming the object, most specific first. */
    public static final List<String> FIELDS = List.of("bucketName", "secretId", "roleName", "userName",
            "groupName", "policyArn", "policyName", "functionName", "keyId", "trailName", "stackName", "tableName",
            "instanceId", "snapshotId", "volumeId", "imageId", "dBInstanceIdentifier", "dBClusterIdentifier",
            "clusterName", "repositoryName", "topicArn", "queueUrl", "logGroupName", "groupId", "roleArn",
            "resourceArn", "arn", "names", "name");
    static final int MAX_LENGTH = 256;
    private static final JsonFactory JSON = new JsonFactory();

    private RequestObject() {
    }

    /** The object named by the request, or null when there is none (or the JSON is not readable). */
    public static String of(String requestParameters) {
        if (requestParameters == null || requestParameters.length() < 2) {
            return null;
        }
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        String bucketKey = null;
        try (JsonParser p = JSON.createParser(requestParameters)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    // a list of names (SSM GetParameters): its first string stands for the object;
                    // a list of objects (EC2 instancesSet.items) is walked into
                    JsonToken first = p.nextToken();
                    if (first == JsonToken.VALUE_STRING) {
                        int rank = FIELDS.indexOf(name);
                        if (rank >= 0 && rank < bestRank) {
                            best = p.getText();
                            bestRank = rank;
                        }
                        skipRestOfArray(p);
                    } else if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY
                            && first != JsonToken.END_ARRAY) {
                        skipRestOfArray(p);
                    }
                    continue;
                }
                if (v != JsonToken.VALUE_STRING) {
                    continue;
                }
                if ("key".equals(name) && bucketKey == null) {
                    bucketKey = p.getText();
                    continue;
                }
                int rank = FIELDS.indexOf(name);
                if (rank >= 0 && rank < bestRank) {
                    best = p.getText();
                    bestRank = rank;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable parameters: whatever was found so far
        }
        if (best != null && bestRank == 0 && bucketKey != null) {
            best = best + "/" + bucketKey;
        }
        if (best != null && best.length() > MAX_LENGTH) {
            best = best.substring(0, MAX_LENGTH) + "…";
        }
        return best;
    }

    private static void skipRestOfArray(JsonParser p) throws IOException {
        int depth = 1;
        JsonToken t;
        while (depth > 0 && (t = p.nextToken()) != null) {
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                depth++;
            } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                depth--;
            }
        }
    }
}
