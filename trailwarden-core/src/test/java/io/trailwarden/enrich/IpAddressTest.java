package io.trailwarden.enrich;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressTest {

    @Test
    void parsesDottedQuadsStrictly() {
        assertThat(IpAddress.parse("3.82.211.72").lo()).isEqualTo(0x0352D348L);
        assertThat(IpAddress.parse("255.255.255.255").lo()).isEqualTo(0xffffffffL);
        assertThat(IpAddress.parse("0.0.0.0")).isNotNull();
        for (String bad : new String[] {"035.249.253.232", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ",
                "a.b.c.d", "", "AWS Internal", "ec2.amazonaws.com", "1.2.3.-4", "1234.1.1.1", "sourceIPAddress1"}) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
        assertThat(IpAddress.parse(null)).isNull();
    }

    @Test
    void parsesIpv6FormsAndPrintsThemCanonically() {
        assertThat(IpAddress.parse("2001:db8::1").toString()).isEqualTo("2001:db8::1");
        assertThat(IpAddress.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").toString()).isEqualTo("2001:db8::1");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
        assertThat(IpAddress.parse("::1").toString()).isEqualTo("::1");
        assertThat(IpAddress.parse("fe80::").toString()).isEqualTo("fe80::");
        assertThat(IpAddress.parse("2600:1f18:0:1::5").toString()).isEqualTo("2600:1f18:0:1::5");
        assertThat(IpAddress.parse("1:2:3:4:5:6:7:8").toString()).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(IpAddress.parse("64:ff9b::192.0.2.33").toString()).isEqualTo("64:ff9b::c000:221");
        for (String bad : new String[] {":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1:2", "1:2:",
                "1:2:3:4:5:6:7", "::1.2.3", "2001:db8::1%eth0"}) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void ipv4MappedIpv6IsTreatedAsIpv4() {
        IpAddress a = IpAddress.parse("::ffff:8.8.8.8");
        assertThat(a.isV6()).isFalse();
        assertThat(a.toString()).isEqualTo("8.8.8.8");
    }

    @Test
    void knowsPrivateAndLocalRanges() {
        for (String p : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "fc12::1"}) {
            assertThat(IpAddress.parse(p).isPrivate()).as(p).isTrue();
        }
        for (String p : new String[] {"172.32.0.1", "192.169.0.1", "8.8.8.8", "100.128.0.1", "2001:db8::1",
                "2600:1f18::1", "fec0::1"}) {
            assertThat(IpAddress.parse(p).isPrivate()).as(p).isFalse();
        }
    }

    @Test
    void convertsToInetAddressWithoutDns() {
        assertThat(IpAddress.parse("1.2.3.4").toInetAddress().getHostAddress()).isEqualTo("1.2.3.4");
        assertThat(IpAddress.parse("2001:db8::1").toInetAddress().getAddress()).hasSize(16);
    }
}
