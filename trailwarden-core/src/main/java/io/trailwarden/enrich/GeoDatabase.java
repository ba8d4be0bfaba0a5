package io.trailwarden.enrich;

import java.io.Closeable;

/**
 * One local database answering some of country, city, AS number and AS organisation for an address.
 * Implementations are immutable after loading and safe to share between threads.
 */
interface GeoDatabase extends Closeable {

    /** Fills what this database knows about {@code ip} into {@code out}. Never throws for a valid address. */
    void lookup(IpAddress ip, GeoAnswer out);

    /** Whether this database gives country and city. */
    boolean providesLocation();

    /** Whether this database gives AS number and organisation. */
    boolean providesAsn();

    /** Short human description, e.g. {@code GeoLite2-City (MaxMind DB, /data/GeoLite2-City.mmdb)}. */
    String description();

    @Override
    default void close() {
    }
}
