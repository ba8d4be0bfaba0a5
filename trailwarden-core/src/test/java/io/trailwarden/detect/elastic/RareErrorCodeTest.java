package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.testing.DetectorHarness;
import io.trailwarden.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class RareErrorCodeTest {

    private static DetectorHarness harness() {
        return new DetectorHarness(Geo.enricher(), List.of(), new RareErrorCode(Params.defaults(RareErrorCode.INFO)));
    }

    /** 200 hours of data, with a throttling error in every tenth hour. */
    private static DetectorHarness withHistory() {
        DetectorHarness h = harness().feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)));
        List<CloudTrailEvent.Builder> errs = Geo.background("2024-03-01T00:45:00Z", 200, "svc-app",
                "AKIASVCAPP000000001", Geo.NEW_YORK, "DescribeInstances");
        for (int i = 0; i < errs.size(); i += 10) {
            h.feed(errs.get(i).errorCode("Client.RequestLimitExceeded").errorMessage("Request limit exceeded."));
        }
        return h;
    }

    @Test
    void errorCodeNeverSeenInTheOrganisationFires() {
        List<Finding> f = withHistory()
                .feed(Events.user("x", "AKIASTOLEN", "2024-03-09T10:00:00Z", "GetCallerIdentity")
                        .sourceIp(Geo.LISBON).errorCode("InvalidClientTokenId")
                        .errorMessage("The security token included in the request is invalid."))
                .finish();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.detection()).isEqualTo("rare-error-code");
            assertThat(x.subject()).isEqualTo("InvalidClientTokenId");
            assertThat(x.credential()).isEqualTo("AKIASTOLEN");
            assertThat(x.severity()).isEqualTo(Severity.LOW);
            assertThat(x.risk()).isEqualTo(21);
            assertThat(x.evidence()).containsEntry("partition", "organisation")
                    .containsEntry("error_code", "InvalidClientTokenId").containsEntry("value_hours", 0)
                    .containsEntry("partition_hours", 20).containsEntry("data_hours", 200);
        });
    }

    @Test
    void errorCodeSeenInPastHoursDoesNotFire() {
        List<Finding> f = withHistory()
                .feed(Events.user("x", "AKIAOTHER", "2024-03-09T10:00:00Z", "DescribeInstances")
                        .errorCode("Client.RequestLimitExceeded").errorMessage("Request limit exceeded."))
                .finish();
        assertThat(f).isEmpty();
    }

    @Test
    void eventsWithoutAnErrorNeverEnter() {
        DetectorHarness h = harness().feed(Geo.array(Geo.background("2024-03-01T00:30:00Z", 200)));
        assertThat(h.engine().slots().get(0).states()).isEmpty();
        h.feed(Events.user("x", "AKIAX", "2024-03-09T10:00:00Z", "GetObject").errorCode("NoSuchKey"),
                Events.user("x", "AKIAX", "2024-03-09T10:30:00Z", "GetObject")); // moves the watermark past it
        assertThat(h.engine().slots().get(0).states()).containsOnlyKeys("organisation");
        // the first error ever: 200 hours of data stand behind the organisation's model
        assertThat(h.finish()).extracting(Finding::subject).containsExactly("NoSuchKey");
    }
}
