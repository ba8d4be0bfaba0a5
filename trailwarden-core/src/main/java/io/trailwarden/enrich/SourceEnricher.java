package io.trailwarden.enrich;

/** Turns a {@code sourceIPAddress} value into a {@link SourceInfo}. Implementations cache by the string. */
public interface SourceEnricher {
    SourceInfo enrich(String sourceIpAddress);
}
