package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import io.trailwarden.util.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

class RareCountryForApiTest {

    private static RareCountryForApi detector() {
        return new RareCountryForApi(Params.defaults(RareCountryForApi.INFO));
    }

    private static DetectorHarness harness(Detector<?>... d) {
        return new DetectorHarness(Geo.enricher(), List.of(), d);
    }

    @Test
    void apiNeverCalledFromPortugalFiresLowWithItsEvidence() {
        List<Finding> f = harness(detector())
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-03-09T10:00:00Z", "DescribeInstances")
                        .sourceIp(Geo.LISBON))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-country-for-api");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.mitre()).containsExactly("T1078");
            assertThat(x.subject()).isEqualTo("PT:DescribeInstances");
            assertThat(x.credential()).isEqualTo("AKIASVCAPP000000001");
            assertThat(x.evidence()).containsEntry("country", "PT").containsEntry("value_hours", 0)
                    .containsEntry("data_hours", 200).containsEntry("score", 100.0);
            assertThat(x.explanation()).contains("DescribeInstances", "PT", "203.0.113.9");
        });
    }

    @Test
    void apiUsualForTheCountryDoesNotFire() {
        List<Finding> f = harness(detector())
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("other", "AKIAOTHER", "2024-03-09T10:00:00Z", "DescribeInstances")
                        .sourceIp(Geo.CHICAGO))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void newEmployeeFromACountryWithNoHistoryFiresLowOnly() {
        List<Detector<?>> all = List.of(detector(), new RareCityForApi(Params.defaults(RareCityForApi.INFO)),
                new RareApiForUser(Params.defaults(RareApiForUser.INFO)),
                new RareErrorCode(Params.defaults(RareErrorCode.INFO)),
                new ErrorMessageSpike(Params.defaults(ErrorMessageSpike.INFO)),
                new RareAsnOrg(Params.defaults(RareAsnOrg.INFO)));
        DetectorHarness h = harness(all.toArray(new Detector<?>[0]))
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 300)));
        long t = Events.at("2024-03-12T09:00:00Z");
        String[] firstDay = {"GetCallerIdentity", "ListBuckets", "DescribeInstances", "GetObject", "ListUsers"};
        for (int i = 0; i < firstDay.length; i++) {
            h.feed(Events.user("new-hire", "AKIANEWHIRE", Times.iso(t + i * 20 * Times.MINUTE), firstDay[i])
                    .sourceIp(Geo.LISBON));
        }
        List<Finding> f = h.finish();
        assertThat(f).isNotEmpty();
        assertThat(f).extracting(Finding::detection).contains("rare-country-for-api", "rare-city-for-api")
                .doesNotContain("rare-api-for-user", "rare-asn-org");
        assertThat(f).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
        });
    }

    @Test
    void monthlyCommandFromAUsualPlaceDoesNotFireOnItsSecondMonth() {
        DetectorHarness h = harness(detector(), new RareApiForUser(Params.defaults(RareApiForUser.INFO)))
                .feed(Geo.array(Geo.background("2024-01-01T00:30:00Z", 24 * 40)))
                // the monthly housekeeping job, same user, same office
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-01-06T02:00:00Z", "CreateSnapshot"),
                        Events.user("svc-app", "AKIASVCAPP000000001", "2024-02-05T02:00:00Z", "CreateSnapshot"),
                        // a command never seen in the window, for contrast: it does fire
                        Events.user("svc-app", "AKIASVCAPP000000001", "2024-02-05T02:10:00Z", "DeleteTrail"));
        List<Finding> f = h.finish();
        long secondMonth = Events.at("2024-02-05T02:00:00Z");
        // The first run (five days into the data) was new and may fire; the second one is known.
        assertThat(f).filteredOn(x -> x.time() == Events.at("2024-01-06T02:00:00Z"))
                .extracting(Finding::subject).contains("US:CreateSnapshot");
        assertThat(f).noneMatch(x -> x.time() == secondMonth);
        assertThat(f).extracting(Finding::subject).contains("US:DeleteTrail",
                "arn:aws:iam::111122223333:user/svc-app:DeleteTrail");
    }

    @Test
    void theEventsOwnHourIsNotHistory() {
        // Two calls in the first hour both score as new (one finding, merged); the next hour knows it.
        List<Finding> f = harness(detector())
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-09T10:05:00Z", "ListBuckets").sourceIp(Geo.LISBON),
                        Events.user("dev", "AKIADEV", "2024-03-09T10:45:00Z", "ListBuckets").sourceIp(Geo.LISBON),
                        Events.user("dev", "AKIADEV", "2024-03-09T12:30:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.count()).isEqualTo(2);
            assertThat(x.evidence()).containsEntry("value_hours", 0);
        });
    }

    @Test
    void burstFromOneCountryFiresOncePerSuppressionWindow() {
        DetectorHarness h = harness(detector()).feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)));
        long t = Events.at("2024-03-09T10:00:00Z");
        for (int i = 0; i < 30; i++) {
            h.feed(Events.user("dev", "AKIADEV", Times.iso(t + i * Times.MINUTE), "ListBuckets")
                    .sourceIp(i % 2 == 0 ? Geo.LISBON : Geo.PORTO));
        }
        assertThat(h.finish()).singleElement().satisfies(x -> assertThat(x.count()).isEqualTo(30));
    }

    @Test
    void serviceSourcesInternalPrivateAndServiceInvokedCallsNeverEnterTheModel() {
        RareCountryForApi d = detector();
        DetectorHarness h = harness(d).feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-09T10:00:00Z", "ListBuckets")
                                .sourceIp("s3.amazonaws.com"),
                        Events.user("dev", "AKIADEV", "2024-03-09T10:01:00Z", "ListBuckets").sourceIp("AWS Internal"),
                        Events.user("dev", "AKIADEV", "2024-03-09T10:02:00Z", "ListBuckets").sourceIp("10.1.2.3"),
                        Events.user("dev", "AKIADEV", "2024-03-09T10:03:00Z", "ListBuckets")
                                .sourceIp("035.249.253.232"),
                        Geo.invokedByService("dev", "AKIADEV", "2024-03-09T10:04:00Z", "ListBuckets", Geo.LISBON));
        assertThat(h.finish()).isEmpty();
        // The same call made directly from Lisbon is new to Portugal: the invokedBy one never entered.
        List<Finding> f = harness(detector()).feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Geo.invokedByService("dev", "AKIADEV", "2024-03-09T10:04:00Z", "ListBuckets", Geo.LISBON),
                        Events.user("dev", "AKIADEV", "2024-03-09T12:00:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.evidence()).containsEntry("value_hours", 0));
    }

    @Test
    void lessThanHalfAWeekOfDataDoesNotFire() {
        List<Finding> f = harness(detector())
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 60)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-03T13:10:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void noFindingBelowTwentyHoursEvenWithALowThreshold() {
        Params p = Params.defaults(RareCountryForApi.INFO).set("threshold", 5);
        List<Finding> few = harness(new RareCountryForApi(p))
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 19)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-01T19:10:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        List<Finding> enough = harness(new RareCountryForApi(p))
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 20)))
                .feed(Events.user("dev", "AKIADEV", "2024-03-01T20:10:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .finish();
        assertThat(few).isEmpty();
        assertThat(enough).singleElement().satisfies(x -> assertThat(x.evidence()).containsEntry("data_hours", 20));
    }

    @Test
    void historyAgesOutAfterFortyFiveDays() {
        RareCountryForApi d = detector();
        DetectorHarness h = harness(d)
                .feed(Events.user("dev", "AKIADEV", "2024-01-01T10:00:00Z", "ListBuckets").sourceIp(Geo.LISBON))
                .feed(Geo.array(Geo.background("2024-01-01T00:30:00Z", 24 * 50)));
        // 49 days later Portugal's one hour has left the window (and been swept from state)
        @SuppressWarnings("unchecked")
        var states = (java.util.Map<String, RarityState>) h.engine().slots().get(0).states();
        assertThat(states).doesNotContainKey("PT").containsKey("US");
        h.feed(Events.user("dev", "AKIADEV", "2024-02-20T10:00:00Z", "ListBuckets").sourceIp(Geo.LISBON));
        assertThat(h.finish()).extracting(Finding::subject).containsExactly("PT:ListBuckets");
    }

    @Test
    void stateSurvivesItsCodec() throws Exception {
        RarityState s = new RarityState();
        s.put("ListBuckets", new int[] {10, 12});
        s.put("GetObject", new int[] {11});
        s.hours.set(10);
        s.hours.set(11);
        s.hours.set(12);
        s.sweepAt = 123456L;
        var bytes = new java.io.ByteArrayOutputStream();
        RarityState.CODEC.write(s, new java.io.DataOutputStream(bytes));
        RarityState r = RarityState.CODEC.read(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.valueHours("ListBuckets", 0, 100)).isEqualTo(2);
        assertThat(r.valueHours("GetObject", 0, 100)).isEqualTo(1);
        assertThat(r.partitionHours(0, 100)).isEqualTo(3);
        assertThat(r.sweepAt).isEqualTo(123456L);
        var again = new java.io.ByteArrayOutputStream();
        RarityState.CODEC.write(r, new java.io.DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }
}
