package io.trailwarden.enrich;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class BundledSubsetTest {
    private final Enrichment bundled = Enrichment.bundled();

    @Test
    void enrichesAwsIpv4WithCountryCityAndAs() {
        SourceInfo i = bundled.sources().enrich("3.82.211.72");
        assertThat(i.networkClass()).isEqualTo(NetworkClass.AWS);
        assertThat(i.publicIp()).isTrue();
        assertThat(i.country()).isEqualTo("US");
        assertThat(i.city()).isEqualTo("Ashburn");
        assertThat(i.asn()).isEqualTo(14618);
        assertThat(i.asOrg()).isEqualTo("Amazon.com, Inc.");
    }

    @Test
    void enrichesIpv6FromIpv6Data() {
        SubsetCatalogue.Range r = SubsetCatalogue.load().rangesTagged("isp-us-comcast").stream()
                .filter(SubsetCatalogue.Range::isIpv6).findFirst().orElseThrow();
        SourceInfo i = bundled.sources().enrich(r.addressAt(12345));
        assertThat(i.networkClass()).isEqualTo(NetworkClass.ISP);
        assertThat(i.asn()).isEqualTo(7922);
        assertThat(i.country()).isEqualTo("US");
        assertThat(i.publicIp()).isTrue();
    }

    @Test
    void classifiesServiceNamesPrivateAndGarbageWithoutGeo() {
        assertThat(bundled.sources().enrich("AWS Internal").networkClass()).isEqualTo(NetworkClass.AWS_SERVICE);
        assertThat(bundled.sources().enrich("AWS Internal").isServiceSource()).isTrue();
        assertThat(bundled.sources().enrich("lambda.amazonaws.com").networkClass()).isEqualTo(NetworkClass.AWS_SERVICE);
        SourceInfo p = bundled.sources().enrich("10.0.1.50");
        assertThat(p.networkClass()).isEqualTo(NetworkClass.PRIVATE);
        assertThat(p.publicIp()).isFalse();
        assertThat(p.country()).isNull();
        SourceInfo g = bundled.sources().enrich("035.249.253.232");
        assertThat(g.networkClass()).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(g.publicIp()).isFalse();
        assertThat(bundled.sources().enrich(null).networkClass()).isEqualTo(NetworkClass.UNKNOWN);
        // a documentation address is public but in no database
        SourceInfo doc = bundled.sources().enrich("203.0.113.10");
        assertThat(doc.networkClass()).isEqualTo(NetworkClass.UNKNOWN);
        assertThat(doc.publicIp()).isTrue();
    }

    @Test
    void cachesByString() {
        GeoSourceEnricher e = bundled.newSources();
        SourceInfo a = e.enrich("8.8.8.8");
        assertThat(e.enrich("8.8.8.8")).isSameAs(a);
        assertThat(e.cacheSize()).isEqualTo(1);
        assertThat(a.networkClass()).isEqualTo(NetworkClass.MAJOR_CLOUD);
        assertThat(a.city()).isEqualTo("Mountain View");
    }

    @Test
    void everyCatalogueRangeEnrichesToItsOwnAttributesAndClass() {
        SubsetCatalogue cat = SubsetCatalogue.load();
        assertThat(cat.ranges()).hasSizeGreaterThan(150);
        Random random = new Random(42);
        for (SubsetCatalogue.Range r : cat.ranges()) {
            for (String ip : List.of(r.first(), r.last(), r.randomAddress(random))) {
                SourceInfo i = bundled.sources().enrich(ip);
                assertThat(i.country()).as(r.tag() + " " + ip).isEqualTo(r.country());
                assertThat(i.asn()).as(r.tag() + " " + ip).isEqualTo(r.asn());
                assertThat(i.asOrg()).as(r.tag() + " " + ip).isEqualTo(r.asOrg());
                assertThat(i.networkClass()).as(r.tag() + " " + ip).isEqualTo(r.networkClass());
            }
        }
    }

    @Test
    void catalogueHasTheKindsTheSimulatorNeeds() {
        SubsetCatalogue cat = SubsetCatalogue.load();
        for (String country : List.of("US", "GB", "DE", "FR", "JP", "IN", "BR")) {
            assertThat(cat.ranges(NetworkClass.ISP, country)).as("ISP ranges in " + country).hasSizeGreaterThan(2);
        }
        for (String tag : List.of("aws-us-east-1", "aws-eu-west-1", "google", "microsoft-azure-github-actions",
                "mongodb", "hosting-digitalocean", "hosting-ovh", "hosting-hetzner", "hosting-linode", "hosting-vultr",
                "hosting-m247", "hosting-leaseweb", "hosting-contabo", "hosting-scaleway", "hosting-datacamp",
                "hosting-alibaba", "hosting-tencent", "vpn-")) {
            assertThat(cat.rangesTagged(tag)).as(tag).isNotEmpty();
        }
        Set<String> hostingCountries = new TreeSet<>();
        cat.ranges(NetworkClass.HOSTING).forEach(r -> hostingCountries.add(r.country()));
        assertThat(hostingCountries).contains("RU", "NL", "SG", "RO");
        assertThat(cat.ranges().stream().filter(SubsetCatalogue.Range::isIpv6).map(SubsetCatalogue.Range::tag)
                .distinct().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void addressAtStaysInsideTheRangeAndSkipsNetworkAndBroadcast() {
        SubsetCatalogue.Range r = SubsetCatalogue.load().rangesTagged("aws-us-east-1").get(0);
        assertThat(r.addressAt(0)).isEqualTo("3.82.0.1");
        assertThat(r.addressAt(65533)).isEqualTo("3.82.255.254");
        assertThat(r.addressAt(65534)).isEqualTo("3.82.0.1");
        assertThat(r.size().longValue()).isEqualTo(65536);
    }

    @Test
    void everySourceAddressInTheDatasetsIsInTheSubset() {
        TreeSet<String> sources = DatasetSamples.distinctValues("sourceIPAddress", "Source IP");
        assertThat(sources).isNotEmpty();
        int known = 0;
        int publicIps = 0;
        for (String s : sources) {
            SourceInfo i = bundled.sources().enrich(s);
            if (i.publicIp()) {
                publicIps++;
                if (i.asn() > 0) {
                    known++;
                }
            }
        }
        // all but the documentation and placeholder addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 ...)
        assertThat(known).as("public dataset addresses with an AS").isGreaterThan(publicIps * 3 / 4);
        SourceInfo scanner = bundled.sources().enrich("185.220.101.50");
        assertThat(scanner.networkClass()).isEqualTo(NetworkClass.HOSTING);
        assertThat(bundled.sources().enrich("45.33.32.156").networkClass()).isEqualTo(NetworkClass.HOSTING);
    }
}
