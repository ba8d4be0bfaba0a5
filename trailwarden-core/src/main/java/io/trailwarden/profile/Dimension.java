package io.trailwarden.profile;

/** What a principal's profile remembers first/last seen times of. */
public enum Dimension {
    IP, AS_ORG, COUNTRY, CITY, AGENT_FAMILY, API, REGION;

    /** Dimensions that AWS services acting for the principal never feed (DESIGN.md, Profiles). */
    public boolean isNetworkOrAgent() {
        return this != API && this != REGION;
    }
}
