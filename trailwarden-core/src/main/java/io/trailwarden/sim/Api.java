package io.trailwarden.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * One AWS API as CloudTrail records it: its event source, name, whether it is read-only, a management or data
 * event, and how the service spells a denial.
 */
final class Api {
    /** How a service denies: query/XML services, JSON services, EC2, S3. */
    enum Deny { QUERY, JSON, EC2, S3 }

    final String source;
    final String name;
    final String prefix;
    final String action;
    final boolean readOnly;
    final boolean data;
    final boolean global;
    final Deny deny;
    final String eventVersion;

    private Api(String source, String name, boolean readOnly, boolean data, boolean global, Deny deny) {
        this.source = source;
        this.name = name;
        String svc = source.substring(0, source.indexOf('.'));
        this.prefix = switch (svc) {
            case "monitoring" -> "cloudwatch";
            case "signin" -> "signin";
            default -> svc;
        };
        this.action = name.replaceAll("\\d{8}(v\\d)?$", "");
        this.readOnly = readOnly;
        this.data = data;
        this.global = global;
        this.deny = deny;
        this.eventVersion = data ? "1.10" : source.startsWith("ses.") || source.startsWith("ssm.") ? "1.08" : "1.09";
    }

    private static final Map<String, Api> BY_NAME = new TreeMap<>();

    // source | deny style | global | names (R = read-only, W = write, D = data read, X = data write)
    private static final String[] TABLE = {
        "ec2.amazonaws.com|E|-|R:DescribeInstances,DescribeSecurityGroups,DescribeVolumes,DescribeSnapshots,"
            + "DescribeKeyPairs,DescribeVpcs,DescribeSubnets,DescribeImages,DescribeRegions,DescribeInstanceStatus,"
            + "DescribeAddresses,DescribeNetworkInterfaces,DescribeLaunchTemplates,DescribeAvailabilityZones,"
            + "DescribeTags,DescribeRouteTables|W:CreateSnapshot,DeleteSnapshot,CreateTags,RunInstances,StartInstances,"
            + "StopInstances,TerminateInstances,AuthorizeSecurityGroupIngress,CreateSecurityGroup,CreateLaunchTemplateVersion",
        "s3.amazonaws.com|S|-|R:ListBuckets,GetBucketLocation,GetBucketPolicy,GetBucketAcl,GetBucketVersioning,"
            + "GetBucketTagging,GetBucketEncryption,GetBucketPublicAccessBlock|W:PutBucketPolicy,CreateBucket,"
            + "PutBucketEncryption,PutBucketTagging,PutBucketVersioning|D:GetObject,ListObjects,HeadObject|X:PutObject,DeleteObject",
        "iam.amazonaws.com|Q|G|R:ListUsers,ListRoles,ListGroups,ListPolicies,GetUser,GetRole,GetPolicy,GetPolicyVersion,"
            + "ListAttachedRolePolicies,ListAccessKeys,GetAccountSummary,ListAccountAliases,GetAccountAuthorizationDetails,"
            + "GetAccountPasswordPolicy,ListMFADevices,GetCredentialReport,ListRolePolicies,GetLoginProfile,"
            + "ListInstanceProfiles|W:CreateUser,CreateAccessKey,AttachUserPolicy,CreateLoginProfile,AddUserToGroup,"
            + "CreateRole,AttachRolePolicy,PutRolePolicy,DeleteRole,TagRole,GenerateCredentialReport,UpdateAccessKey,"
            + "CreatePolicy,CreatePolicyVersion,CreateServiceLinkedRole",
        "sts.amazonaws.com|Q|-|R:GetCallerIdentity,AssumeRole,AssumeRoleWithWebIdentity,AssumeRoleWithSAML,"
            + "GetSessionToken,DecodeAuthorizationMessage",
        "signin.amazonaws.com|Q|G|W:ConsoleLogin",
        "secretsmanager.amazonaws.com|J|-|R:GetSecretValue,ListSecrets,DescribeSecret|W:PutSecretValue,RotateSecret,"
            + "CreateSecret",
        "ssm.amazonaws.com|J|-|R:GetParameter,GetParameters,GetParametersByPath,DescribeParameters,"
            + "DescribeInstanceInformation,ListCommands|W:PutParameter,StartSession,UpdateInstanceInformation,SendCommand",
        "kms.amazonaws.com|J|-|R:Decrypt,Encrypt,GenerateDataKey,ListKeys,DescribeKey,ListAliases|W:CreateKey,"
            + "CreateAlias,RotateKey,ScheduleKeyDeletion",
        "lambda.amazonaws.com|J|-|R:ListFunctions20150331,GetFunction20150331v2,GetPolicy20150331v2|W:"
            + "UpdateFunctionCode20150331v2,CreateFunction20150331,AddPermission20150331v2,"
            + "UpdateFunctionConfiguration20150331v2|X:Invoke",
        "dynamodb.amazonaws.com|J|-|R:DescribeTable,ListTables,DescribeContinuousBackups,DescribeTimeToLive|W:"
            + "CreateTable,UpdateTable,UpdateContinuousBackups",
        "logs.amazonaws.com|J|-|R:DescribeLogGroups,DescribeLogStreams,FilterLogEvents,GetLogEvents,"
            + "StartQuery|W:CreateLogStream,CreateLogGroup,PutRetentionPolicy",
        "monitoring.amazonaws.com|Q|-|R:DescribeAlarms,DescribeAlarmHistory|W:PutMetricAlarm,DeleteAlarms",
        "cloudformation.amazonaws.com|Q|-|R:DescribeStacks,DescribeStackEvents,ListStacks,DescribeChangeSet,"
            + "GetTemplate,DescribeStackResources|W:CreateStack,UpdateStack,CreateChangeSet,ExecuteChangeSet",
        "ses.amazonaws.com|Q|-|R:GetSendQuota,GetSendStatistics,ListIdentities,GetIdentityVerificationAttributes,"
            + "GetAccount,ListEmailIdentities|W:VerifyEmailIdentity,UpdateAccountSendingEnabled",
        "sns.amazonaws.com|Q|-|R:ListTopics,GetTopicAttributes,GetSMSAttributes,ListSubscriptions|W:CreateTopic,"
            + "Subscribe,SetTopicAttributes",
        "sqs.amazonaws.com|J|-|R:ListQueues,GetQueueAttributes|W:CreateQueue,SetQueueAttributes",
        "ecr.amazonaws.com|J|-|R:GetAuthorizationToken,DescribeRepositories,BatchCheckLayerAvailability|W:"
            + "PutImage,InitiateLayerUpload,CompleteLayerUpload",
        "athena.amazonaws.com|J|-|R:GetQueryExecution,GetQueryResults,GetWorkGroup|W:StartQueryExecution",
        "cloudtrail.amazonaws.com|J|-|R:DescribeTrails,GetTrailStatus,LookupEvents,GetEventSelectors",
        "autoscaling.amazonaws.com|Q|-|R:DescribeAutoScalingGroups,DescribeScalingActivities|W:SetDesiredCapacity",
        "elasticloadbalancing.amazonaws.com|Q|-|R:DescribeLoadBalancers,DescribeTargetHealth,DescribeTargetGroups|W:"
            + "RegisterTargets",
        "config.amazonaws.com|J|-|R:DescribeConfigRules,DescribeComplianceByConfigRule|W:PutEvaluations",
        "ecs.amazonaws.com|J|-|R:DescribeServices,ListTasks,DescribeTasks,DescribeClusters,ListServices|W:"
            + "UpdateService,RegisterTaskDefinition,RunTask",
        "rds.amazonaws.com|Q|-|R:DescribeDBInstances,DescribeDBSnapshots,DescribeDBClusters|W:CreateDBSnapshot",
        "health.amazonaws.com|J|G|R:DescribeEventAggregates",
        "bedrock.amazonaws.com|J|-|R:ListFoundationModels|D:InvokeModel",
    };

    static {
        for (String row : TABLE) {
            String[] parts = row.split("\\|");
            String source = parts[0];
            Deny deny = switch (parts[1]) {
                case "E" -> Deny.EC2;
                case "S" -> Deny.S3;
                case "J" -> Deny.JSON;
                default -> Deny.QUERY;
            };
            boolean global = parts[2].equals("G");
            for (int i = 3; i < parts.length; i++) {
                String kind = parts[i].substring(0, 1);
                for (String n : parts[i].substring(2).split(",")) {
                    boolean ro = kind.equals("R") || kind.equals("D");
                    boolean data = kind.equals("D") || kind.equals("X");
                    Api a = new Api(source, n, ro, data, global, deny);
                    if (BY_NAME.put(n, a) != null) {
                        throw new IllegalStateException("duplicate API " + n);
                    }
                }
            }
        }
    }

    static Api get(String name) {
        Api a = BY_NAME.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown API " + name);
        }
        return a;
    }

    /** The errorCode of a denial by this service. */
    String deniedCode() {
        return switch (deny) {
            case EC2 -> "Client.UnauthorizedOperation";
            case JSON -> "AccessDeniedException";
            default -> "AccessDenied";
        };
    }

    /** The errorMessage of a denial of {@code callerArn}. */
    String deniedMessage(String callerArn, String resourceArn) {
        String act = prefix + ":" + action;
        return switch (deny) {
            case S3 -> "Access Denied";
            case EC2 -> "You are not authorized to perform this operation. User: " + callerArn
                    + " is not authorized to perform: " + act + " because no identity-based policy allows the "
                    + act + " action";
            default -> "User: " + callerArn + " is not authorized to perform: " + act
                    + (resourceArn != null ? " on resource: " + resourceArn : "")
                    + " because no identity-based policy allows the " + act + " action";
        };
    }

    /** The endpoint a client reaches, as tlsDetails.clientProvidedHostHeader shows it. */
    String host(String region) {
        String svc = source.substring(0, source.indexOf('.'));
        if (global) {
            return svc.equals("signin") ? "signin.aws.amazon.com" : svc + ".amazonaws.com";
        }
        return switch (svc) {
            case "s3" -> "s3." + region + ".amazonaws.com";
            case "ses" -> "email." + region + ".amazonaws.com";
            case "bedrock" -> "bedrock-runtime." + region + ".amazonaws.com";
            case "ecr" -> "api.ecr." + region + ".amazonaws.com";
            default -> svc + "." + region + ".amazonaws.com";
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
