package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The labelled attacks, placed in the last days of the period so that every baseline exists. */
final class Attacks {
    static final List<String> IDS = List.of("service-key-residential", "leaked-key-ses-probe", "role-new-apis",
            "foreign-country-command", "expel-stolen-keys");

    private Attacks() {
    }

    static Scenario create(String id) {
        return switch (id) {
            case "expel-stolen-keys" -> new ExpelStolenKeys();
            case "leaked-key-ses-probe" -> new LeakedKeySesProbe();
            case "role-new-apis" -> new RoleNewApis();
            case "service-key-residential" -> new ServiceKeyResidential();
            case "foreign-country-command" -> new ForeignCountryCommand();
            default -> throw new IllegalArgumentException("unknown attack '" + id + "' (known: " + IDS + ")");
        };
    }

    /** A network of a class in the first of {@code countries} that has one, with a city, never a home country. */
    static Net pick(AddressBook book, String tagPrefix, List<String> countries, long salt) {
        for (String c : countries) {
            List<Net> l = book.where(n -> n.tag().startsWith(tagPrefix) && n.country().equals(c) && n.city() != null);
            if (!l.isEmpty()) {
                return l.get((int) Math.floorMod(salt, (long) l.size()));
            }
        }
        List<Net> any = book.where(n -> n.tag().startsWith(tagPrefix) && n.city() != null
                && !World.HOME_COUNTRIES.contains(n.country()));
        if (any.isEmpty()) {
            throw new IllegalStateException("address book has no range tagged " + tagPrefix + " outside the home countries");
        }
        return any.get((int) Math.floorMod(salt, (long) any.size()));
    }

    static String warm(int day, int need) {
        return "the attack starts on day " + day + " of the data; this detection needs " + need + " days before it";
    }

    /**
     * Seed 004 replayed: five stolen long-term keys of integration users, used from a hosting provider in a
     * country the organisation never uses, with Kali's aws-cli: GetCallerIdentity with every key from one IP,
     * denied ListUsers, GetSendQuota, then UpdateAccountSendingEnabled toggled over two days.
     */
    static final class ExpelStolenKeys extends Scenario {
        final List<ServiceUser> victims = new ArrayList<>();
        Net net;
        String ip;
        int day;
        String account;

        ExpelStolenKeys() {
            super("expel-stolen-keys", true, "stolen-long-term-keys");
        }

        @Override
        void prepare(World w, Period p) {
            description = "Expel incident replayed: stolen long-term keys of integration users (exposed in a Postman "
                    + "workspace) used from a hosting provider abroad with Kali's aws-cli; GetCallerIdentity with every "
                    + "key from one IP, denied ListUsers and GetSendQuota, UpdateAccountSendingEnabled toggled.";
            for (ServiceUser s : w.integrations) {
                if (s.activeFromHour < 0 && victims.size() < 5) {
                    victims.add(s);
                    key(s.user);
                }
            }
            account = victims.get(0).account.id;
            net = pick(w.book, "hosting-", List.of("RO", "RU", "XK"), w.seed);
            ip = net.address(Rng.hash(w.seed + "expel"));
            ips.add(ip);
            day = Math.max(0, p.days() - 2);
            expect("offensive-user-agent");
            expect("multi-key-recon");
            expect("new-user-agent", day >= 7, warm(day, 7));
            expect("hosting-provider-ip", day >= 7, warm(day, 7));
            expect("rare-event-prevalence", day >= 7, warm(day, 7));
            expect("rare-country-for-api", day >= 4, warm(day, 4));
            expect("rare-city-for-api", day >= 4, warm(day, 4));
            expect("rare-api-for-user", day >= 6, warm(day, 6));
            notExpected.put("failed-api-spike", "ListUsers and GetSendQuota are not among the seed's sensitive names");
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            Consumer<Ev> out = track(raw);
            if (d.index() == day) {
                long t = d.at(8.2) + r.range(0, 600_000);
                for (ServiceUser v : victims) {
                    out.accept(call(r, t, v, "GetCallerIdentity", Agents.KALI_CLI));
                    t += r.range(20_000, 90_000);
                }
                ServiceUser first = victims.get(0);
                t += r.range(300_000, 600_000);
                out.accept(call(r, t, first, "ListUsers", Agents.KALI_CLI).denied(
                        "arn:aws:iam::" + account + ":user/"));
                t += r.range(60_000, 180_000);
                out.accept(call(r, t, first, "ListUsers", Agents.KALI_CLI).denied(
                        "arn:aws:iam::" + account + ":user/"));
                t += r.range(60_000, 240_000);
                out.accept(call(r, t, first, "GetSendQuota", Agents.KALI_BOTO3).denied(null));
                for (int i = 1; i < victims.size(); i++) {
                    ServiceUser v = victims.get(i);
                    t += r.range(120_000, 600_000);
                    out.accept(call(r, t, v, "GetSendQuota", Agents.KALI_BOTO3));
                    t += r.range(20_000, 120_000);
                    if (i <= 2) {
                        out.accept(call(r, t, v, "ListIdentities", Agents.KALI_BOTO3));
                        t += r.range(20_000, 120_000);
                    }
                    if (i <= 3) {
                        Ev e = call(r, t, v, "UpdateAccountSendingEnabled", Agents.KALI_BOTO3);
                        e.arg = "false";
                        out.accept(e);
                        t += r.range(60_000, 300_000);
                        out.accept(call(r, t, v, "UpdateAccountSendingEnabled", Agents.KALI_BOTO3));
                    }
                }
            } else if (d.index() == day + 1) {
                long t = d.at(10) + r.range(0, 1_200_000);
                for (int i = 1; i < victims.size(); i++) {
                    ServiceUser v = victims.get(i);
                    out.accept(call(r, t, v, "GetSendQuota", Agents.KALI_BOTO3));
                    t += r.range(30_000, 200_000);
                    out.accept(call(r, t, v, "UpdateAccountSendingEnabled", Agents.KALI_BOTO3));
                    t += r.range(30_000, 200_000);
                    out.accept(call(r, t, v, "GetSendStatistics", Agents.KALI_BOTO3));
                    t += r.range(300_000, 900_000);
                }
            }
        }

        private Ev call(Rng r, long t, ServiceUser v, String api, String ua) {
            return ev(r, t, v.account.id, "us-east-1", v.user, null, api, ip, ua);
        }
    }

    /**
     * A developer's long-term key leaked: validated with TruffleHog, then a bot probes SES in every region and
     * runs a burst of denied enumeration (IAM, S3, Secrets Manager, CloudTrail, KMS) and EC2 dry runs.
     */
    static final class LeakedKeySesProbe extends Scenario {
        static final String[] SES_REGIONS = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
            "eu-west-2", "eu-central-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
            "sa-east-1", "ca-central-1"};
        Human victim;
        String validatorIp;
        String botIp;
        int day;
        boolean errorSpikeExpected;

        LeakedKeySesProbe() {
            super("leaked-key-ses-probe", true, "leaked-access-key");
        }

        @Override
        void prepare(World w, Period p) {
            description = "A developer's long-term key pushed to a public repository: TruffleHog validates it, then a "
                    + "bot probes SES sending quotas in every region and runs a burst of denied enumeration with EC2 "
                    + "dry runs, all from hosting providers abroad.";
            victim = w.leakedDev;
            key(victim.akia);
            Net v = pick(w.book, "hosting-", List.of("NL"), w.seed + 1);
            Net b = pick(w.book, "hosting-", List.of("HK", "CN", "SG"), w.seed + 2);
            validatorIp = v.address(Rng.hash(w.seed + "trufflehog"));
            botIp = b.address(Rng.hash(w.seed + "bot"));
            ips.add(validatorIp);
            ips.add(botIp);
            day = Math.max(0, p.days() - 4);
            expect("offensive-user-agent");
            expect("failed-api-spike", day >= 14, warm(day, 14));
            expect("rare-error-code", day >= 4, warm(day, 4));
            errorSpikeExpected = p.scale() <= 2.0 && day >= 4;
            expect("error-message-spike", errorSpikeExpected, p.scale() > 2.0
                    ? "at scale " + p.scale() + " the organisation's own distinct error messages per 15 minutes drown the burst"
                    : warm(day, 4));
            expect("hosting-provider-ip", day >= 7, warm(day, 7));
            expect("new-user-agent", day >= 7, warm(day, 7));
            expect("rare-event-prevalence", day >= 7, warm(day, 7));
            expect("rare-country-for-api", day >= 4, warm(day, 4));
            expect("rare-city-for-api", day >= 4, warm(day, 4));
            notExpected.put("rare-api-for-user", "a person's active hours stay near the 126 that a score of 75 needs");
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            if (d.index() != day) {
                return;
            }
            Consumer<Ev> out = track(raw);
            Identity k = victim.akia;
            String acct = victim.akiaAccount.id;
            long t = d.at(2.1) + r.range(0, 900_000);
            out.accept(ev(r, t, acct, "us-east-1", k, null, "GetCallerIdentity", validatorIp, Agents.TRUFFLEHOG));
            t = d.at(4.3) + r.range(0, 600_000);
            out.accept(ev(r, t, acct, "us-east-1", k, null, "GetCallerIdentity", botIp, Agents.BOT_BOTO3));
            for (String region : SES_REGIONS) {
                t += r.range(2_000, 7_000);
                out.accept(ev(r, t, acct, region, k, null, "GetSendQuota", botIp, Agents.BOT_BOTO3).denied(null));
            }
            t = d.at(5) + 240_000 + r.range(0, 60_000);
            String iamRes = "arn:aws:iam::" + acct + ":user/" + k.name;
            String[][] burst = {
                {"ListUsers", null}, {"ListRoles", null}, {"ListGroups", null}, {"ListAccessKeys", k.name},
                {"GetAccountAuthorizationDetails", null}, {"GetAccountPasswordPolicy", null}, {"ListPolicies", null},
                {"GetAccountSummary", null}, {"ListBuckets", null}, {"GetBucketPolicy", "acme-dev-assets"},
                {"GetBucketAcl", "acme-dev-assets"}, {"GetBucketPolicy", "acme-dev-backups"},
                {"GetBucketAcl", "acme-dev-backups"}, {"GetBucketPolicy", "acme-dev-data-lake"},
                {"GetBucketAcl", "acme-dev-data-lake"}, {"GetBucketEncryption", "acme-dev-backups"},
                {"GetBucketVersioning", "acme-dev-backups"}, {"ListBuckets", null}, {"ListSecrets", null},
                {"DescribeTrails", null}, {"ListKeys", null}, {"ListFunctions20150331", null}};
            for (String[] b : burst) {
                Ev e = ev(r, t, acct, "us-east-1", k, null, b[0], botIp, Agents.BOT_BOTO3);
                e.arg = b[1];
                String res = e.api.prefix.equals("iam") ? iamRes : null;
                out.accept(e.denied(res));
                t += r.range(4_000, 14_000);
            }
            for (String region : new String[] {"us-east-1", "us-west-2", "eu-west-1"}) {
                out.accept(ev(r, t, acct, region, k, null, "DescribeRegions", botIp, Agents.BOT_BOTO3));
                t += r.range(1_000, 4_000);
                Ev run = ev(r, t, acct, region, k, null, "RunInstances", botIp, Agents.BOT_BOTO3);
                run.arg = "c5.4xlarge";
                out.accept(run.error("Client.DryRunOperation", "Request would have succeeded, but DryRun flag is set."));
                t += r.range(3_000, 9_000);
            }
        }
    }

    /** A CI role abused from a poisoned workflow: secrets, buckets, IAM and a new access key, all new for the role. */
    static final class RoleNewApis extends Scenario {
        CiRole ci;
        int day;
        String runnerIp;

        RoleNewApis() {
            super("role-new-apis", true, "assumed-role-misuse");
        }

        @Override
        void prepare(World w, Period p) {
            description = "A poisoned workflow in the platform repository uses the production deploy role from a "
                    + "GitHub-hosted runner to list and read secrets, list buckets and users, and create an access key: "
                    + "APIs the role never called.";
            ci = w.deployProd;
            role(ci.role);
            day = Math.max(0, p.days() - 3);
            runnerIp = ci.runnerIp(Rng.of(w.seed, Rng.hash("role-new-apis-runner")));
            ips.add(runnerIp);
            expect("new-api-for-role", day >= 8, warm(day, 8));
            notExpected.put("rare-api-for-user", "the role's active hours (CI runs) may stay below the 126 that a score "
                    + "of 75 needs");
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            if (d.index() != day) {
                return;
            }
            Consumer<Ev> out = track(raw);
            long t = d.at(15.6) + r.range(0, 600_000);
            Session s = ci.start(t, r, out, runnerIp);
            t += r.range(30_000, 60_000);
            Account a = ci.account;
            String[][] calls = {{"ListSecrets", null}, {"GetSecretValue", a.secrets.get(0)},
                {"GetSecretValue", a.secrets.get(1)}, {"GetSecretValue", a.secrets.get(2)},
                {"GetSecretValue", a.secrets.get(4)}, {"ListBuckets", null}, {"ListUsers", null},
                {"ListAccessKeys", "svc-backup"}, {"CreateAccessKey", "svc-backup"}};
            for (String[] c : calls) {
                Ev e = ev(r, t, a.id, a.primaryRegion, ci.role, s, c[0], runnerIp,
                        Agents.cli("linux", "2.18.4", Api.get(c[0])));
                e.arg = c[1];
                out.accept(e);
                t += r.range(2_000, 12_000);
            }
        }
    }

    /** A service key that lives on AWS networks makes a few sensitive calls from a home broadband line. */
    static final class ServiceKeyResidential extends Scenario {
        ServiceUser victim;
        String ip;
        int day;

        ServiceKeyResidential() {
            super("service-key-residential", true, "service-key-misuse");
        }

        @Override
        void prepare(World w, Period p) {
            description = "The inventory service's long-term key, used only from its AWS instance, makes a few "
                    + "sensitive calls (GetCallerIdentity, ListBuckets, ListObjects, GetObject, GetSecretValue) from a "
                    + "residential ISP with a Windows aws-cli.";
            victim = w.inventory;
            key(victim.user);
            ip = w.residentialAttackNet.address(Rng.hash(w.seed + "residential"));
            ips.add(ip);
            day = Math.max(0, p.days() - 5);
            expect("rare-asn-org", day >= 1, warm(day, 1));
            expect("new-user-agent", day >= 7, warm(day, 7));
            expect("rare-api-for-user", day >= 6, warm(day, 6));
            expect("rare-city-for-api", day >= 4, warm(day, 4));
            notExpected.put("rare-country-for-api", "the country is a home country where these APIs are common");
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            if (d.index() != day) {
                return;
            }
            Consumer<Ev> out = track(raw);
            Account a = victim.account;
            long t = d.at(14) + r.range(0, 1_200_000);
            String[][] calls = {{"GetCallerIdentity", null}, {"ListBuckets", null}, {"ListObjects", a.buckets.get(2)},
                {"GetObject", a.buckets.get(2) + "/exports/credentials-report.csv"}, {"GetSecretValue", a.secrets.get(0)}};
            for (String[] c : calls) {
                Ev e = ev(r, t, a.id, a.primaryRegion, victim.user, null, c[0], ip,
                        Agents.cli("windows", "2.15.30", Api.get(c[0])));
                e.arg = c[1];
                out.accept(e);
                t += r.range(30_000, 150_000);
            }
        }
    }

    /** A developer's key used from a country the organisation never worked from, for the developer's usual commands. */
    static final class ForeignCountryCommand extends Scenario {
        Human victim;
        String ip;
        int day;

        ForeignCountryCommand() {
            super("foreign-country-command", true, "credential-use-abroad");
        }

        @Override
        void prepare(World w, Period p) {
            description = "A developer's long-term key, copied with the laptop's CLI configuration, is used at night "
                    + "from a residential ISP in a country the organisation never worked from, for the developer's own "
                    + "usual commands with the same aws-cli.";
            victim = w.foreignVictim;
            for (String api : new String[] {"DescribeInstances", "ListBuckets", "ListObjects", "GetObject"}) {
                if (!victim.repertoire.has(api)) {
                    victim.repertoire.add(api, 3);
                }
            }
            key(victim.akia);
            Net n = pick(w.book, "isp-", List.of("BR", "VN", "IN"), w.seed + 5);
            ip = n.address(Rng.hash(w.seed + "foreign"));
            ips.add(ip);
            day = Math.max(0, p.days() - 3);
            expect("rare-country-for-api", day >= 4, warm(day, 4));
            expect("rare-city-for-api", day >= 4, warm(day, 4));
        }

        @Override
        void day(Day d, Rng r, Consumer<Ev> raw) {
            if (d.index() != day) {
                return;
            }
            Consumer<Ev> out = track(raw);
            Account a = victim.akiaAccount;
            long t = d.at(21.5) + r.range(0, 900_000);
            String[] calls = {"DescribeInstances", "ListBuckets", "ListObjects", "GetObject", "GetObject", "GetObject",
                "DescribeInstances"};
            for (String c : calls) {
                Ev e = ev(r, t, a.id, a.primaryRegion, victim.akia, null, c, ip,
                        Agents.cli(victim.os, victim.cliVersion, Api.get(c)));
                e.arg = Human.argFor(e.api, a, r);
                out.accept(e);
                t += r.range(20_000, 120_000);
            }
        }
    }

    static Set<String> homeCountries() {
        return World.HOME_COUNTRIES;
    }
}
