package io.trailwarden.enrich;

/**
 * What Trailwarden knows about one {@code sourceIPAddress} value.
 *
 * @param value        the source as written in the event
 * @param networkClass the classifier's verdict
 * @param publicIp     true when the value is a public IPv4/IPv6 address
 * @param country      ISO 3166 alpha-2 code, or null
 * @param city         city name, or null
 * @param asn          autonomous system number, 0 when unknown
 * @param asOrg        AS organisation name, or null
 */
public record SourceInfo(String value, NetworkClass networkClass, boolean publicIp,
                         String country, String city, long asn, String asOrg) {

    /** Whether this source may enter IP, geo and user-agent profiles (AWS services never do). */
    public boolean isServiceSource() {
        return networkClass == NetworkClass.AWS_SERVICE;
    }
}
