package io.trailwarden.sim;

import java.util.List;
import java.util.function.Consumer;

/** Instance roles, Lambda roles and AWS services acting on their own. */
final class Workloads {
    private Workloads() {
    }

    /** EC2 instances with an instance profile: the SSM agent's heartbeat, the application's calls. */
    static final class Fleet extends Actor {
        final Identity role;
        final Account account;
        final String region;
        final String[] instanceIds;
        final String[] ips;
        final String vpce;
        final Identity ec2 = Identity.service("ec2.amazonaws.com");

        Fleet(Identity role, Account account, String region, String[] instanceIds, String[] ips, String vpce) {
            super("fleet:" + role.arn);
            this.role = role;
            this.account = account;
            this.region = region;
            this.instanceIds = instanceIds;
            this.ips = ips;
            this.vpce = vpce;
        }

        @Override
        void day(Day day, Rng r, Consumer<Ev> out) {
            for (int i = 0; i < instanceIds.length; i++) {
                String id = instanceIds[i];
                Session s = null;
                for (int h = 0; h < 24; h++) {
                    long hs = day.start() + h * 3_600_000L;
                    if (h % 6 == 0) {
                        s = new Session(role, id, hs + r.range(0, 600_000), false, false, null, r.nextLong());
                        Ev a = ev(r, s.created, account.id, region, ec2, null, "AssumeRole", "ec2.amazonaws.com",
                                "ec2.amazonaws.com");
                        a.arg = role.arn;
                        a.minted = s;
                        out.accept(a);
                    }
                    long from = Math.max(hs, s.created + 1000);
                    for (int m = 0; m < 60; m += 5) {
                        long t = hs + m * 60_000L + (i * 37_000L) % 60_000L + r.range(0, 2000);
                        if (t < from) {
                            continue;
                        }
                        Ev e = ev(r, t, account.id, region, role, s, "UpdateInstanceInformation", ips[i], Agents.ssmAgent());
                        e.arg = id;
                        out.accept(e);
                    }
                    app(r, hs + r.range(60_000, 3_500_000), s, i, out);
                    app(r, hs + r.range(60_000, 3_500_000), s, i, out);
                    if (r.chance(0.5)) {
                        app(r, hs + r.range(60_000, 3_500_000), s, i, out);
                    }
                }
            }
        }

        private void app(Rng r, long t, Session s, int i, Consumer<Ev> out) {
            String ua = Agents.javaSdk();
            boolean viaEndpoint = vpce != null && (i % 2 == 0);
            String ip = viaEndpoint ? "10.20." + (i + 1) + "." + (10 + i * 7) : ips[i];
            Ev sec = ev(r, t, account.id, region, role, s, "GetSecretValue", ip, ua);
            sec.arg = account.secrets.get(0);
            sec.vpcEndpoint = viaEndpoint ? vpce : null;
            out.accept(sec);
            Ev k = ev(r, t + 35, account.id, region, role, s, "Decrypt", "secretsmanager.amazonaws.com",
                    "secretsmanager.amazonaws.com");
            k.invokedBy = "secretsmanager.amazonaws.com";
            k.arg = account.secretArn(account.secrets.get(0));
            out.accept(k);
            Ev p = ev(r, t + r.range(100, 900), account.id, region, role, s, "GetParameter", ip, ua);
            p.arg = account.parameters.get(r.nextInt(2));
            p.vpcEndpoint = sec.vpcEndpoint;
            out.accept(p);
            for (int j = r.nextInt(3); j > 0; j--) {
                Ev o = ev(r, t + r.range(1000, 60_000), account.id, region, role, s, r.chance(0.7) ? "GetObject" : "PutObject",
                        ip, ua);
                o.arg = account.object(r);
                if (r.chance(0.004)) {
                    Errors.ordinary(o, r);
                }
                out.accept(o);
            }
        }
    }

    /** A Lambda function's role: invocations follow the day, each a few calls from Lambda's AWS addresses. */
    static final class Function extends Actor {
        final Identity role;
        final Account account;
        final String function;
        final String region;
        final List<Net> awsNets;
        final double perHour;
        final String[] calls;
        final Identity lambda = Identity.service("lambda.amazonaws.com");

        Function(Identity role, Account account, String function, String region, List<Net> awsNets, double perHour,
                 String[] calls) {
            super("lambda:" + role.arn);
            this.role = role;
            this.account = account;
            this.function = function;
            this.region = region;
            this.awsNets = awsNets;
            this.perHour = perHour;
            this.calls = calls;
        }

        @Override
        void day(Day day, Rng r, Consumer<Ev> out) {
            Session s = null;
            String ip = null;
            for (int h = 0; h < 24; h++) {
                long hs = day.start() + h * 3_600_000L;
                double diurnal = 0.4 + 0.6 * Math.max(0, Math.sin(Math.PI * (h - 6) / 16.0));
                int n = r.poisson(perHour * diurnal * (day.weekend() ? 0.5 : 1));
                for (int k = 0; k < n; k++) {
                    long t = hs + r.range(0, 3_600_000L);
                    if (s == null || t - s.created > 2 * 3_600_000L || t < s.created) {
                        s = new Session(role, function, t - 300, false, false, null, r.nextLong());
                        ip = r.pick(awsNets).address(r.nextLong());
                        Ev a = ev(r, t - 300, account.id, region, lambda, null, "AssumeRole", "lambda.amazonaws.com",
                                "lambda.amazonaws.com");
                        a.arg = role.arn;
                        a.minted = s;
                        out.accept(a);
                    }
                    for (String c : calls) {
                        Ev e = ev(r, t, account.id, region, role, s, c, ip, Agents.lambdaBoto3());
                        e.arg = Human.argFor(e.api, account, r);
                        if (r.chance(0.003)) {
                            Errors.ordinary(e, r);
                        }
                        out.accept(e);
                        t += r.range(20, 400);
                    }
                }
            }
        }
    }

    /** AWS services on their own: AWS Config's recorder, CloudTrail's bucket checks, Auto Scaling, KMS rotation. */
    static final class Services extends Actor {
        final Account account;
        final Identity configRole;
        final Identity autoscalingRole;
        final boolean hasAutoScaling;

        Services(Account account, long seed, boolean hasAutoScaling) {
            super("services:" + account.id);
            this.account = account;
            this.configRole = Identity.role(account.id, "AWSServiceRoleForConfig",
                    "/aws-service-role/config.amazonaws.com/", seed);
            this.autoscalingRole = Identity.role(account.id, "AWSServiceRoleForAutoScaling",
                    "/aws-service-role/autoscaling.amazonaws.com/", seed);
            this.hasAutoScaling = hasAutoScaling;
        }

        @Override
        void day(Day day, Rng r, Consumer<Ev> out) {
            Identity trail = Identity.service("cloudtrail.amazonaws.com");
            String[] config = {"DescribeInstances", "DescribeSecurityGroups", "DescribeVpcs", "DescribeSubnets",
                "DescribeNetworkInterfaces", "DescribeRouteTables", "GetBucketAcl", "GetBucketPolicy", "ListRoles",
                "GetRole", "DescribeTable"};
            for (int h = 0; h < 24; h++) {
                long hs = day.start() + h * 3_600_000L;
                if (h % 2 == 0) {
                    long t = hs + r.range(0, 1_800_000);
                    Session s = new Session(configRole, "AWSConfig-Describe", t - 2000, false, false, null, r.nextLong());
                    for (String api : config) {
                        Ev e = ev(r, t, account.id, account.primaryRegion, configRole, s, api, "config.amazonaws.com",
                                "config.amazonaws.com");
                        e.invokedBy = "config.amazonaws.com";
                        e.arg = Human.argFor(e.api, account, r);
                        if (api.equals("GetBucketPolicy") && r.chance(0.5)) {
                            e.error("NoSuchBucketPolicy", "The bucket policy does not exist");
                        }
                        out.accept(e);
                        t += r.range(100, 3000);
                    }
                }
                Ev acl = ev(r, hs + r.range(0, 3_600_000L), account.id, "us-east-1", trail, null, "GetBucketAcl",
                        "cloudtrail.amazonaws.com", "cloudtrail.amazonaws.com");
                acl.arg = account.buckets.get(3);
                out.accept(acl);
                if (hasAutoScaling && h % 3 == 1) {
                    long t = hs + r.range(0, 3_600_000L);
                    Session s = new Session(autoscalingRole, "AutoScaling", t - 1000, false, false, null, r.nextLong());
                    for (String api : new String[] {"DescribeInstanceStatus", "DescribeInstances"}) {
                        Ev e = ev(r, t, account.id, account.primaryRegion, autoscalingRole, s, api,
                                "autoscaling.amazonaws.com", "autoscaling.amazonaws.com");
                        e.invokedBy = "autoscaling.amazonaws.com";
                        out.accept(e);
                        t += 500;
                    }
                }
            }
            if (day.index() % 7 == 3) {
                Ev e = ev(r, day.at(4.2), account.id, account.primaryRegion, Identity.service("kms.amazonaws.com"), null,
                        "RotateKey", "AWS Internal", "AWS Internal");
                e.eventType = "AwsServiceEvent";
                out.accept(e);
            }
        }
    }
}
