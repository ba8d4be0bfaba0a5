package io.trailwarden.sim;

import java.util.List;
import java.util.function.Consumer;

/**
 * A CI pipeline's role, assumed through GitHub's OIDC provider from GitHub-hosted runners (Azure addresses):
 * builds and deployments in working hours, each a burst of ECR, S3 and CloudFormation calls; CloudFormation then
 * acts with its own service role.
 */
final class CiRole extends Actor {
    final Identity role;
    final Account account;
    final String repo;
    final double runsPerWeekday;
    final List<Net> runners;
    final Identity cfnExec;
    final boolean deploys;

    CiRole(Identity role, Account account, String repo, double runsPerWeekday, List<Net> runners, Identity cfnExec,
           boolean deploys) {
        super("ci:" + role.arn);
        this.role = role;
        this.account = account;
        this.repo = repo;
        this.runsPerWeekday = runsPerWeekday;
        this.runners = runners;
        this.cfnExec = cfnExec;
        this.deploys = deploys;
    }

    String subject() {
        return "repo:acme/" + repo + ":ref:refs/heads/main";
    }

    @Override
    void day(Day day, Rng r, Consumer<Ev> out) {
        int runs = r.poisson(day.weekend() ? runsPerWeekday * 0.08 : runsPerWeekday);
        for (int i = 0; i < runs; i++) {
            double hour = 12.5 + r.nextDouble() * 10;
            if (r.chance(0.1)) {
                hour = r.nextDouble() * 24; // scheduled nightly builds
            }
            run(day, day.at(hour), r, out);
        }
    }

    /** Starts a run at {@code t}: returns the session and the runner's address, after the usual first calls. */
    Session start(long t, Rng r, Consumer<Ev> out, String runnerIp) {
        Identity web = Identity.webIdentity(account.id, subject());
        Session s = new Session(role, "GitHubActions", t, false, false, null, r.nextLong());
        Ev a = ev(r, t, account.id, account.primaryRegion, web, null, "AssumeRoleWithWebIdentity", runnerIp,
                Agents.githubAction());
        a.arg = role.arn;
        a.arg2 = subject();
        a.minted = s;
        out.accept(a);
        Ev who = ev(r, t + r.range(300, 1500), account.id, account.primaryRegion, role, s, "GetCallerIdentity",
                runnerIp, Agents.githubAction().replace("api/sts", "api/sts"));
        out.accept(who);
        return s;
    }

    String runnerIp(Rng r) {
        return r.pick(runners).address(r.nextLong());
    }

    void run(Day day, long t, Rng r, Consumer<Ev> out) {
        String ip = runnerIp(r);
        Session s = start(t, r, out, ip);
        t += r.range(20_000, 90_000);
        String region = account.primaryRegion;
        String[] build = {"GetAuthorizationToken", "BatchCheckLayerAvailability", "BatchCheckLayerAvailability",
            "InitiateLayerUpload", "CompleteLayerUpload", "PutImage", "PutObject"};
        for (String api : build) {
            Ev e = ev(r, t, account.id, region, role, s, api, ip, Agents.cli("linux", "2.18.4", Api.get(api)));
            e.arg = api.equals("PutObject") ? account.buckets.get(4) + "/builds/" + repo + "/" + Ids.hex(r.nextLong(), 12)
                    + ".zip" : null;
            out.accept(e);
            t += r.range(2_000, 40_000);
        }
        if (!deploys) {
            return;
        }
        String stack = account.stacks.get(1 + r.nextInt(account.stacks.size() - 1));
        String[] deploy = {"GetParameter", "CreateChangeSet", "DescribeChangeSet", "DescribeChangeSet",
            "ExecuteChangeSet", "DescribeStacks", "DescribeStackEvents", "DescribeStacks", "DescribeStackEvents",
            "DescribeStacks"};
        for (String api : deploy) {
            Ev e = ev(r, t, account.id, region, role, s, api, ip, Agents.cli("linux", "2.18.4", Api.get(api)));
            e.arg = api.equals("GetParameter") ? account.parameters.get(0) : stack;
            out.accept(e);
            t += r.range(3_000, 45_000);
            if (api.equals("ExecuteChangeSet")) {
                cfn(r, t, stack, region, out, new String[] {"GetFunction20150331v2", "UpdateFunctionCode20150331v2",
                    "UpdateFunctionConfiguration20150331v2", "RegisterTaskDefinition", "UpdateService",
                    "DescribeServices"});
            }
        }
    }

    /** CloudFormation acting with its service role. */
    void cfn(Rng r, long t, String stack, String region, Consumer<Ev> out, String[] apis) {
        Session cs = new Session(cfnExec, "AWSCloudFormation", t, false, false, null, r.nextLong());
        for (String api : apis) {
            Ev e = ev(r, t, account.id, region, cfnExec, cs, api, "cloudformation.amazonaws.com",
                    "cloudformation.amazonaws.com");
            e.invokedBy = "cloudformation.amazonaws.com";
            e.arg = api.contains("Function") ? account.functions.get(r.nextInt(account.functions.size())) : stack;
            out.accept(e);
            t += r.range(500, 8_000);
        }
    }
}
