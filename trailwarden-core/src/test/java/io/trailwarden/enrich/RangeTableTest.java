package io.trailwarden.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeTableTest {

    private static RangeTable.Attributes find(RangeTable t, String ip) {
        return t.find(IpAddress.parse(ip));
    }

    @Test
    void rowsAddedInAnyOrderAreFoundByBinarySearch() {
        RangeTable.Builder b = RangeTable.builder();
        b.add(IpAddress.parse("203.0.113.0"), IpAddress.parse("203.0.113.255"), null, null, 64501, "Late Org");
        b.addV4(IpAddress.parse("1.0.0.0").lo(), IpAddress.parse("1.0.0.255").lo(), b.attributes(null, null, 13335, "Cloudflare, Inc."));
        b.add(IpAddress.parse("128.0.0.0"), IpAddress.parse("128.0.0.1"), null, null, 64502, "High Bit Org");
        b.add(IpAddress.parse("2001:db8::"), IpAddress.parse("2001:db8::ffff"), null, null, 64503, "Six Org");
        RangeTable t = b.build();

        assertThat(t.sizeV4()).isEqualTo(3);
        assertThat(find(t, "1.0.0.7").asOrg()).isEqualTo("Cloudflare, Inc.");
        assertThat(find(t, "128.0.0.1").asn()).isEqualTo(64502); // above 2^31: unsigned order
        assertThat(find(t, "203.0.113.255").asOrg()).isEqualTo("Late Org");
        assertThat(find(t, "2001:db8::10").asOrg()).isEqualTo("Six Org");
        assertThat(find(t, "1.0.1.0")).isNull();
        assertThat(find(t, "127.255.255.255")).isNull();
    }

    @Test
    void equalAttributesAreOneRecordAndMixedFamiliesAreRefused() {
        RangeTable.Builder b = RangeTable.builder();
        int first = b.attributes(null, null, 64500, "Same Org");
        assertThat(b.attributes(null, null, 64500, new String("Same Org"))).isEqualTo(first);
        assertThat(b.attributes(null, null, 64501, "Same Org")).isNotEqualTo(first);
        assertThat(b.add(IpAddress.parse("192.0.2.0"), IpAddress.parse("2001:db8::1"), null, null, 1, "x")).isFalse();
    }
}
