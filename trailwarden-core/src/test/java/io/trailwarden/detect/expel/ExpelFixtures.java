package io.trailwarden.detect.expel;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Seed 004's cast: agents, addresses with their enrichment, and a calendar starting 2024-03-01. */
final class ExpelFixtures {
    /** The user agent of Expel's incident. */
    static final String EXPEL_UA = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";
    /** What the developers normally run (also {@link Events}' default). */
    static final String UBUNTU_CLI = "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity";
    static final String UBUNTU_CLI_UPGRADED = "aws-cli/2.17.3 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.ls";
    static final String BOTO3 = "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.6 cfg/retry-mode#legacy Botocore/1.34.11";

    /** The office NAT: an ISP address. */
    static final String OFFICE_IP = "198.51.100.7";
    /** The attacker's server at a hosting provider (Expel: "a hosting provider other than AWS, Google, or Microsoft"). */
    static final String ATTACKER_IP = "203.0.113.66";
    static final String ATTACKER_ORG = "M247 Europe SRL";
    /** Two addresses of one hosting provider the team's CI runs on. */
    static final String CI_IP_1 = "192.0.2.10";
    static final String CI_IP_2 = "192.0.2.11";
    static final String CI_ORG = "OVH SAS";
    static final String AWS_IP = "52.94.236.248";
    static final String AZURE_IP = "20.42.65.92";

    private static final Map<String, SourceInfo> KNOWN = Map.of(
            OFFICE_IP, new SourceInfo(OFFICE_IP, NetworkClass.ISP, true, "US", "Denver", 7922, "Comcast Cable Communications, LLC"),
            ATTACKER_IP, new SourceInfo(ATTACKER_IP, NetworkClass.HOSTING, true, "RO", "Bucharest", 9009, ATTACKER_ORG),
            CI_IP_1, new SourceInfo(CI_IP_1, NetworkClass.HOSTING, true, "FR", "Roubaix", 16276, CI_ORG),
            CI_IP_2, new SourceInfo(CI_IP_2, NetworkClass.HOSTING, true, "FR", "Gravelines", 16276, CI_ORG),
            AWS_IP, new SourceInfo(AWS_IP, NetworkClass.AWS, true, "US", "Ashburn", 16509, "AMAZON-02"),
            AZURE_IP, new SourceInfo(AZURE_IP, NetworkClass.MAJOR_CLOUD, true, "US", "Boydton", 8075, "MICROSOFT-CORP-MSN-AS-BLOCK"));

    private ExpelFixtures() {
    }

    /** A fake enricher: the addresses above with their enrichment, everything else as the basic classifier says. */
    static SourceEnricher sources() {
        BasicSourceEnricher basic = new BasicSourceEnricher();
        return ip -> KNOWN.containsKey(ip) ? KNOWN.get(ip) : basic.enrich(ip);
    }

    /** {@code 2024-03-01} plus {@code day} days, at hh:mm UTC. */
    static String at(int day, int hour, int minute) {
        return Times.iso(Times.parseUserTime("2024-03-01") + day * Times.DAY + hour * Times.HOUR + minute * Times.MINUTE);
    }

    /** One call a day at 09:00 (+ minute) from {@code fromDay} to {@code toDay} inclusive. */
    static List<CloudTrailEvent.Builder> daily(String user, String key, int fromDay, int toDay, int minute,
                                               String ip, String ua, String eventName) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int d = fromDay; d <= toDay; d++) {
            l.add(Events.user(user, key, at(d, 9, minute), eventName).sourceIp(ip).userAgent(ua));
        }
        return l;
    }

    /** Builds and sorts by time: the harness wants arrival order close to event order. */
    static List<CloudTrailEvent> inOrder(List<CloudTrailEvent.Builder> builders) {
        List<CloudTrailEvent> l = new ArrayList<>();
        for (CloudTrailEvent.Builder b : builders) {
            l.add(b.build());
        }
        l.sort(Comparator.comparingLong(CloudTrailEvent::time).thenComparing(CloudTrailEvent::eventId));
        return l;
    }

    @SafeVarargs
    static List<CloudTrailEvent.Builder> all(List<CloudTrailEvent.Builder>... parts) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (List<CloudTrailEvent.Builder> p : parts) {
            l.addAll(p);
        }
        return l;
    }
}
