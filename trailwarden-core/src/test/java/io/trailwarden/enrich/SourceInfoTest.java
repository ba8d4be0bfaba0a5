package io.trailwarden.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceInfoTest {

    private static SourceInfo geo(String country, String city, long asn, String asOrg) {
        return new SourceInfo("198.51.100.7", NetworkClass.ISP, true, country, city, asn, asOrg);
    }

    @Test
    void profileAsOrgIsTheNameElseTheAsNumberElseNothing() {
        assertThat(geo("DE", null, 64500, "Example AG").profileAsOrg()).isEqualTo("Example AG");
        assertThat(geo("DE", null, 64500, null).profileAsOrg()).isEqualTo("AS" + 64500L);
        assertThat(geo("DE", null, 0, null).profileAsOrg()).isNull();
        assertThat(geo("DE", null, 0, "Named Without Number").profileAsOrg()).isEqualTo("Named Without Number");
    }

    @Test
    void profileCityIsCountrySlashCityOnlyWithACity() {
        assertThat(geo("DE", "Berlin", 0, null).profileCity()).isEqualTo("DE" + "/" + "Berlin");
        assertThat(geo(null, "Berlin", 0, null).profileCity()).as("as the old concatenation").isEqualTo("null/Berlin");
        assertThat(geo("DE", null, 0, null).profileCity()).isNull();
    }

    @Test
    void equalityHashAndTextDependOnTheSevenFieldsAsARecordsWould() {
        SourceInfo a = geo("DE", "Berlin", 64500, "Example AG");
        SourceInfo b = geo("DE", "Berlin", 64500, "Example AG");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(geo("DE", "Berlin", 64501, "Example AG"));
        assertThat(a).isNotEqualTo(new SourceInfo("198.51.100.7", NetworkClass.HOSTING, true, "DE", "Berlin", 64500,
                "Example AG"));
        assertThat(a.toString()).isEqualTo("SourceInfo[value=198.51.100.7, networkClass=ISP, publicIp=true, "
                + "country=DE, city=Berlin, asn=64500, asOrg=Example AG]");
    }
}
