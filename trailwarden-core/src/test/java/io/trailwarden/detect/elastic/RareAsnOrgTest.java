package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.engine.Engine;
import io.trailwarden.enrich.SourceInfoUnknown;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RareAsnOrgTest {
    private static final String ROLE = "ci-deploy";
    private static final String PRINCIPAL = "role:111122223333:ci-deploy";

    private static DetectorHarness harness() {
        return harness(Params.defaults(RareAsnOrg.INFO));
    }

    private static DetectorHarness harness(Params p) {
        return new DetectorHarness(Geo.enricher(), List.of(), new RareAsnOrg(p));
    }

    /** {@code n} successful PutObject calls by the CI role from {@code ip}, ten minutes apart. */
    private static CloudTrailEvent.Builder[] calls(int n, String start, String ip) {
        List<CloudTrailEvent.Builder> l = new ArrayList<>();
        long t = Events.at(start);
        for (int i = 0; i < n; i++) {
            l.add(Events.role(ROLE, "run-" + i, Times.iso(t + i * 10 * Times.MINUTE), "PutObject").sourceIp(ip));
        }
        return Geo.array(l);
    }

    private static CloudTrailEvent.Builder call(String time, String api, String ip) {
        return Events.role(ROLE, "run-x", time, api).sourceIp(ip);
    }

    @Test
    void ciRoleFromAwsMakingSensitiveCallsFromAnIspFiresHigh() {
        List<Finding> f = harness()
                .feed(calls(300, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-asn-org");
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.risk()).isEqualTo(73);
            assertThat(x.mitre()).containsExactly("T1078.004");
            assertThat(x.credential()).isEqualTo(PRINCIPAL);
            assertThat(x.subject()).isEqualTo("Carrier 1 GmbH");
            assertThat(x.time()).isEqualTo(Events.at("2024-03-03T12:05:00Z"));
            assertThat(x.evidence()).containsEntry("trusted_events", 300L).containsEntry("other_events", 2L)
                    .containsEntry("total_events", 302L).containsEntry("organisations", 2)
                    .containsEntry("other_ratio", 0.00662)
                    .containsEntry("trusted_organisations", List.of("AMAZON-AES"))
                    .containsEntry("other_organisations", List.of("Carrier 1 GmbH"))
                    .containsEntry("sensitive_actions", List.of("GetCallerIdentity", "ListBuckets"))
                    .containsEntry("sensitive_action_ips", Map.of("GetCallerIdentity", List.of(Geo.ISP_1),
                            "ListBuckets", List.of(Geo.ISP_1)))
                    .containsEntry("latest_other_event", "2024-03-03T12:05:00Z");
            assertThat(x.explanation()).contains(PRINCIPAL, "AMAZON-AES", "Carrier 1 GmbH", "192.0.2.1");
        });
    }

    @Test
    void serviceIdentityWithNinetyNineTrustedEventsDoesNotMeetTheRule() {
        // A looser ratio isolates the >= 100 trusted events condition: 99 does not fire, 100 does.
        Params p = Params.defaults(RareAsnOrg.INFO).set("max_other_ratio", 0.05);
        List<Finding> ninetyNine = harness(p).feed(calls(99, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        List<Finding> hundred = harness(p).feed(calls(100, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        assertThat(ninetyNine).isEmpty();
        assertThat(hundred).singleElement()
                .satisfies(x -> assertThat(x.evidence()).containsEntry("trusted_events", 100L));
    }

    @Test
    void sixAsOrganisationsDoNotMeetTheRuleButFiveDo() {
        // Amazon and Google (trusted) and four carriers: six organisations when the sensitive calls come.
        List<Finding> six = harness().feed(calls(500, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(calls(10, "2024-03-02T00:03:00Z", Geo.GOOGLE))
                .feed(call("2024-03-05T12:00:00Z", "DescribeInstances", Geo.ISP_3),
                        call("2024-03-05T12:01:00Z", "DescribeInstances", Geo.ISP_4),
                        call("2024-03-05T12:02:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-05T12:03:00Z", "ListBuckets", Geo.ISP_2))
                .finish();
        assertThat(six).isEmpty();
        List<Finding> five = harness().feed(calls(500, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(calls(10, "2024-03-02T00:03:00Z", Geo.GOOGLE))
                .feed(call("2024-03-05T12:00:00Z", "DescribeInstances", Geo.ISP_3),
                        call("2024-03-05T12:02:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-05T12:03:00Z", "ListBuckets", Geo.ISP_2))
                .finish();
        assertThat(five).singleElement().satisfies(x -> {
            assertThat(x.subject()).isEqualTo("Carrier 2 GmbH");
            assertThat(x.evidence()).containsEntry("organisations", 5).containsEntry("trusted_events", 510L)
                    .containsEntry("trusted_organisations", List.of("AMAZON-AES", "Google LLC"));
        });
    }

    @Test
    void otherTrafficAboveOnePercentDoesNotFire() {
        List<Finding> f = harness().feed(calls(150, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void oneDistinctSensitiveActionIsNotEnough() {
        List<Finding> f = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:06:00Z", "DescribeInstances", Geo.ISP_1))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void failedCallsFromOtherNetworksDoNotCount() {
        List<Finding> f = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1).errorCode("AccessDenied"),
                        call("2024-03-03T12:06:00Z", "GetSecretValue", Geo.ISP_1).errorCode("AccessDenied"))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void trustedTrafficOlderThanSevenDaysDoesNotCount() {
        List<Finding> f = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-11T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-11T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void trustIsTheNetworkClassNotTheName() {
        // MongoDB (classed major-cloud) is trusted; "Amazon Discount Hosting" (classed hosting) is not,
        // though ES|QL's LIKE "Amazon*" would have trusted it.
        List<Finding> f = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.MONGODB))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.FAKE_AMAZON),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.FAKE_AMAZON))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.evidence())
                .containsEntry("trusted_organisations", List.of("MongoDB, Inc."))
                .containsEntry("other_organisations", List.of("Amazon Discount Hosting B.V.")));
    }

    @Test
    void principalWithOnlyIspTrafficDoesNotFire() {
        List<Finding> f = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.NEW_YORK))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-03T12:05:00Z", "ListBuckets", Geo.ISP_1))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void stateAgesOutAfterSevenDays() {
        DetectorHarness h = harness().feed(calls(300, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-03T12:00:00Z", "GetCallerIdentity", Geo.ISP_1));
        h.feed(Events.user("other", "AKIAOTHER", "2024-03-14T00:00:00Z", "ListBuckets").sourceIp(Geo.AWS_2),
                Events.user("other", "AKIAOTHER", "2024-03-14T01:00:00Z", "ListBuckets").sourceIp(Geo.AWS_2));
        assertThat(h.engine().slots().get(0).states()).containsOnlyKeys("arn:aws:iam::111122223333:user/other");
    }

    @Test
    void stateSurvivesItsCodec() throws Exception {
        DetectorHarness h = harness().feed(calls(30, "2024-03-01T00:00:00Z", Geo.AWS_1))
                .feed(call("2024-03-01T12:00:00Z", "GetCallerIdentity", Geo.ISP_1),
                        call("2024-03-01T12:01:00Z", "GetCallerIdentity", Geo.ISP_2),
                        call("2024-03-01T13:00:00Z", "ListBuckets", Geo.AWS_1));
        RareAsnOrg.State s = (RareAsnOrg.State) h.engine().slots().get(0).states().get(PRINCIPAL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RareAsnOrg.CODEC.write(s, new DataOutputStream(bytes));
        RareAsnOrg.State r = RareAsnOrg.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.organisations()).isEqualTo(3);
        assertThat(r.sensitiveIps.get("GetCallerIdentity")).containsOnlyKeys(Geo.ISP_1, Geo.ISP_2);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        RareAsnOrg.CODEC.write(r, new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }

    @Test
    void windowSumsKeptFromEventToEventGiveWhatSummingAgainGives() {
        // mostly trusted clouds, a few calls from other networks (some sensitive), hours with many events, days
        // going by, late events: one harness keeps its sums between events, the other has them dropped after
        // every event, which makes each check sum every organisation's hours again
        java.util.Random rnd = new java.util.Random(7);
        String[] trusted = {Geo.AWS_1, Geo.AWS_2, Geo.GOOGLE};
        String[] other = {Geo.ISP_1, Geo.LISBON};
        String[] apis = {"PutObject", "GetCallerIdentity", "ListBuckets", "GetSecretValue", "CreateAccessKey"};
        DetectorHarness kept = harness();
        DetectorHarness summed = harness();
        long t = Events.at("2024-03-01T00:00:00Z");
        for (int i = 0; i < 6000; i++) {
            t += rnd.nextInt(4) * Times.MINUTE;
            long at = rnd.nextInt(50) == 0 ? t - rnd.nextInt(3) * Times.HOUR : t;
            String ip = rnd.nextInt(200) == 0 ? other[rnd.nextInt(other.length)] : trusted[rnd.nextInt(trusted.length)];
            String api = apis[rnd.nextInt(apis.length)];
            CloudTrailEvent.Builder e = call(Times.iso(at), api, ip);
            kept.feed(e);
            summed.feed(e);
            for (Engine.Slot<?> slot : summed.engine().slots()) {
                for (Object st : slot.states().values()) {
                    ((RareAsnOrg.State) st).sumsHour = Integer.MIN_VALUE;
                }
            }
        }
        List<Finding> a = kept.finish();
        List<Finding> b = summed.finish();
        assertThat(a).as("the sequence fires, so the sums are put to use").isNotEmpty();
        assertThat(a).extracting(f -> FindingJson.toJson(f, SourceInfoUnknown::of))
                .containsExactlyElementsOf(b.stream().map(f -> FindingJson.toJson(f, SourceInfoUnknown::of)).toList());
    }
}
