package io.trailwarden.enrich;

/** A mutable holder that geo databases fill in; a field already set is never overwritten. */
final class GeoAnswer {
    String country;
    String city;
    long asn;
    String asOrg;

    void country(String v) {
        if (country == null && v != null && !v.isEmpty()) {
            country = v;
        }
    }

    void city(String v) {
        if (city == null && v != null && !v.isEmpty()) {
            city = v;
        }
    }

    void asn(long number, String org) {
        if (asn == 0 && number > 0) {
            asn = number;
            if (org != null && !org.isEmpty()) {
                asOrg = org;
            }
        }
    }
}
