package io.trailwarden.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** requestParameters, responseElements, additionalEventData and resources of the APIs the simulator uses. */
final class Params {
    private Params() {
    }

    static void request(JsonGenerator g, Ev e, Rng r) throws IOException {
        String a = e.arg;
        switch (e.api.name) {
            case "GetCallerIdentity", "ListUsers", "ListRoles", "ListGroups", "ListPolicies", "GetAccountSummary",
                 "ListAccountAliases", "GetAccountPasswordPolicy", "GetSendQuota", "GetSendStatistics", "ListBuckets",
                 "ListSecrets", "ListKeys", "ListAliases", "ListTopics", "GetCredentialReport",
                 "GenerateCredentialReport", "DescribeRegions", "GetAccount", "ListEmailIdentities", "ListIdentities",
                 "GetSMSAttributes", "ListTables", "ListQueues", "ListFunctions20150331", "DescribeTrails",
                 "DescribeConfigRules", "ListFoundationModels", "DescribeEventAggregates", "ListStacks",
                 "GetSessionToken" -> {
                if (e.api.name.equals("ListBuckets")) {
                    g.writeStartObject();
                    g.writeStringField("Host", "s3.amazonaws.com");
                    g.writeEndObject();
                } else if (e.api.name.equals("GetAccountAuthorizationDetails")) {
                    g.writeStartObject();
                    g.writeEndObject();
                } else {
                    g.writeNull();
                }
            }
            case "GetAccountAuthorizationDetails" -> {
                g.writeStartObject();
                g.writeArrayFieldStart("filter");
                g.writeString("User");
                g.writeString("Role");
                g.writeString("Group");
                g.writeString("LocalManagedPolicy");
                g.writeEndArray();
                g.writeEndObject();
            }
            case "UpdateAccountSendingEnabled" -> {
                g.writeStartObject();
                g.writeBooleanField("enabled", !"false".equals(a));
                g.writeEndObject();
            }
            case "DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes", "DescribeSnapshots",
                 "DescribeKeyPairs", "DescribeVpcs", "DescribeSubnets", "DescribeAddresses",
                 "DescribeNetworkInterfaces", "DescribeRouteTables", "DescribeInstanceStatus" -> {
                g.writeStartObject();
                String set = switch (e.api.name) {
                    case "DescribeInstances" -> "instancesSet";
                    case "DescribeSecurityGroups" -> "securityGroupSet";
                    case "DescribeVolumes" -> "volumeSet";
                    case "DescribeSnapshots" -> "snapshotSet";
                    case "DescribeKeyPairs" -> "keySet";
                    case "DescribeVpcs" -> "vpcSet";
                    case "DescribeSubnets" -> "subnetSet";
                    case "DescribeAddresses" -> "publicIpsSet";
                    case "DescribeNetworkInterfaces" -> "networkInterfaceIdSet";
                    case "DescribeRouteTables" -> "routeTableIdSet";
                    default -> "instancesSet";
                };
                g.writeObjectFieldStart(set);
                g.writeEndObject();
                g.writeObjectFieldStart("filterSet");
                if (e.api.name.equals("DescribeSnapshots")) {
                    g.writeArrayFieldStart("items");
                    g.writeStartObject();
                    g.writeStringField("name", "owner-id");
                    g.writeObjectFieldStart("valueSet");
                    g.writeArrayFieldStart("items");
                    g.writeStartObject();
                    g.writeStringField("value", e.account);
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                }
                g.writeEndObject();
                if (e.api.name.equals("DescribeInstances") && r.chance(0.5)) {
                    g.writeNumberField("maxResults", 1000);
                }
                g.writeEndObject();
            }
            case "DescribeImages", "DescribeTags", "DescribeLaunchTemplates", "DescribeAvailabilityZones" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("filterSet");
                g.writeEndObject();
                g.writeEndObject();
            }
            case "CreateSnapshot" -> {
                g.writeStartObject();
                g.writeStringField("volumeId", a != null ? a : "vol-" + Ids.hex(e.uid ^ 3, 17));
                g.writeStringField("description", "nightly backup " + IsoTime.format(e.time).substring(0, 10));
                g.writeEndObject();
            }
            case "DeleteSnapshot" -> {
                g.writeStartObject();
                g.writeStringField("snapshotId", "snap-" + Ids.hex(e.uid ^ 5, 17));
                g.writeEndObject();
            }
            case "CreateTags" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("resourcesSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("resourceId", "snap-" + Ids.hex(e.uid ^ 5, 17));
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("tagSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("key", "backup");
                g.writeStringField("value", "daily");
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            case "RunInstances" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("instancesSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("imageId", "ami-" + Ids.hex(Rng.hash(e.region), 17));
                g.writeNumberField("minCount", 1);
                g.writeNumberField("maxCount", 1);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeStringField("instanceType", a != null ? a : "t3.micro");
                g.writeObjectFieldStart("blockDeviceMapping");
                g.writeEndObject();
                g.writeBooleanField("monitoring", false);
                g.writeBooleanField("disableApiTermination", false);
                g.writeBooleanField("disableApiStop", false);
                g.writeBooleanField("dryRun", "Client.DryRunOperation".equals(e.errorCode));
                g.writeEndObject();
            }
            case "StartInstances", "StopInstances", "TerminateInstances" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("instancesSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("instanceId", a != null ? a : "i-" + Ids.hex(e.uid ^ 9, 17));
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                if (e.api.name.equals("StopInstances")) {
                    g.writeBooleanField("force", false);
                }
                g.writeEndObject();
            }
            case "GetObject", "PutObject", "HeadObject", "DeleteObject" -> {
                String bucket = a == null ? "data" : a.substring(0, Math.max(0, a.indexOf('/')));
                String key = a == null ? "object" : a.substring(a.indexOf('/') + 1);
                g.writeStartObject();
                g.writeStringField("bucketName", bucket);
                g.writeStringField("Host", bucket + ".s3." + e.region + ".amazonaws.com");
                g.writeStringField("key", key);
                if (e.api.name.equals("PutObject")) {
                    g.writeStringField("x-amz-server-side-encryption", "aws:kms");
                }
                g.writeEndObject();
            }
            case "ListObjects" -> {
                g.writeStartObject();
                g.writeStringField("bucketName", bucketOf(a));
                g.writeStringField("Host", bucketOf(a) + ".s3." + e.region + ".amazonaws.com");
                g.writeStringField("prefix", "");
                g.writeStringField("list-type", "2");
                g.writeEndObject();
            }
            case "GetBucketLocation", "GetBucketPolicy", "GetBucketAcl", "GetBucketVersioning", "GetBucketTagging",
                 "GetBucketEncryption", "GetBucketPublicAccessBlock", "CreateBucket", "PutBucketPolicy",
                 "PutBucketEncryption", "PutBucketTagging", "PutBucketVersioning" -> {
                String bucket = bucketOf(a);
                g.writeStartObject();
                g.writeStringField("bucketName", bucket);
                g.writeStringField("Host", bucket + ".s3." + e.region + ".amazonaws.com");
                String sub = switch (e.api.name) {
                    case "GetBucketLocation" -> "location";
                    case "GetBucketPolicy", "PutBucketPolicy" -> "policy";
                    case "GetBucketAcl" -> "acl";
                    case "GetBucketVersioning", "PutBucketVersioning" -> "versioning";
                    case "GetBucketTagging", "PutBucketTagging" -> "tagging";
                    case "GetBucketEncryption", "PutBucketEncryption" -> "encryption";
                    case "GetBucketPublicAccessBlock" -> "publicAccessBlock";
                    default -> null;
                };
                if (sub != null) {
                    g.writeStringField(sub, "");
                }
                g.writeEndObject();
            }
            case "GetSecretValue", "DescribeSecret", "PutSecretValue", "RotateSecret" -> {
                g.writeStartObject();
                g.writeStringField("secretId", a != null ? a : "prod/app/config");
                g.writeEndObject();
            }
            case "CreateSecret" -> {
                g.writeStartObject();
                g.writeStringField("name", a != null ? a : "app/secret");
                g.writeStringField("clientRequestToken", Ids.uuid(e.uid ^ 11));
                g.writeEndObject();
            }
            case "GetParameter", "PutParameter" -> {
                g.writeStartObject();
                g.writeStringField("name", a != null ? a : "/app/config");
                g.writeBooleanField("withDecryption", true);
                g.writeEndObject();
            }
            case "GetParameters" -> {
                g.writeStartObject();
                g.writeArrayFieldStart("names");
                g.writeString(a != null ? a : "/app/config");
                g.writeEndArray();
                g.writeBooleanField("withDecryption", true);
                g.writeEndObject();
            }
            case "GetParametersByPath" -> {
                g.writeStartObject();
                g.writeStringField("path", a != null ? a : "/");
                g.writeBooleanField("recursive", true);
                g.writeBooleanField("withDecryption", true);
                g.writeEndObject();
            }
            case "UpdateInstanceInformation" -> {
                g.writeStartObject();
                g.writeStringField("instanceId", a != null ? a : "i-" + Ids.hex(e.uid, 17));
                g.writeStringField("agentVersion", "3.3.1142.0");
                g.writeStringField("agentStatus", "Active");
                g.writeStringField("platformType", "Linux");
                g.writeStringField("platformName", "Amazon Linux");
                g.writeStringField("platformVersion", "2023");
                g.writeEndObject();
            }
            case "Decrypt", "GenerateDataKey", "Encrypt" -> {
                g.writeStartObject();
                if (!e.api.name.equals("Decrypt")) {
                    g.writeStringField("keyId", "arn:aws:kms:" + e.region + ":" + e.account + ":key/"
                            + Ids.uuid(Rng.hash(e.account + e.region)));
                }
                g.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
                if (a != null) {
                    g.writeObjectFieldStart("encryptionContext");
                    if (a.startsWith("arn:aws:s3")) {
                        g.writeStringField("aws:s3:arn", a);
                    } else {
                        g.writeStringField("SecretARN", a);
                    }
                    g.writeEndObject();
                }
                if (e.api.name.equals("GenerateDataKey")) {
                    g.writeStringField("keySpec", "AES_256");
                }
                g.writeEndObject();
            }
            case "AssumeRole" -> {
                g.writeStartObject();
                g.writeStringField("roleArn", a);
                g.writeStringField("roleSessionName", e.minted != null ? e.minted.name : e.arg2);
                g.writeNumberField("durationSeconds", 3600);
                g.writeEndObject();
            }
            case "AssumeRoleWithWebIdentity" -> {
                g.writeStartObject();
                g.writeStringField("roleArn", a);
                g.writeStringField("roleSessionName", e.minted != null ? e.minted.name : "GitHubActions");
                g.writeNumberField("durationSeconds", 3600);
                g.writeEndObject();
            }
            case "GetUser", "ListAccessKeys", "CreateAccessKey", "CreateUser", "CreateLoginProfile", "ListMFADevices",
                 "GetLoginProfile" -> {
                if (a == null) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    g.writeStringField("userName", a);
                    if (e.api.name.equals("CreateLoginProfile")) {
                        g.writeBooleanField("passwordResetRequired", true);
                    }
                    g.writeEndObject();
                }
            }
            case "AttachUserPolicy", "AddUserToGroup" -> {
                g.writeStartObject();
                g.writeStringField("userName", a);
                if (e.api.name.equals("AttachUserPolicy")) {
                    g.writeStringField("policyArn", e.arg2);
                } else {
                    g.writeStringField("groupName", e.arg2);
                }
                g.writeEndObject();
            }
            case "GetRole", "ListAttachedRolePolicies", "ListRolePolicies", "CreateRole", "DeleteRole", "TagRole",
                 "AttachRolePolicy", "PutRolePolicy" -> {
                g.writeStartObject();
                g.writeStringField("roleName", a != null ? a : "app-role");
                if (e.api.name.equals("AttachRolePolicy")) {
                    g.writeStringField("policyArn", e.arg2 != null ? e.arg2
                            : "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
                } else if (e.api.name.equals("PutRolePolicy")) {
                    g.writeStringField("policyName", e.arg2 != null ? e.arg2 : "inline");
                } else if (e.api.name.equals("CreateRole")) {
                    g.writeStringField("path", "/");
                    g.writeStringField("assumeRolePolicyDocument",
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                    + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
                }
                g.writeEndObject();
            }
            case "GetPolicy", "GetPolicyVersion" -> {
                g.writeStartObject();
                g.writeStringField("policyArn", a != null ? a : "arn:aws:iam::aws:policy/ReadOnlyAccess");
                if (e.api.name.equals("GetPolicyVersion")) {
                    g.writeStringField("versionId", "v1");
                }
                g.writeEndObject();
            }
            case "ConsoleLogin" -> g.writeNull();
            case "Invoke", "GetFunction20150331v2", "UpdateFunctionCode20150331v2", "CreateFunction20150331",
                 "AddPermission20150331v2", "UpdateFunctionConfiguration20150331v2", "GetPolicy20150331v2" -> {
                g.writeStartObject();
                g.writeStringField("functionName", e.api.name.equals("Invoke")
                        ? "arn:aws:lambda:" + e.region + ":" + e.account + ":function:" + (a != null ? a : "fn")
                        : (a != null ? a : "fn"));
                if (e.api.name.startsWith("UpdateFunctionCode")) {
                    g.writeBooleanField("publish", true);
                    g.writeBooleanField("dryRun", false);
                } else if (e.api.name.startsWith("CreateFunction")) {
                    g.writeStringField("runtime", "python3.12");
                    g.writeStringField("handler", "app.handler");
                }
                g.writeEndObject();
            }
            case "DescribeTable", "CreateTable", "UpdateTable", "DescribeContinuousBackups", "DescribeTimeToLive",
                 "UpdateContinuousBackups" -> {
                g.writeStartObject();
                g.writeStringField("tableName", a != null ? a : "table");
                g.writeEndObject();
            }
            case "CreateLogStream", "DescribeLogStreams", "CreateLogGroup", "PutRetentionPolicy", "FilterLogEvents",
                 "GetLogEvents" -> {
                g.writeStartObject();
                g.writeStringField("logGroupName", a != null ? a : "/aws/app");
                if (e.api.name.equals("CreateLogStream")) {
                    g.writeStringField("logStreamName", IsoTime.format(e.time).substring(0, 10).replace('-', '/')
                            + "/[$LATEST]" + Ids.hex(e.uid, 32));
                } else if (e.api.name.equals("PutRetentionPolicy")) {
                    g.writeNumberField("retentionInDays", 30);
                }
                g.writeEndObject();
            }
            case "DescribeStacks", "DescribeStackEvents", "CreateChangeSet", "ExecuteChangeSet", "DescribeChangeSet",
                 "CreateStack", "UpdateStack", "GetTemplate", "DescribeStackResources" -> {
                g.writeStartObject();
                g.writeStringField("stackName", a != null ? a : "app");
                if (e.api.name.contains("ChangeSet")) {
                    g.writeStringField("changeSetName", "deploy-" + Ids.hex(e.uid >>> 8, 8));
                }
                g.writeEndObject();
            }
            case "StartQueryExecution" -> {
                g.writeStartObject();
                g.writeStringField("queryString", "SELECT day, count(*) FROM events GROUP BY day");
                g.writeStringField("workGroup", "primary");
                g.writeStringField("clientRequestToken", Ids.uuid(e.uid ^ 13));
                g.writeEndObject();
            }
            case "GetQueryExecution", "GetQueryResults" -> {
                g.writeStartObject();
                g.writeStringField("queryExecutionId", Ids.uuid(e.uid >>> 4));
                g.writeEndObject();
            }
            case "UpdateService", "DescribeServices", "ListTasks" -> {
                g.writeStartObject();
                g.writeStringField("cluster", "prod");
                if (!e.api.name.equals("ListTasks")) {
                    g.writeArrayFieldStart("services");
                    g.writeString(a != null ? a : "api");
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            case "GetAuthorizationToken" -> {
                g.writeStartObject();
                g.writeEndObject();
            }
            case "CreateTopic", "CreateQueue", "CreateKey", "CreateAlias", "Subscribe" -> {
                g.writeStartObject();
                g.writeStringField(e.api.name.equals("CreateKey") ? "description" : e.api.name.equals("CreateAlias")
                        ? "aliasName" : e.api.name.equals("CreateQueue") ? "queueName" : "name", a != null ? a : "app");
                g.writeEndObject();
            }
            case "InvokeModel" -> {
                g.writeStartObject();
                g.writeStringField("modelId", "anthropic.claude-3-haiku-20240307-v1:0");
                g.writeEndObject();
            }
            case "RotateKey" -> {
                g.writeStartObject();
                g.writeStringField("keyId", Ids.uuid(Rng.hash(e.account + e.region)));
                g.writeEndObject();
            }
            case "PutEvaluations" -> {
                g.writeStartObject();
                g.writeStringField("resultToken", "");
                g.writeBooleanField("testMode", false);
                g.writeEndObject();
            }
            default -> g.writeNull();
        }
    }

    static void response(JsonGenerator g, Ev e, Rng r) throws IOException {
        switch (e.api.name) {
            case "AssumeRole", "AssumeRoleWithWebIdentity", "GetSessionToken" -> {
                Session m = e.minted;
                g.writeStartObject();
                g.writeObjectFieldStart("credentials");
                g.writeStringField("accessKeyId", m != null ? m.key : Ids.accessKey("ASIA", e.uid));
                g.writeStringField("sessionToken", "IQoJb3JpZ2luX2VjE" + Ids.alnum(e.uid ^ 17, 48));
                g.writeStringField("expiration", IsoTime.format(e.time + 3_600_000L));
                g.writeEndObject();
                if (m != null && m.who.type == Identity.Type.ROLE) {
                    g.writeObjectFieldStart("assumedRoleUser");
                    g.writeStringField("assumedRoleId", m.who.uniqueId + ":" + m.name);
                    g.writeStringField("arn", m.who.assumedArn(m.name));
                    g.writeEndObject();
                }
                if (e.api.name.equals("AssumeRoleWithWebIdentity")) {
                    g.writeStringField("subjectFromWebIdentityToken", e.arg2);
                    g.writeStringField("provider", "arn:aws:iam::" + e.account
                            + ":oidc-provider/token.actions.githubusercontent.com");
                    g.writeStringField("audience", "sts.amazonaws.com");
                }
                g.writeEndObject();
            }
            case "ConsoleLogin" -> {
                g.writeStartObject();
                g.writeStringField("ConsoleLogin", "Success");
                g.writeEndObject();
            }
            case "CreateAccessKey" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("accessKey");
                g.writeStringField("userName", e.arg);
                g.writeStringField("accessKeyId", Ids.accessKey("AKIA", e.uid ^ 19));
                g.writeStringField("status", "Active");
                g.writeStringField("createDate", IsoTime.format(e.time).replace("T", "T").replace("Z", "Z"));
                g.writeEndObject();
                g.writeEndObject();
            }
            case "CreateUser" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("user");
                g.writeStringField("path", "/");
                g.writeStringField("userName", e.arg);
                g.writeStringField("userId", Ids.awsId("AIDA", e.uid ^ 23, 17));
                g.writeStringField("arn", "arn:aws:iam::" + e.account + ":user/" + e.arg);
                g.writeStringField("createDate", IsoTime.format(e.time));
                g.writeEndObject();
                g.writeEndObject();
            }
            case "CreateSnapshot" -> {
                g.writeStartObject();
                g.writeStringField("requestId", Ids.uuid(e.uid ^ 0x7265714964L));
                g.writeStringField("snapshotId", "snap-" + Ids.hex(e.uid ^ 5, 17));
                g.writeStringField("volumeId", e.arg != null ? e.arg : "vol-" + Ids.hex(e.uid ^ 3, 17));
                g.writeStringField("status", "pending");
                g.writeStringField("startTime", String.valueOf(e.time));
                g.writeStringField("progress", "");
                g.writeStringField("ownerId", e.account);
                g.writeStringField("volumeSize", String.valueOf(8 << (e.uid & 3)));
                g.writeBooleanField("encrypted", true);
                g.writeEndObject();
            }
            case "DeleteSnapshot", "CreateTags", "UpdateAccountSendingEnabled", "AttachUserPolicy", "AddUserToGroup",
                 "AttachRolePolicy", "PutRolePolicy" -> g.writeNull();
            case "StartQueryExecution" -> {
                g.writeStartObject();
                g.writeStringField("queryExecutionId", Ids.uuid(e.uid >>> 4));
                g.writeEndObject();
            }
            case "CreateLoginProfile" -> {
                g.writeStartObject();
                g.writeObjectFieldStart("loginProfile");
                g.writeStringField("userName", e.arg);
                g.writeStringField("createDate", IsoTime.format(e.time));
                g.writeBooleanField("passwordResetRequired", true);
                g.writeEndObject();
                g.writeEndObject();
            }
            case "PutObject" -> {
                g.writeStartObject();
                g.writeStringField("x-amz-server-side-encryption", "aws:kms");
                g.writeStringField("x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:" + e.region + ":"
                        + e.account + ":key/" + Ids.uuid(Rng.hash(e.account + e.region)));
                g.writeEndObject();
            }
            case "StartSession" -> {
                g.writeStartObject();
                g.writeStringField("sessionId", e.arg2 + "-" + Ids.hex(e.uid, 17));
                g.writeEndObject();
            }
            default -> g.writeNull();
        }
    }

    static void additional(JsonGenerator g, Ev e, Rng r) throws IOException {
        if (e.api.name.equals("ConsoleLogin")) {
            g.writeObjectFieldStart("additionalEventData");
            g.writeStringField("LoginTo", "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
            g.writeStringField("MobileVersion", "No");
            g.writeStringField("MFAUsed", e.session != null && e.session.mfa ? "Yes" : "No");
            g.writeEndObject();
        } else if (e.api.data && e.api.source.startsWith("s3.")) {
            g.writeObjectFieldStart("additionalEventData");
            g.writeStringField("SignatureVersion", "SigV4");
            g.writeStringField("CipherSuite", "TLS_AES_128_GCM_SHA256");
            g.writeNumberField("bytesTransferredIn", e.api.name.equals("PutObject") ? 512 + (e.uid & 0xffff) : 0);
            g.writeStringField("AuthenticationMethod", "AuthHeader");
            g.writeStringField("x-amz-id-2", Ids.alnum(e.uid ^ 29, 56) + "=");
            g.writeNumberField("bytesTransferredOut", e.api.name.equals("GetObject") ? 256 + (e.uid & 0xfffff) : 0);
            g.writeEndObject();
        }
    }

    static void resources(JsonGenerator g, Ev e) throws IOException {
        String n = e.api.name;
        if (e.api.data && e.api.source.startsWith("s3.") && e.arg != null) {
            String bucket = bucketOf(e.arg);
            g.writeArrayFieldStart("resources");
            if (e.arg.indexOf('/') > 0) {
                g.writeStartObject();
                g.writeStringField("type", "AWS::S3::Object");
                g.writeStringField("ARN", "arn:aws:s3:::" + e.arg);
                g.writeEndObject();
            }
            g.writeStartObject();
            g.writeStringField("accountId", e.account);
            g.writeStringField("type", "AWS::S3::Bucket");
            g.writeStringField("ARN", "arn:aws:s3:::" + bucket);
            g.writeEndObject();
            g.writeEndArray();
        } else if ((n.equals("AssumeRole") || n.equals("AssumeRoleWithWebIdentity")) && e.arg != null) {
            g.writeArrayFieldStart("resources");
            g.writeStartObject();
            g.writeStringField("accountId", e.account);
            g.writeStringField("type", "AWS::IAM::Role");
            g.writeStringField("ARN", e.arg);
            g.writeEndObject();
            g.writeEndArray();
        }
    }

    private static String bucketOf(String a) {
        if (a == null) {
            return "data";
        }
        int i = a.indexOf('/');
        return i < 0 ? a : a.substring(0, i);
    }
}
