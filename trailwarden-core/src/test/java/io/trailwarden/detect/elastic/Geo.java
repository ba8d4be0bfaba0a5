package io.trailwarden.detect.elastic;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test geography: a fake enricher for the IPs the Elastic tests use, and background traffic. */
final class Geo {
    static final String NEW_YORK = "198.51.100.7";   // Events' default source IP
    static final String CHICAGO = "198.51.100.20";
    static final String LISBON = "203.0.113.9";
    static final String PORTO = "203.0.113.10";
    static final String AWS_1 = "3.80.0.1";
    static final String AWS_2 = "3.80.0.2";
    static final String GOOGLE = "34.1.2.3";
    static final String MONGODB = "18.0.0.9";
    static final String FAKE_AMAZON = "45.0.0.1";
    static final String ISP_1 = "192.0.2.1";
    static final String ISP_2 = "192.0.2.2";
    static final String ISP_3 = "192.0.2.3";
    static final String ISP_4 = "192.0.2.4";
    static final String ISP_5 = "192.0.2.5";

    private static final Map<String, SourceInfo> KNOWN = new HashMap<>();

    static {
        put(NEW_YORK, NetworkClass.ISP, "US", "New York", 7922, "Comcast Cable Communications, LLC");
        put(CHICAGO, NetworkClass.ISP, "US", "Chicago", 7922, "Comcast Cable Communications, LLC");
        put(LISBON, NetworkClass.ISP, "PT", "Lisbon", 3243, "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A.");
        put(PORTO, NetworkClass.ISP, "PT", "Porto", 3243, "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A.");
        put(AWS_1, NetworkClass.AWS, "US", "Ashburn", 14618, "AMAZON-AES");
        put(AWS_2, NetworkClass.AWS, "US", "Ashburn", 16509, "AMAZON-02");
        put(GOOGLE, NetworkClass.MAJOR_CLOUD, "US", "Council Bluffs", 15169, "Google LLC");
        put(MONGODB, NetworkClass.MAJOR_CLOUD, "US", "New York", 0, "MongoDB, Inc.");
        put(FAKE_AMAZON, NetworkClass.HOSTING, "NL", "Amsterdam", 64500, "Amazon Discount Hosting B.V.");
        for (int i = 1; i <= 5; i++) {
            put("192.0.2." + i, NetworkClass.ISP, "DE", "Berlin", 64510 + i, "Carrier " + i + " GmbH");
        }
    }

    private Geo() {
    }

    private static void put(String ip, NetworkClass c, String country, String city, long asn, String org) {
        KNOWN.put(ip, new SourceInfo(ip, c, true, country, city, asn, org));
    }

    /** The fake enricher: the table above, else the basic classifier (services, private, unknown). */
    static SourceEnricher enricher() {
        BasicSourceEnricher basic = new BasicSourceEnricher();
        return ip -> {
            SourceInfo s = KNOWN.get(ip);
            return s != null ? s : basic.enrich(ip);
        };
    }

    static String iso(long t) {
        return Times.iso(t);
    }

    /** One call an hour by {@code svc-app} from New York, for {@code hours} hours from {@code start}. */
    static List<CloudTrailEvent.Builder> background(String start, int hours) {
        return background(start, hours, "svc-app", "AKIASVCAPP000000001", NEW_YORK, "DescribeInstances");
    }

    static List<CloudTrailEvent.Builder> background(String start, int hours, String user, String key, String ip,
                                                    String api) {
        long t0 = Events.at(start);
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            l.add(Events.user(user, key, iso(t0 + h * Times.HOUR), api).sourceIp(ip));
        }
        return l;
    }

    /** A call made by an AWS service on the user's behalf ({@code invokedBy}) from a public IP. */
    static CloudTrailEvent.Builder invokedByService(String user, String key, String time, String api, String ip) {
        return Events.base(time, api).sourceIp(ip).identity(new UserIdentity("IAMUser",
                "arn:aws:iam::" + Events.ACCOUNT + ":user/" + user, "AIDA" + user.toUpperCase(), Events.ACCOUNT, key,
                user, "cloudformation.amazonaws.com", null, null, null, null, null, null));
    }

    static CloudTrailEvent.Builder[] array(List<CloudTrailEvent.Builder> l) {
        return l.toArray(new CloudTrailEvent.Builder[0]);
    }
}
