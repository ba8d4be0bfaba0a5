package io.trailwarden.enrich;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkClassifierTest {
    private final NetworkClassifier c = NetworkClassifier.defaults();

    @Test
    void classifiesSourcesBeforeNetworks() {
        assertThat(c.classify("AWS Internal", 0, null)).isEqualTo(NetworkClass.AWS_SERVICE);
        assertThat(c.classify("AWS Internal/3", 0, null)).isEqualTo(NetworkClass.AWS_SERVICE);
        assertThat(c.classify("ec2.amazonaws.com", 0, null)).isEqualTo(NetworkClass.AWS_SERVICE);
        assertThat(c.classify("streams.metrics.cloudwatch.amazonaws.com", 0, null)).isEqualTo(NetworkClass.AWS_SERVICE);
        assertThat(c.classify("10.0.1.50", 16509, "Amazon.com, Inc.")).isEqualTo(NetworkClass.PRIVATE);
        assertThat(c.classify("fd12:3456::1", 0, null)).isEqualTo(NetworkClass.PRIVATE);
        assertThat(c.classify("035.249.253.232", 0, null)).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(c.classify("redacted", 0, null)).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(c.classify("", 0, null)).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(c.classify(null, 0, null)).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(c.classify("198.51.100.10", 0, null)).isEqualTo(NetworkClass.UNKNOWN);
    }

    @Test
    void asNumberDecidesBeforeTheName() {
        assertThat(c.classifyNetwork(16509, "Amazon.com, Inc.")).isEqualTo(NetworkClass.AWS);
        assertThat(c.classifyNetwork(14618, "AMAZON-AES")).isEqualTo(NetworkClass.AWS);
        assertThat(c.classifyNetwork(15169, "GOOGLE")).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(c.classifyNetwork(8075, "MICROSOFT-CORP-MSN-AS-BLOCK")).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(c.classifyNetwork(8011, "MongoDB, Inc.")).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(c.classifyNetwork(14061, "DIGITALOCEAN-ASN")).isEqualTo(NetworkClass.HOSTING);
        assertThat(c.classifyNetwork(20473, "AS-CHOOPA")).isEqualTo(NetworkClass.HOSTING);
        assertThat(c.classifyNetwork(7922, "Comcast Cable Communications, LLC")).isEqualTo(NetworkClass.ISP);
        // Google Fiber is a home ISP although its name starts with Google
        assertThat(c.classifyNetwork(16591, "Google Fiber Inc.")).isEqualTo(NetworkClass.ISP);
    }

    @Test
    void organisationNameDecidesWhenTheNumberIsNotListed() {
        assertThat(c.classifyNetwork(0, "AMAZON-02")).isEqualTo(NetworkClass.AWS);
        assertThat(c.classifyNetwork(64512, "Amazon Data Services Japan")).isEqualTo(NetworkClass.AWS);
        assertThat(c.classifyNetwork(64512, "Google LLC")).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(c.classifyNetwork(64512, "Microsoft Corporation")).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(c.classifyNetwork(64512, "Some Budget Hosting Ltd")).isEqualTo(NetworkClass.HOSTING);
        assertThat(c.classifyNetwork(64512, "Example VPN Services")).isEqualTo(NetworkClass.HOSTING);
        assertThat(c.classifyNetwork(64512, "Google Fiber Inc.")).isEqualTo(NetworkClass.ISP);
        assertThat(c.classifyNetwork(64512, "Small Town Telephone")).isEqualTo(NetworkClass.ISP);
        assertThat(c.classifyNetwork(0, null)).isEqualTo(NetworkClass.UNKNOWN);
    }

    @Test
    void trustedCloudsAreSeed003sList() {
        assertThat(c.isTrustedCloud(16509, null)).isTrue();
        assertThat(c.isTrustedCloud(0, "Google LLC")).isTrue();
        assertThat(c.isTrustedCloud(0, "Microsoft Corporation")).isTrue();
        assertThat(c.isTrustedCloud(0, "MongoDB, Inc.")).isTrue();
        assertThat(c.isTrustedCloud(14061, "DigitalOcean, LLC")).isFalse();
        assertThat(c.isTrustedCloud(31898, "Oracle Corporation")).isFalse();
    }

    @Test
    void providerNamesTheListEntry() {
        assertThat(c.provider(14061, null)).contains("DigitalOcean");
        assertThat(c.provider(0, "AMAZON-02")).contains("Amazon");
        assertThat(c.provider(7922, "Comcast")).isEmpty();
    }

    @Test
    void configurationOverridesAddNumbersAndPatterns() {
        NetworkClassifier o = c.withOverrides(Map.of(
                "hosting", List.of("AS7922", "*small town*"),
                "isp", List.of("14061")));
        assertThat(o.classifyNetwork(7922, "Comcast")).isEqualTo(NetworkClass.HOSTING);
        assertThat(o.classifyNetwork(14061, "DigitalOcean, LLC")).isEqualTo(NetworkClass.ISP);
        assertThat(o.classifyNetwork(64512, "Small Town Telephone")).isEqualTo(NetworkClass.HOSTING);
        // the defaults are unchanged
        assertThat(c.classifyNetwork(7922, "Comcast")).isEqualTo(NetworkClass.ISP);
        assertThatThrownBy(() -> c.withOverrides(Map.of("private", List.of("AS1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withOverrides(Map.of("cloudy", List.of("AS1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderMakesAClassifierFromScratch() {
        NetworkClassifier b = NetworkClassifier.builder()
                .asn(NetworkClass.AWS, 1, "test")
                .name(NetworkClass.HOSTING, "*hoster", "test")
                .build();
        assertThat(b.classifyNetwork(1, "x")).isEqualTo(NetworkClass.AWS);
        assertThat(b.classifyNetwork(2, "Best Hoster")).isEqualTo(NetworkClass.HOSTING);
        assertThat(b.classifyNetwork(2, "AMAZON-02")).isEqualTo(NetworkClass.ISP);
    }
}
