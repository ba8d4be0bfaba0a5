package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class RareCityForApiTest {

    private static DetectorHarness harness() {
        return new DetectorHarness(Geo.enricher(), List.of(),
                new RareCityForApi(Params.defaults(RareCityForApi.INFO)),
                new RareCountryForApi(Params.defaults(RareCountryForApi.INFO)));
    }

    @Test
    void newCityInAKnownCountryFiresTheCityDetectionOnly() {
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("svc-app", "AKIASVCAPP000000001", "2024-03-09T10:00:00Z", "DescribeInstances")
                        .sourceIp(Geo.CHICAGO))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-city-for-api");
            assertThat(x.subject()).isEqualTo("US/Chicago:DescribeInstances");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.evidence()).containsEntry("city", "US/Chicago").containsEntry("value_hours", 0)
                    .containsEntry("partition_hours", 0).containsEntry("data_hours", 200);
        });
    }

    @Test
    void usualCityDoesNotFire() {
        List<Finding> f = harness()
                .feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)))
                .feed(Events.user("someone-else", "AKIAELSE", "2024-03-09T10:00:00Z", "DescribeInstances")
                        .sourceIp(Geo.NEW_YORK))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void sameCityNameInAnotherCountryIsAnotherPartition() {
        // Both "Portland"s: Oregon is usual, Portland in another country is not.
        String usPortland = "198.51.100.30";
        String auPortland = "203.0.113.30";
        DetectorHarness h = new DetectorHarness(ip -> ip.equals(usPortland)
                ? new SourceInfo(ip, NetworkClass.ISP, true, "US", "Portland", 7922, "Comcast")
                : ip.equals(auPortland) ? new SourceInfo(ip, NetworkClass.ISP, true, "AU", "Portland", 1221, "Telstra")
                : Geo.enricher().enrich(ip), List.of(), new RareCityForApi(Params.defaults(RareCityForApi.INFO)));
        h.feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200, "svc", "AKIASVC", usPortland, "ListBuckets")));
        h.feed(Events.user("svc", "AKIASVC", "2024-03-09T10:00:00Z", "ListBuckets").sourceIp(auPortland));
        assertThat(h.finish()).extracting(Finding::subject).containsExactly("AU/Portland:ListBuckets");
    }

    @Test
    void eventsWithoutACityNeverEnter() {
        String noCity = "203.0.113.77";
        DetectorHarness h = new DetectorHarness(ip -> ip.equals(noCity)
                ? new SourceInfo(ip, NetworkClass.ISP, true, "PT", null, 3243, "MEO")
                : Geo.enricher().enrich(ip), List.of(), new RareCityForApi(Params.defaults(RareCityForApi.INFO)));
        h.feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)));
        h.feed(Events.user("dev", "AKIADEV", "2024-03-09T10:00:00Z", "ListBuckets").sourceIp(noCity),
                Events.user("dev", "AKIADEV", "2024-03-09T10:30:00Z", "DescribeInstances")); // releases the first
        assertThat(h.engine().slots().get(0).states()).containsOnlyKeys("US/New York");
        assertThat(h.finish()).isEmpty();
    }
}
