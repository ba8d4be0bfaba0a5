package io.trailwarden.enrich;

import java.util.Objects;

/**
 * What Trailwarden knows about one {@code sourceIPAddress} value.
 *
 * <p>A class with the accessors, equality and string form a record would have, rather than a record, so that it
 * can also carry the two profile values derived from its fields ({@link #profileAsOrg()}, {@link #profileCity()}).
 * Enrichers cache one instance per source string, so deriving them once here saves building (and hashing) two
 * strings per event in the profile stage.
 */
public final class SourceInfo {
    private final String value;
    private final NetworkClass networkClass;
    private final boolean publicIp;
    private final String country;
    private final String city;
    private final long asn;
    private final String asOrg;
    private final String profileAsOrg;
    private final String profileCity;

    /**
     * @param value        the source as written in the event
     * @param networkClass the classifier's verdict
     * @param publicIp     true when the value is a public IPv4/IPv6 address
     * @param country      ISO 3166 alpha-2 code, or null
     * @param city         city name, or null
     * @param asn          autonomous system number, 0 when unknown
     * @param asOrg        AS organisation name, or null
     */
    public SourceInfo(String value, NetworkClass networkClass, boolean publicIp,
                      String country, String city, long asn, String asOrg) {
        this.value = value;
        this.networkClass = networkClass;
        this.publicIp = publicIp;
        this.country = country;
        this.city = city;
        this.asn = asn;
        this.asOrg = asOrg;
        this.profileAsOrg = asOrg != null ? asOrg : asn > 0 ? "AS" + asn : null;
        this.profileCity = city == null ? null : country + "/" + city;
    }

    public String value() { return value; }
    public NetworkClass networkClass() { return networkClass; }
    public boolean publicIp() { return publicIp; }
    public String country() { return country; }
    public String city() { return city; }
    public long asn() { return asn; }
    public String asOrg() { return asOrg; }

    /** The AS organisation as profiles keep it: the name, else {@code "AS" + asn}, else null. */
    public String profileAsOrg() { return profileAsOrg; }

    /** The city as profiles keep it: {@code country + "/" + city}, or null without a city. */
    public String profileCity() { return profileCity; }

    /** Whether this source may enter IP, geo and user-agent profiles (AWS services never do). */
    public boolean isServiceSource() {
        return networkClass == NetworkClass.AWS_SERVICE;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof SourceInfo s && publicIp == s.publicIp && asn == s.asn
                && Objects.equals(value, s.value) && networkClass == s.networkClass
                && Objects.equals(country, s.country) && Objects.equals(city, s.city)
                && Objects.equals(asOrg, s.asOrg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, networkClass, publicIp, country, city, asn, asOrg);
    }

    @Override
    public String toString() {
        return "SourceInfo[value=" + value + ", networkClass=" + networkClass + ", publicIp=" + publicIp
                + ", country=" + country + ", city=" + city + ", asn=" + asn + ", asOrg=" + asOrg + "]";
    }
}
