package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated organisation: its accounts, offices, people, automation, pipelines, workloads and the AWS
 * services acting in it. Built deterministically from (seed, scale, address book).
 */
final class World {
    static final Set<String> HOME_COUNTRIES = Set.of("US", "GB", "DE");
    private static final String[] FIRST = {"james", "maria", "wei", "olivia", "noah", "amara", "lukas", "sofia", "ethan",
        "priya", "liam", "hannah", "mateo", "chloe", "oliver", "aisha", "felix", "emma", "jack", "mia", "leon", "isla",
        "daniel", "lena", "samuel", "grace", "jonas", "ava", "ryan", "clara", "omar", "julia", "max", "zoe", "david",
        "nina", "tom", "anna", "ben", "sara"};
    private static final String[] LAST = {"smith", "garcia", "chen", "johnson", "muller", "okafor", "schmidt", "brown",
        "patel", "wilson", "fischer", "taylor", "nguyen", "davies", "weber", "evans", "kim", "wagner", "thomas", "lopez",
        "becker", "roberts", "khan", "hoffmann", "walker", "singh", "koch", "wright", "ali", "richter"};

    static final Object[] DEV_POOL = {
        "DescribeInstances", 10, "ListBuckets", 6, "ListObjects", 5, "GetObject", 5, "FilterLogEvents", 5,
        "DescribeLogGroups", 4, "GetLogEvents", 4, "DescribeStacks", 4, "DescribeSecurityGroups", 3,
        "ListFunctions20150331", 3, "GetParameter", 3, "DescribeServices", 3, "PutObject", 2, "DescribeStackEvents", 2,
        "GetFunction20150331v2", 2, "DescribeTable", 2, "ListTables", 2, "GetSecretValue", 2, "ListTasks", 2,
        "DescribeAlarms", 2, "GetCallerIdentity", 2, "DescribeVpcs", 1, "DescribeSubnets", 1, "StartSession", 1,
        "DescribeDBInstances", 1, "DescribeRepositories", 1, "GetRole", 1, "ListRoles", 1, "Invoke", 0.5,
        "DescribeImages", 0.5, "GetBucketPolicy", 0.5, "DescribeKeyPairs", 0.3, "DescribeSnapshots", 0.3,
        "UpdateFunctionConfiguration20150331v2", 0.3, "DescribeLoadBalancers", 1, "DescribeTargetHealth", 1,
        "GetBucketLocation", 0.5, "DescribeParameters", 0.5, "DescribeSecret", 0.5, "ListSecrets", 0.4,
        "DescribeAutoScalingGroups", 0.5, "StartQuery", 0.5, "DescribeLogStreams", 1, "ListStacks", 0.5};
    static final Object[] ADMIN_POOL = {
        "DescribeInstances", 8, "ListRoles", 3, "ListUsers", 3, "DescribeSecurityGroups", 3, "ListBuckets", 4,
        "GetRole", 2, "ListAttachedRolePolicies", 2, "FilterLogEvents", 3, "DescribeStacks", 3, "GetPolicy", 1,
        "GetPolicyVersion", 1, "ListAccessKeys", 1, "GetAccountSummary", 1, "DescribeTrails", 1, "GetTrailStatus", 0.5,
        "LookupEvents", 1, "ListGroups", 1, "GetUser", 1, "ListPolicies", 1, "DescribeConfigRules", 0.5,
        "GetBucketPolicy", 1, "GetBucketAcl", 0.5, "AuthorizeSecurityGroupIngress", 0.2, "TagRole", 0.2,
        "ListMFADevices", 0.3, "GenerateCredentialReport", 0.2, "GetCredentialReport", 0.2, "DescribeVpcs", 1,
        "DescribeSubnets", 1, "DescribeAlarms", 1, "GetCallerIdentity", 2, "ListObjects", 2, "GetObject", 2,
        "DescribeDBInstances", 1, "ListRolePolicies", 0.5, "DescribeLoadBalancers", 1, "DescribeKeyPairs", 0.5,
        "ListSecrets", 0.5, "DescribeSecret", 0.5, "ListKeys", 0.3, "ListAliases", 0.3, "GetSecretValue", 0.5,
        "DescribeEventAggregates", 0.3, "ListInstanceProfiles", 0.3, "GetAccountPasswordPolicy", 0.2};
    static final Object[] DATA_POOL = {
        "GetQueryExecution", 8, "GetQueryResults", 6, "StartQueryExecution", 5, "GetObject", 6, "ListObjects", 5,
        "PutObject", 2, "GetWorkGroup", 1, "DescribeTable", 1, "ListBuckets", 2, "GetCallerIdentity", 1,
        "InvokeModel", 1, "ListFoundationModels", 0.3, "GetBucketLocation", 1, "FilterLogEvents", 1};
    static final Object[] READONLY_POOL = {
        "DescribeInstances", 5, "ListBuckets", 3, "DescribeAlarms", 3, "DescribeLogGroups", 2, "FilterLogEvents", 2,
        "DescribeStacks", 2, "GetBucketLocation", 1, "DescribeDBInstances", 1, "DescribeLoadBalancers", 2,
        "DescribeTargetHealth", 2, "DescribeAutoScalingGroups", 1, "DescribeEventAggregates", 0.5,
        "DescribeAlarmHistory", 1, "DescribeServices", 1};

    final long seed;
    final double scale;
    final AddressBook book;
    final List<Account> accounts = new ArrayList<>();
    final Account prod;
    final Account staging;
    final Account dev;
    final Account security;
    final Office ny;
    final Office london;
    final Office frankfurt;
    final List<Actor> actors = new ArrayList<>();
    final List<Human> humans = new ArrayList<>();
    final Map<String, Identity> sso = new LinkedHashMap<>();
    final List<ServiceUser> integrations = new ArrayList<>();
    final Map<String, Identity> cfnExec = new LinkedHashMap<>();
    final Set<String> reservedCities = new HashSet<>();
    ServiceUser sesMailer;
    ServiceUser inventory;
    ServiceUser batch;
    CiRole deployProd;
    CiRole deployStaging;
    Human leakedDev;
    Human foreignVictim;
    Human admin;
    Human traveller;
    Human vpnUser;
    Human laptopUser;
    /** A home network reserved for the new hire: a city no one else lives in. */
    final Net newHireNet;
    /** A residential network reserved for the attack on a service key: a city no one else uses. */
    final Net residentialAttackNet;
    final List<Net> githubRunners;

    World(long seed, double scale, AddressBook book) {
        this.seed = seed;
        this.scale = scale;
        this.book = book;
        prod = account("318574092617", "prod", "us-east-1", List.of("us-east-1", "eu-west-1"));
        staging = account("640129375810", "staging", "us-east-1", List.of("us-east-1"));
        dev = account("905281746352", "dev", "us-east-1", List.of("us-east-1", "eu-west-1"));
        security = account("472860193504", "security", "us-east-1", List.of("us-east-1", "us-west-2"));
        int extraAccounts = (int) Math.round(4 * Math.pow(Math.max(scale, 1), 0.3)) - 4;
        for (int i = 0; i < extraAccounts; i++) {
            long id = 100_000_000_000L + Math.floorMod(Rng.mix(seed * 31 + i), 899_999_999_999L);
            account(Long.toString(id), "team" + (i + 1), i % 2 == 0 ? "us-east-1" : "eu-west-1",
                    List.of(i % 2 == 0 ? "us-east-1" : "eu-west-1"));
        }
        ny = officeWithIps(new Office("New York", "US", -4, net("isp-us-att", "New York"), null));
        london = officeWithIps(new Office("London", "GB", 0, net("isp-gb-bt", "London"), null));
        frankfurt = officeWithIps(new Office("Frankfurt", "DE", 1, net("isp-de-telekom", "Frankfurt am Main"), null));
        newHireNet = uniqueCityNet("isp-gb-", Set.of("London"));
        residentialAttackNet = uniqueCityNet("isp-us-", Set.of("New York", "Ashburn", "Boston", "Newark"));
        reservedCities.add(newHireNet.city());
        reservedCities.add(residentialAttackNet.city());
        githubRunners = book.tagged("microsoft-azure-github-actions");
        if (githubRunners.isEmpty()) {
            throw new IllegalStateException("address book has no GitHub Actions runner ranges");
        }
        buildHumans();
        buildServiceUsers();
        buildPipelines();
        buildWorkloads();
    }

    private Account account(String id, String name, String region, List<String> regions) {
        Account a = new Account(id, name, region, regions);
        accounts.add(a);
        return a;
    }

    Office officeWithIps(Office o) {
        return new Office(o.name(), o.country(), o.utcOffset(), o.net(),
                new String[] {o.net().address(Rng.hash(seed + o.name()) & 0xffff),
                    o.net().address((Rng.hash(seed + o.name()) & 0xffff) + 1)});
    }

    Net net(String tagPrefix, String city) {
        List<Net> all = book.tagged(tagPrefix);
        if (all.isEmpty()) {
            throw new IllegalStateException("address book has no range tagged " + tagPrefix);
        }
        return all.stream().filter(n -> city.equals(n.city())).findFirst().orElse(all.get(0));
    }

    /** A network whose city appears in no other range of the same tag prefix, nor in {@code avoid}. */
    private Net uniqueCityNet(String tagPrefix, Set<String> avoid) {
        List<Net> all = book.tagged(tagPrefix);
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Net n : book.nets()) {
            if (n.city() != null) {
                count.merge(n.city(), 1, Integer::sum);
            }
        }
        List<Net> ok = all.stream().filter(n -> n.city() != null && count.get(n.city()) == 1
                && !avoid.contains(n.city())).sorted(Comparator.comparing(Net::city)).toList();
        if (ok.isEmpty()) {
            throw new IllegalStateException("no range tagged " + tagPrefix + " with a city of its own");
        }
        return ok.get(Rng.of(seed, Rng.hash(tagPrefix)).nextInt(ok.size()));
    }

    /** AWS addresses of a region (falls back to any AWS range). */
    List<Net> aws(String region) {
        List<Net> l = book.tagged("aws-" + region);
        return l.isEmpty() ? book.tagged("aws") : l;
    }

    Identity ssoRole(Account a, String permissionSet) {
        return sso.computeIfAbsent(a.id + "|" + permissionSet, k -> Identity.role(a.id,
                "AWSReservedSSO_" + permissionSet + "_" + Ids.hex(Rng.hash(k), 16), "/aws-reserved/sso.amazonaws.com/",
                seed));
    }

    private void buildHumans() {
        Office nyO = ny;
        Office lonO = london;
        Office fraO = frankfurt;
        int n = Math.max(12, (int) Math.round(30 * scale));
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Rng r = Rng.of(seed, Rng.hash("human"), i);
            Human.Kind kind;
            String country;
            switch (i) {
                case 0, 3, 5, 6 -> { kind = Human.Kind.DEV; country = "US"; }
                case 1 -> { kind = Human.Kind.DEV; country = "GB"; }
                case 2 -> { kind = Human.Kind.ADMIN; country = "GB"; }
                case 4 -> { kind = Human.Kind.DEV; country = "DE"; }
                case 7 -> { kind = Human.Kind.ADMIN; country = "US"; }
                case 8 -> { kind = Human.Kind.DATA; country = "US"; }
                case 9 -> { kind = Human.Kind.READONLY; country = "GB"; }
                default -> {
                    int k = r.nextInt(20);
                    kind = k < 3 ? Human.Kind.ADMIN : k < 14 ? Human.Kind.DEV : k < 17 ? Human.Kind.DATA
                            : Human.Kind.READONLY;
                    int c = r.nextInt(20);
                    country = c < 9 ? "US" : c < 16 ? "GB" : "DE";
                }
            }
            Office office = country.equals("US") ? nyO : country.equals("GB") ? lonO : fraO;
            String first = FIRST[(int) Math.floorMod(Rng.mix(seed + i * 7919L), FIRST.length)];
            String last = LAST[(int) Math.floorMod(Rng.mix(seed * 3 + i * 104729L), LAST.length)];
            String user = first.charAt(0) + last;
            while (!used.add(user)) {
                user = user + (i % 10);
            }
            Human h = newHuman(r, user, first + "." + last + "@acme.example", kind, office, country, i < 10);
            if (i == 0 || i == 1 || i == 3 || i == 5 || i == 6 || i == 7 || (i >= 10 && kind == Human.Kind.DEV
                    && r.chance(0.35))) {
                h.akia = Identity.user(dev.id, user, seed).withKey(seed);
                h.akiaAccount = dev;
                h.whoamiChance = country.equals("US") ? 0.55 : 0.3;
            }
            if (i == 0 || i == 1 || i == 5) {
                h.os = "macos";
            }
            humans.add(h);
            actors.add(h);
        }
        leakedDev = humans.get(0);
        foreignVictim = humans.get(1);
        admin = humans.get(2);
        traveller = humans.get(3);
        vpnUser = humans.get(4);
        laptopUser = humans.get(5);
    }

    Human newHuman(Rng r, String user, String email, Human.Kind kind, Office office, String country, boolean special) {
        List<Net> homes = book.where(x -> x.networkClass().equals("isp") && x.country().equals(country)
                && x != office.net() && x.city() != null && !reservedCities.contains(x.city()));
        Net home = homes.get(r.nextInt(homes.size()));
        String os = r.chance(0.6) ? "macos" : r.chance(0.6) ? "windows" : "linux";
        String cli = r.pick("2.17.52", "2.18.4", "2.15.30", "2.19.1");
        Object[] pool = switch (kind) {
            case ADMIN -> ADMIN_POOL;
            case DEV -> DEV_POOL;
            case DATA -> DATA_POOL;
            case READONLY -> READONLY_POOL;
        };
        int officeDays = r.chance(0.5) ? 0b01110 : r.chance(0.5) ? 0b11111 : 0b00110;
        if (special || country.equals("US")) {
            officeDays = 0b01110; // Tuesday to Thursday in the office
        }
        Human h = new Human(user, email, kind, office, home, home.address(r.nextLong()), os, cli,
                0.7 + r.nextDouble() * 0.7, officeDays, Repertoire.personal(pool, 0.6, r));
        switch (kind) {
            case ADMIN -> {
                addAccess(h, prod, "AdministratorAccess", 4);
                addAccess(h, staging, "AdministratorAccess", 2);
                addAccess(h, dev, "AdministratorAccess", 2);
                addAccess(h, security, "AdministratorAccess", 2);
            }
            case DEV -> {
                addAccess(h, dev, "DeveloperAccess", 5.5);
                addAccess(h, staging, "DeveloperAccess", 3);
                addAccess(h, prod, "ReadOnlyAccess", 1.5);
            }
            case DATA -> {
                addAccess(h, prod, "DataScientist", 6);
                addAccess(h, dev, "DataScientist", 4);
            }
            case READONLY -> {
                addAccess(h, prod, "ReadOnlyAccess", 7);
                addAccess(h, staging, "ReadOnlyAccess", 3);
            }
        }
        for (int i = 4; i < accounts.size(); i++) {
            if (r.chance(0.3)) {
                addAccess(h, accounts.get(i), kind == Human.Kind.ADMIN ? "AdministratorAccess" : "DeveloperAccess", 2);
            }
        }
        return h;
    }

    private void addAccess(Human h, Account a, String permissionSet, double weight) {
        h.accounts.add(a);
        h.accountWeights.add(weight);
        h.ssoRoles.add(ssoRole(a, permissionSet));
    }

    private String awsIp(String region, String name) {
        Rng r = Rng.of(seed, Rng.hash("ip/" + name));
        return r.pick(aws(region)).address(r.nextLong());
    }

    private ServiceUser service(Account a, String name, String region, String ua, int basePeriod) {
        // Below scale 1 automation runs less often (never less than hourly, so its hours stay active).
        int period = Math.min(Math.max(60, basePeriod), (int) Math.round(basePeriod / Math.min(1.0, scale)));
        Identity u = Identity.user(a.id, name, seed).withKey(seed);
        ServiceUser s = new ServiceUser(u, a, awsIp(region, name), ua, period,
                Math.floorMod(Rng.hash(seed + name), period * 60_000L));
        actors.add(s);
        return s;
    }

    private void buildServiceUsers() {
        sesMailer = service(prod, "svc-ses-mailer", "us-east-1", Agents.boto3("5.10.226-214.880.amzn2.x86_64"), 60)
                .step("GetParameter", "/prod/ses/config-set").step("GetSendQuota", null);
        sesMailer.daily("GetSendStatistics", null).daily("GetAccount", null);
        ServiceUser backup = service(prod, "svc-backup", "us-east-1", Agents.goSdk("ec2"), 60)
                .step("DescribeVolumes", null).step("CreateSnapshot", "vol-0" + Ids.hex(seed, 16))
                .step("CreateTags", null);
        backup.daily("DescribeSnapshots", null).daily("DeleteSnapshot", null).daily("DeleteSnapshot", null);
        inventory = service(security, "svc-inventory", "us-east-1", Agents.boto3("6.1.109-118.189.amzn2023.x86_64"), 10)
                .step("DescribeInstances", null, "us-east-1", 0).step("DescribeInstances", null, "us-west-2", 0)
                .step("DescribeInstances", null, "eu-west-1", 0).step("ListBuckets", null)
                .step("DescribeSecurityGroups", null);
        batch = service(prod, "svc-batch-etl", "us-east-1", Agents.javaSdk(), 10)
                .step("GetSecretValue", "prod/db/primary")
                .step("GetObject", prod.buckets.get(1) + "/incoming/", null, 0.045)
                .step("GetObject", prod.buckets.get(1) + "/incoming/", null, 0.045)
                .step("GetObject", prod.buckets.get(1) + "/reference/", null, 0.045)
                .step("PutObject", prod.buckets.get(1) + "/processed/");
        String[][] ints = {
            {"int-crm-sync", "boto3", "15"}, {"int-payments-webhook", "java", "10"}, {"int-partner-feed", "go", "30"},
            {"int-search-indexer", "node", "10"}, {"int-mobile-push", "node", "20"}, {"int-reporting", "boto3", "60"},
            {"int-postman-tests", "boto3", "30"}};
        for (String[] x : ints) {
            String ua = switch (x[1]) {
                case "java" -> Agents.javaSdk();
                case "go" -> Agents.goSdk("s3");
                case "node" -> Agents.nodeSdk(x[0].contains("push") ? "sns" : "ssm");
                default -> Agents.boto3("5.10.226-214.880.amzn2.x86_64");
            };
            ServiceUser s = service(prod, x[0], x[0].hashCode() % 2 == 0 ? "us-east-1" : "us-east-2", ua,
                    Integer.parseInt(x[2]));
            switch (x[0]) {
                case "int-crm-sync" -> s.step("GetParameter", "/prod/crm/endpoint")
                        .step("GetObject", prod.buckets.get(1) + "/exports/crm/")
                        .step("PutObject", prod.buckets.get(1) + "/incoming/crm/");
                case "int-payments-webhook" -> s.step("GetSecretValue", "prod/stripe/api-key")
                        .step("PutObject", prod.buckets.get(1) + "/incoming/payments/");
                case "int-partner-feed" -> s.step("ListObjects", prod.buckets.get(0))
                        .step("GetObject", prod.buckets.get(0) + "/feeds/")
                        .step("PutObject", prod.buckets.get(1) + "/incoming/partners/");
                case "int-search-indexer" -> s.step("GetParameter", "/prod/search/endpoint")
                        .step("GetObject", prod.buckets.get(1) + "/processed/");
                case "int-mobile-push" -> s.step("GetTopicAttributes", null).step("ListSubscriptions", null);
                case "int-reporting" -> s.step("StartQueryExecution", null).step("GetQueryExecution", null)
                        .step("GetQueryExecution", null).step("GetQueryResults", null);
                default -> {
                    s.step("GetParameter", "/prod/app/config").step("GetObject", prod.buckets.get(0) + "/fixtures/")
                            .step("DescribeTable", prod.tables.get(0));
                    s.activeFromHour = 13;
                    s.activeToHour = 22;
                }
            }
            integrations.add(s);
        }
        int extra = (int) Math.round(10 * (scale - 1));
        for (int i = 0; i < extra; i++) {
            Rng r = Rng.of(seed, Rng.hash("svc-extra"), i);
            Account a = accounts.get(r.nextInt(accounts.size()));
            String name = "svc-" + r.pick("sync", "export", "import", "cleanup", "metrics", "archive") + "-" + (i + 1);
            ServiceUser s = service(a, name, a.primaryRegion, r.chance(0.5) ? Agents.boto3("5.10.226-214.880.amzn2.x86_64")
                    : Agents.goSdk("s3"), r.pick(5, 10, 15, 30));
            s.step("GetObject", a.buckets.get(r.nextInt(3)) + "/data/").step("PutObject", a.buckets.get(1) + "/out/");
            s.step(r.pick("GetParameter", "DescribeTable", "GetQueueAttributes"), null);
            if (r.chance(0.5)) {
                s.step("GetObject", a.buckets.get(r.nextInt(3)) + "/reference/");
            }
        }
    }

    private void buildPipelines() {
        for (Account a : accounts) {
            cfnExec.put(a.id, Identity.role(a.id, "cfn-exec-role", "/", seed));
        }
        deployProd = ci(prod, "gha-deploy-prod", "platform", 5, true);
        deployStaging = ci(staging, "gha-deploy-staging", "platform", 9, true);
        ci(dev, "gha-build", "services", 14, false);
        int extra = (int) Math.round(3 * (scale - 1));
        for (int i = 0; i < extra; i++) {
            Account a = accounts.get(i % accounts.size());
            ci(a, "gha-" + a.name + "-" + (i + 1), "svc-" + (i + 1), 6, i % 2 == 0);
        }
    }

    private CiRole ci(Account a, String roleName, String repo, double runs, boolean deploys) {
        CiRole c = new CiRole(Identity.role(a.id, roleName, "/", seed), a, repo, runs * Math.max(0.3, Math.min(1.0, scale)),
                githubRunners,
                cfnExec.get(a.id), deploys);
        actors.add(c);
        return c;
    }

    private void buildWorkloads() {
        int fleets = Math.max(1, (int) Math.round(scale));
        for (int f = 0; f < fleets; f++) {
            Account a = f == 0 ? prod : accounts.get(f % accounts.size());
            int count = f == 0 ? Math.max(1, (int) Math.round(4 * Math.min(1.0, scale))) : 4;
            String[] ids = new String[count];
            String[] ips = new String[count];
            for (int i = 0; i < count; i++) {
                ids[i] = "i-0" + Ids.hex(seed * 131 + f * 17 + i, 16);
                ips[i] = awsIp(a.primaryRegion, ids[i]);
            }
            Identity role = Identity.role(a.id, f == 0 ? "app-server-role" : "app-server-role-" + f, "/", seed);
            actors.add(new Workloads.Fleet(role, a, a.primaryRegion, ids, ips, "vpce-0" + Ids.hex(seed + f, 16)));
        }
        for (int f = 0; f < Math.max(1, (int) Math.round(scale)); f++) {
            Account a = f == 0 ? prod : accounts.get(f % accounts.size());
            String[][] fns = {{"thumbnailer", "6", "GetObject,PutObject"}, {"billing-export", "1", "GetObject,PutObject,GetSecretValue"},
                {"webhook-handler", "4", "GetParameter,PutObject"}};
            for (String[] fn : fns) {
                String name = a.name + "-" + fn[0] + (f == 0 ? "" : "-" + f);
                Identity role = Identity.role(a.id, name + "-role", "/service-role/", seed);
                actors.add(new Workloads.Function(role, a, name, a.primaryRegion, aws(a.primaryRegion),
                        Double.parseDouble(fn[1]) * Math.min(1.0, scale), fn[2].split(",")));
            }
        }
        for (Account a : accounts) {
            actors.add(new Workloads.Services(a, seed, a == prod || a == staging));
        }
    }
}
