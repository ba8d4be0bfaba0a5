package io.trailwarden.sim;

import java.util.List;
import java.util.function.Consumer;

/**
 * Benign traps from the seeds' false-positive notes: ordinary changes that look like attacks to a naive rule.
 * Nothing above low severity should fire on them, the commercial VPN aside until its AS organisation is
 * allowlisted.
 */
final class Traps {
    static final List<String> IDS = List.of("new-employee-new-city", "new-laptop-user-agent", "cloudformation-stack-burst",
            "batch-steady-denials", "admin-first-create-user", "travel-abroad", "commercial-vpn", "office-nat-recon");

    private Traps() {
    }

    static Scenario create(String id) {
        return switch (id) {
            case "new-employee-new-city" -> new NewEmployee();
            case "new-laptop-user-agent" -> new NewLaptop();
            case "cloudformation-stack-burst" -> new CloudFormationBurst();
            case "batch-steady-denials" -> new BatchDenials();
            case "admin-first-create-user" -> new AdminFirstCreateUser();
            case "travel-abroad" -> new Travel();
            case "commercial-vpn" -> new CommercialVpn();
            case "office-nat-recon" -> new OfficeNatRecon();
            default -> throw new IllegalArgumentException("unknown trap '" + id + "' (known: " + IDS + ")");
        };
    }

    /** A new hire working from home in a city no one else lives in, through the developers' SSO role. */
    static final class NewEmployee extends Scenario {
        NewEmployee() {
            super("new-employee-new-city", false, "new-employee");
        }

        @Override
        void prepare(World w, Period p) {
            int first = p.weekdayAtOrBefore(p.days() - 5);
            description = "A developer joins on day " + first + " and works from home in " + w.newHireNet.city()
                    + ", a city no one in the organisation worked from, through the developers' SSO role.";
            Rng r = Rng.of(w.seed, Rng.hash("new-hire"));
            Human h = w.newHuman(r, "nnew", "noah.newman@acme.example", Human.Kind.DEV, w.london, "GB", true);
            Human placed = new Human(h.user, h.email, h.kind, h.office, w.newHireNet,
                    w.newHireNet.address(r.nextLong()), "macos", "2.19.1", 0.8, 0, h.repertoire);
            placed.accounts.addAll(h.accounts);
            placed.accountWeights.addAll(h.accountWeights);
            placed.ssoRoles.addAll(h.ssoRoles);
            placed.firstDay = first;
            w.actors.add(placed);
            ssoSessions(placed);
            ips.add(placed.homeIp);
            window(p.dayStart(first), p.end() - 1);
        }
    }

    /** An employee's new laptop: the same CLI on another operating system. */
    static final class NewLaptop extends Scenario {
        NewLaptop() {
            super("new-laptop-user-agent", false, "new-user-agent");
        }

        @Override
        void prepare(World w, Period p) {
            Human h = w.laptopUser;
            int from = Math.max(0, p.days() - 6);
            h.newLaptopFrom = from;
            h.newOs = h.os.equals("windows") ? "macos" : "windows";
            description = h.email + " gets a new " + h.newOs + " laptop on day " + from + ": the same aws-cli and "
                    + "browser, another operating system.";
            key(h.akia);
            ssoSessions(h);
            ips.add(h.homeIp);
            window(p.dayStart(from), p.end() - 1);
        }
    }

    /** A CloudFormation deployment of a new stack: a burst of creations by the CloudFormation service role. */
    static final class CloudFormationBurst extends Scenario {
        CiRole ci;
        int day;

        CloudFormationBurst() {
            super("cloudformation-stack-burst", false, "infrastructure-deployment");
        }

        @Override
        void prepare(World w, Period p) {
            ci = w.deployStaging;
            day = p.weekdayAtOrBefore(p.days() - 2);
            description = "The staging pipeline creates a new stack: CloudFormation's service role makes a burst of "
                    + "about 120 calls creating buckets, roles, functions, tables, queues, topics and alarms.";
            role(ci.role);
            role(ci.cfnExec);
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            if (d.index() != day) {
                return;
            }
            Consumer<Ev> out = track(raw);
            long t = d.at(10) + r.range(0, 900_000);
            String ip = ci.runnerIp(r);
            Session s = ci.start(t, r, out, ip);
            ips.add(ip);
            Account a = ci.account;
            String stack = a.name + "-events-pipeline";
            t += 20_000;
            for (String api : new String[] {"CreateStack", "DescribeStacks", "DescribeStackEvents"}) {
                Ev e = Actor.ev(r, t, a.id, a.primaryRegion, ci.role, s, api, ip, Agents.cli("linux", "2.18.4", Api.get(api)));
                e.arg = stack;
                out.accept(e);
                t += 3_000;
            }
            Object[] plan = {"CreateBucket", 2, "PutBucketEncryption", 2, "PutBucketPolicy", 2, "PutBucketVersioning", 2,
                "PutBucketTagging", 2, "GetRole", 8, "CreateRole", 4, "AttachRolePolicy", 6, "PutRolePolicy", 3,
                "TagRole", 4, "CreateFunction20150331", 3, "GetFunction20150331v2", 9, "AddPermission20150331v2", 3,
                "CreateTable", 2, "DescribeTable", 10, "UpdateContinuousBackups", 2, "DescribeContinuousBackups", 2,
                "CreateLogGroup", 3, "PutRetentionPolicy", 3, "CreateTopic", 1, "Subscribe", 2, "CreateQueue", 2,
                "GetQueueAttributes", 4, "SetQueueAttributes", 2, "CreateKey", 1, "DescribeKey", 3, "CreateAlias", 1,
                "CreateSecurityGroup", 1, "AuthorizeSecurityGroupIngress", 3, "CreateTags", 4, "PutMetricAlarm", 4,
                "DescribeAlarms", 2, "DescribeStackResources", 3};
            Session cs = new Session(ci.cfnExec, "AWSCloudFormation", t, false, false, null, r.nextLong());
            for (int i = 0; i < plan.length; i += 2) {
                int n = (Integer) plan[i + 1];
                for (int k = 0; k < n; k++) {
                    Ev e = Actor.ev(r, t, a.id, a.primaryRegion, ci.cfnExec, cs, (String) plan[i],
                            "cloudformation.amazonaws.com", "cloudformation.amazonaws.com");
                    e.invokedBy = "cloudformation.amazonaws.com";
                    e.arg = stack + "-" + Agents.kebab(e.api.action).replace("create-", "").replace("put-", "") + "-" + k;
                    out.accept(e);
                    t += r.range(500, 6_000);
                }
            }
        }
    }

    /** A batch job whose reads of a bucket prefix are steadily denied a few percent of the time. */
    static final class BatchDenials extends Scenario {
        BatchDenials() {
            super("batch-steady-denials", false, "steady-denials");
        }

        @Override
        void prepare(World w, Period p) {
            description = "The ETL job's long-term key reads objects every ten minutes; about 4.5% of its GetObject calls "
                    + "are denied (a prefix it lost access to), every hour of every day.";
            key(w.batch.user);
            ips.add(w.batch.ip);
            window(p.start(), p.end() - 1);
        }
    }

    /** An administrator creates a user and its access key for the first time ever, from the office. */
    static final class AdminFirstCreateUser extends Scenario {
        Human admin;
        int day;

        AdminFirstCreateUser() {
            super("admin-first-create-user", false, "first-administrative-action");
        }

        @Override
        void prepare(World w, Period p) {
            admin = w.admin;
            day = p.weekdayAtOrBefore(p.days() - 3);
            description = admin.email + " creates an automation user, its access key and policy for the first time, "
                    + "from the " + admin.office.name() + " office in the console.";
            ssoSessions(admin);
            for (String ip : admin.office.natIps()) {
                ips.add(ip);
            }
            Scenario self = this;
            admin.extra.add((h, d, r, out) -> {
                if (d.index() != day) {
                    return;
                }
                Consumer<Ev> o = self.track(out);
                long t = d.at(14 - h.office.utcOffset()) + r.range(0, 1_800_000);
                Account a = w.prod;
                Identity role = h.ssoRoles.get(h.accounts.indexOf(a));
                Session s = new Session(role, h.email, t - 60_000, true, true, null, r.nextLong());
                String ip = h.office.natIps()[0];
                String ua = Agents.browser(h.os);
                o.accept(Actor.ev(r, t, a.id, "us-east-1", role, s, "ConsoleLogin", ip, ua));
                String user = "svc-analytics-export";
                String[][] calls = {{"ListUsers", null, null}, {"CreateUser", user, null},
                    {"AddUserToGroup", user, "automation"},
                    {"AttachUserPolicy", user, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
                    {"GetUser", user, null}, {"CreateAccessKey", user, null}, {"ListAccessKeys", user, null}};
                for (String[] c : calls) {
                    t += r.range(8_000, 60_000);
                    Ev e = Actor.ev(r, t, a.id, "us-east-1", role, s, c[0], ip, ua);
                    e.arg = c[1];
                    e.arg2 = c[2];
                    o.accept(e);
                }
            });
        }
    }

    /** An employee travels to a country where the organisation never worked, and works from the hotel. */
    static final class Travel extends Scenario {
        Travel() {
            super("travel-abroad", false, "travel");
        }

        @Override
        void prepare(World w, Period p) {
            Human h = w.traveller;
            Net n = Attacks.pick(w.book, "isp-", List.of("JP", "SG", "FR"), w.seed + 9);
            h.travelFrom = Math.max(0, p.days() - 6);
            h.travelTo = Math.max(0, p.days() - 3);
            h.travelNet = n;
            h.travelIp = n.address(Rng.hash(w.seed + "hotel"));
            h.travelOffset = n.country().equals("JP") ? 9 : n.country().equals("SG") ? 8 : 1;
            description = h.email + " travels to " + n.city() + " (" + n.country() + ") from day " + h.travelFrom
                    + " to day " + h.travelTo + " and works from the hotel's ISP with the usual laptop.";
            key(h.akia);
            ssoSessions(h);
            ips.add(h.travelIp);
            window(p.dayStart(h.travelFrom), p.dayStart(h.travelTo + 1) + 12 * 3_600_000L);
        }
    }

    /** An employee on a commercial VPN whose exits are a hosting provider's addresses. */
    static final class CommercialVpn extends Scenario {
        CommercialVpn() {
            super("commercial-vpn", false, "commercial-vpn");
        }

        @Override
        void prepare(World w, Period p) {
            Human h = w.vpnUser;
            List<Net> vpn = w.book.tagged("vpn-mullvad");
            if (vpn.isEmpty()) {
                vpn = w.book.tagged("vpn-");
            }
            Net n = vpn.get(0);
            h.vpnFrom = Math.max(0, p.days() - 5);
            h.vpnNet = n;
            h.vpnIp = n.address(Rng.hash(w.seed + "vpn"));
            description = h.email + " turns on a commercial VPN (" + n.asOrg() + ", exit in " + n.city() + ") from day "
                    + h.vpnFrom + "; its exits are hosting addresses. Allowlisting the VPN's AS organisation silences "
                    + "hosting-provider-ip.";
            allowlistAsOrg = n.asOrg();
            firesUntilAllowlisted.add("hosting-provider-ip");
            ssoSessions(h);
            ips.add(h.vpnIp);
            window(p.dayStart(h.vpnFrom), p.end() - 1);
        }
    }

    /** Developers at the New York office check their identity with their keys every morning from its NAT. */
    static final class OfficeNatRecon extends Scenario {
        OfficeNatRecon() {
            super("office-nat-recon", false, "shared-office-ip");
        }

        @Override
        void prepare(World w, Period p) {
            description = "Developers with long-term keys run `aws sts get-caller-identity` most mornings from the "
                    + "New York office's NAT addresses: several keys, one IP, every working day.";
            for (Human h : w.humans) {
                if (h.akia != null && h.office == w.ny) {
                    key(h.akia);
                }
            }
            for (String ip : w.ny.natIps()) {
                ips.add(ip);
            }
            window(p.start(), p.end() - 1);
        }
    }
}
