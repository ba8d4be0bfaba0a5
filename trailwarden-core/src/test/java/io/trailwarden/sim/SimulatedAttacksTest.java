package io.trailwarden.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.detect.Detections;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.evaluate.Labels;
import io.trailwarden.event.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One 21-day simulation; checks that each attack genuinely meets its detections' conditions in the data. */
class SimulatedAttacksTest {
    static final Set<String> ALL_DETECTIONS = Set.of("failed-api-spike", "new-api-for-role", "rare-country-for-api",
            "rare-city-for-api", "rare-api-for-user", "rare-error-code", "error-message-spike", "rare-asn-org",
            "offensive-user-agent", "new-user-agent", "hosting-provider-ip", "multi-key-recon", "rare-event-prevalence");
    static final Pattern VERB = Pattern.compile("(?i)^(Describe|Export|Get|List|Create|Put|Update|Modify|Attach|Add|"
            + "Delete|Remove|Detach|Disable|Revoke|Stop|Run|Invoke|Start|Launch|Execute|Switch)");
    static final Pattern NOUN = Pattern.compile("(?i)Secret|Policy|Key|Token|Credential|Password|Encrypt|Decrypt|Assume|"
            + "Trail|Snapshot|ACL|Security|Group|Bucket|Object");
    static final Set<String> SENSITIVE = Set.of("GetCallerIdentity", "GetAccountSummary", "ListAccountAliases",
            "GetSecretValue", "ListSecrets", "DescribeSecret", "GetParameter", "GetParameters", "GetParametersByPath",
            "AssumeRole", "CreateAccessKey", "CreateUser", "GetObject", "ListBuckets", "ListObjects", "ListObjectsV2");

    static Path dir;
    static Labels labels;
    static List<CloudTrailEvent> events = new ArrayList<>();
    static SourceEnricher geo;

    @BeforeAll
    static void simulate() throws Exception {
        dir = Files.createTempDirectory("tw-sim");
        Simulator.Options d = Simulator.Options.defaults(dir);
        new Simulator(new Simulator.Options(dir, 21, 11, 0.3, null, true, d.end(), 2, d.gzipLevel())).run();
        labels = Labels.read(dir.resolve("labels.json"));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
                events.addAll(SimulatorTest.read(f));
            }
        }
        events.sort((a, b) -> Long.compare(a.time(), b.time()));
        geo = Enrichment.bundled().sources();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    static Labels.Entry attack(String id) {
        return labels.attacks().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    static Labels.Entry trap(String id) {
        return labels.traps().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    static boolean inAttack(CloudTrailEvent e, Labels.Entry a) {
        return a.ips().contains(e.sourceIp()) && e.time() >= a.start() && e.time() <= a.end();
    }

    @Test
    void everyDetectionIsExpectedOnSomeAttack() {
        Set<String> expected = new TreeSet<>();
        labels.attacks().forEach(a -> expected.addAll(a.detections()));
        assertThat(expected).containsExactlyInAnyOrderElementsOf(ALL_DETECTIONS);
        Detections.all().forEach(d -> assertThat(ALL_DETECTIONS).contains(d.id()));
    }

    @Test
    void expelKeysAllCheckTheirIdentityFromOneNewHostingIpAbroadWithinAnHour() {
        Labels.Entry a = attack("expel-stolen-keys");
        String ip = a.ips().get(0);
        SourceInfo s = geo.enrich(ip);
        assertThat(s.networkClass()).isEqualTo(NetworkClass.HOSTING);
        assertThat(World.HOME_COUNTRIES).doesNotContain(s.country());
        assertThat(s.city()).isNotNull();
        List<CloudTrailEvent> whoami = events.stream().filter(e -> ip.equals(e.sourceIp())
                && e.eventName().equals("GetCallerIdentity")).toList();
        Set<String> keys = new TreeSet<>();
        whoami.stream().filter(e -> e.time() - whoami.get(0).time() < 3_600_000L).forEach(e -> keys.add(e.accessKeyId()));
        assertThat(keys).hasSize(a.accessKeys().size()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(whoami).allMatch(e -> e.userAgent().contains("kali"));
        // Nobody but the attacker ever used that IP, or any address of that country.
        assertThat(events.stream().filter(e -> !inAttack(e, a)).map(e -> geo.enrich(e.sourceIp()).country()))
                .doesNotContain(s.country());
        // GetSendQuota: called before the attack day only by the SES mailer (and the leaked key's bot).
        long dayStart = Math.floorDiv(a.start(), 86_400_000L) * 86_400_000L;
        Set<String> callers = new TreeSet<>();
        events.stream().filter(e -> e.time() < dayStart && e.eventName().equals("GetSendQuota"))
                .forEach(e -> callers.add(e.principal().key()));
        assertThat(callers.size()).isLessThanOrEqualTo(2);
        assertThat(events.stream().filter(e -> e.eventName().equals("UpdateAccountSendingEnabled")))
                .allMatch(e -> inAttack(e, a));
    }

    @Test
    void leakedKeyBurstMeetsTheFailedApiSpikeConditions() {
        Labels.Entry a = attack("leaked-key-ses-probe");
        String key = a.accessKeys().get(0);
        Map<Long, int[]> bins = new HashMap<>(); // hour -> {denied, total, successDistinct?}
        Map<Long, Set<String>> deniedNames = new HashMap<>();
        Map<Long, Set<String>> okNames = new HashMap<>();
        for (CloudTrailEvent e : events) {
            if (!key.equals(e.accessKeyId()) || !VERB.matcher(e.eventName()).find() || !NOUN.matcher(e.eventName()).find()) {
                continue;
            }
            long h = Math.floorDiv(e.time(), 3_600_000L);
            int[] c = bins.computeIfAbsent(h, k -> new int[2]);
            c[1]++;
            String code = e.errorCode();
            if ("AccessDenied".equals(code) || "Client.UnauthorizedOperation".equals(code)) {
                c[0]++;
                deniedNames.computeIfAbsent(h, k -> new TreeSet<>()).add(e.eventName());
            } else if (code == null) {
                okNames.computeIfAbsent(h, k -> new TreeSet<>()).add(e.eventName());
            }
        }
        long burst = bins.entrySet().stream().max((x, y) -> x.getValue()[0] - y.getValue()[0]).orElseThrow().getKey();
        int[] c = bins.get(burst);
        assertThat(burst * 3_600_000L).isBetween(a.start() - 3_600_000L, a.end());
        assertThat(c[0]).isGreaterThanOrEqualTo(3);
        assertThat((double) c[0] / c[1]).isGreaterThanOrEqualTo(0.5);
        assertThat(deniedNames.get(burst).size()).isGreaterThanOrEqualTo(okNames.getOrDefault(burst, Set.of()).size());
        long before = bins.entrySet().stream().filter(x -> x.getKey() < burst && x.getKey() >= burst - 336
                && x.getValue()[0] > 0).count();
        assertThat(before).as("hours with denials in the 14 days before: P95 stays 0").isLessThan(336 / 20);
        assertThat(burst * 3_600_000L - labels.start()).isGreaterThanOrEqualTo(14 * 86_400_000L);
        assertThat(events.stream().filter(e -> "Client.DryRunOperation".equals(e.errorCode())))
                .isNotEmpty().allMatch(e -> inAttack(e, a));
        assertThat(events.stream().filter(e -> inAttack(e, a)).map(CloudTrailEvent::userAgent)).contains("TruffleHog");
        for (String ip : a.ips()) {
            assertThat(geo.enrich(ip).networkClass()).isEqualTo(NetworkClass.HOSTING);
        }
    }

    @Test
    void serviceKeyLivesOnAwsThenMakesSensitiveCallsFromAHomeIsp() {
        Labels.Entry a = attack("service-key-residential");
        String key = a.accessKeys().get(0);
        int trusted = 0;
        int other = 0;
        for (CloudTrailEvent e : events) {
            if (key.equals(e.accessKeyId()) && e.time() < a.start() && e.time() >= a.start() - 7 * 86_400_000L
                    && e.isSuccess()) {
                NetworkClass c = geo.enrich(e.sourceIp()).networkClass();
                if (c == NetworkClass.AWS || c == NetworkClass.MAJOR_CLOUD) {
                    trusted++;
                } else {
                    other++;
                }
            }
        }
        assertThat(trusted).isGreaterThanOrEqualTo(100);
        assertThat(other).isZero();
        Set<String> sensitive = new TreeSet<>();
        for (CloudTrailEvent e : events) {
            if (inAttack(e, a)) {
                assertThat(geo.enrich(e.sourceIp()).networkClass()).isEqualTo(NetworkClass.ISP);
                if (e.isSuccess() && SENSITIVE.contains(e.eventName())) {
                    sensitive.add(e.eventName());
                }
            }
        }
        assertThat(sensitive.size()).isGreaterThanOrEqualTo(2);
        String city = geo.enrich(a.ips().get(0)).city();
        assertThat(events.stream().filter(e -> !inAttack(e, a)).map(e -> geo.enrich(e.sourceIp()).city()))
                .doesNotContain(city);
    }

    @Test
    void theRoleCallsOnlyApisItNeverCalledBefore() {
        Labels.Entry a = attack("role-new-apis");
        String roleKey = a.credentials().stream().filter(c -> c.startsWith("role:")).findFirst().orElseThrow();
        Set<String> before = new HashSet<>();
        Set<String> during = new TreeSet<>();
        for (CloudTrailEvent e : events) {
            if (!e.principal().key().equals(roleKey) || !e.isSuccess()) {
                continue;
            }
            if (e.time() < a.start()) {
                before.add(e.eventName());
            } else if (e.time() <= a.end() && a.ips().contains(e.sourceIp())) {
                during.add(e.eventName());
            }
        }
        during.removeAll(Set.of("GetCallerIdentity", "AssumeRoleWithWebIdentity"));
        assertThat(during).hasSizeGreaterThanOrEqualTo(4).doesNotContainAnyElementsOf(before);
    }

    @Test
    void foreignCommandsComeFromACountryNobodyElseUsedWithTheVictimsOwnTool() {
        Labels.Entry a = attack("foreign-country-command");
        SourceInfo s = geo.enrich(a.ips().get(0));
        assertThat(s.networkClass()).isEqualTo(NetworkClass.ISP);
        assertThat(events.stream().filter(e -> !inAttack(e, a)).map(e -> geo.enrich(e.sourceIp()).country()))
                .doesNotContain(s.country());
        Set<String> victimAgents = new TreeSet<>();
        events.stream().filter(e -> a.accessKeys().contains(e.accessKeyId()) && !inAttack(e, a))
                .forEach(e -> victimAgents.add(e.userAgent().replaceAll("md/command#\\S+", "")));
        events.stream().filter(e -> inAttack(e, a)).forEach(e ->
                assertThat(victimAgents).contains(e.userAgent().replaceAll("md/command#\\S+", "")));
    }

    @Test
    void batchJobDenialsNeverReachHalfItsSensitiveCallsInAnHour() {
        Labels.Entry t = trap("batch-steady-denials");
        String key = t.accessKeys().get(0);
        Map<Long, int[]> bins = new HashMap<>();
        for (CloudTrailEvent e : events) {
            if (key.equals(e.accessKeyId()) && VERB.matcher(e.eventName()).find() && NOUN.matcher(e.eventName()).find()) {
                int[] c = bins.computeIfAbsent(Math.floorDiv(e.time(), 3_600_000L), k -> new int[2]);
                c[1]++;
                if ("AccessDenied".equals(e.errorCode())) {
                    c[0]++;
                }
            }
        }
        int denied = bins.values().stream().mapToInt(c -> c[0]).sum();
        assertThat(denied).as("the trap has denials at all").isGreaterThan(30);
        assertThat(bins.values()).allMatch(c -> c[0] * 2 < c[1]);
    }

    @Test
    void trapsUseOrdinaryNetworksAndTheVpnIsAHostingProviderNamedForAllowlisting() {
        Labels.Entry vpn = trap("commercial-vpn");
        SourceInfo v = geo.enrich(vpn.ips().get(0));
        assertThat(v.networkClass()).isEqualTo(NetworkClass.HOSTING);
        assertThat(vpn.allowlistAsOrg()).isEqualTo(v.asOrg());
        assertThat(vpn.firesUntilAllowlisted()).containsExactly("hosting-provider-ip");
        for (String id : List.of("travel-abroad", "new-employee-new-city")) {
            for (String ip : trap(id).ips()) {
                assertThat(geo.enrich(ip).networkClass()).as(id).isEqualTo(NetworkClass.ISP);
            }
        }
        // Background and traps never use a hosting provider except the VPN, nor an offensive user agent.
        Set<String> attackIps = new HashSet<>();
        labels.attacks().forEach(a -> attackIps.addAll(a.ips()));
        for (CloudTrailEvent e : events) {
            if (attackIps.contains(e.sourceIp())) {
                continue;
            }
            assertThat(e.userAgent()).doesNotContainIgnoringCase("kali").doesNotContainIgnoringCase("trufflehog");
            if (!vpn.ips().contains(e.sourceIp())) {
                assertThat(geo.enrich(e.sourceIp()).networkClass()).as(e.sourceIp()).isNotEqualTo(NetworkClass.HOSTING);
            }
        }
    }

    @Test
    void officeDevelopersCheckTheirIdentityFromTheSharedNatMostMornings() {
        Labels.Entry t = trap("office-nat-recon");
        Map<Long, Set<String>> keysByHour = new HashMap<>();
        for (CloudTrailEvent e : events) {
            if (e.eventName().equals("GetCallerIdentity") && t.ips().contains(e.sourceIp())
                    && t.accessKeys().contains(e.accessKeyId())) {
                keysByHour.computeIfAbsent(Math.floorDiv(e.time(), 3_600_000L), k -> new TreeSet<>()).add(e.accessKeyId());
            }
        }
        assertThat(t.accessKeys()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(keysByHour.values().stream().filter(s -> s.size() >= 2).count()).isGreaterThan(3);
    }
}
