package io.trailwarden.enrich;

/** A {@link SourceInfo} with nothing known, for places that must not depend on enrichment data. */
public final class SourceInfoUnknown {
    private SourceInfoUnknown() {
    }

    public static SourceInfo of(String value) {
        return new SourceInfo(value, NetworkClass.UNKNOWN, false, null, null, 0, null);
    }
}
