package io.trailwarden.profile;

import io.trailwarden.util.Times;

/**
 * What a principal's profile knew at the start of the event's hour: when the principal was first
 * seen, and when it last used this event's IP, AS organisation, country, city, user-agent family,
 * API and region before that hour. Taking facts as of the hour's start means an attacker's first
 * calls in an hour do not make their own IP "known" to the detectors of that hour.
 *
 * <p>Mutable only for the engine, which fills one instance per event ({@link ProfileStage#observe(
 * io.trailwarden.event.CloudTrailEvent, io.trailwarden.enrich.SourceInfo, io.trailwarden.enrich.UserAgentInfo,
 * History)}): a detector reads it while handling the event and never keeps it. A new object per event was most
 * of what the engine allocated per event (88 of about 240 bytes).
 */
public final class History {
    /** Returned for a value never seen (within the profile's 90-day memory). */
    public static final long NEVER = Long.MIN_VALUE;

    private long asOf;
    private long principalFirstSeen;
    // One field per Dimension rather than a long[]: one allocation per event instead of two, and no copy.
    private long ip;
    private long asOrg;
    private long country;
    private long city;
    private long agentFamily;
    private long api;
    private long region;

    /** @param lastSeen one entry per {@link Dimension}, by ordinal */
    public History(long asOf, long principalFirstSeen, long[] lastSeen) {
        this(asOf, principalFirstSeen, lastSeen[0], lastSeen[1], lastSeen[2], lastSeen[3], lastSeen[4], lastSeen[5],
                lastSeen[6]);
    }

    History(long asOf, long principalFirstSeen, long ip, long asOrg, long country, long city, long agentFamily,
            long api, long region) {
        set(asOf, principalFirstSeen, ip, asOrg, country, city, agentFamily, api, region);
    }

    /** Overwrites every fact. */
    History set(long asOf, long principalFirstSeen, long ip, long asOrg, long country, long city, long agentFamily,
            long api, long region) {
        this.asOf = asOf;
        this.principalFirstSeen = principalFirstSeen;
        this.ip = ip;
        this.asOrg = asOrg;
        this.country = country;
        this.city = city;
        this.agentFamily = agentFamily;
        this.api = api;
        this.region = region;
        return this;
    }

    /** A history for a principal never seen before (tests and unprofiled events). */
    public static History empty(long eventTime) {
        return new History(Times.hourStart(eventTime), NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER);
    }

    /** The start of the hour these facts hold at. */
    public long asOf() {
        return asOf;
    }

    /** When the principal was first seen before this hour, or {@link #NEVER}. */
    public long principalFirstSeen() {
        return principalFirstSeen;
    }

    /** How long the principal has been known before this hour, in ms; 0 when new. */
    public long principalAge() {
        return principalFirstSeen == NEVER ? 0 : asOf - principalFirstSeen;
    }

    /** When the principal last used this event's value of {@code d} before this hour, or {@link #NEVER}. */
    public long lastSeen(Dimension d) {
        switch (d) {
            case IP: return ip;
            case AS_ORG: return asOrg;
            case COUNTRY: return country;
            case CITY: return city;
            case AGENT_FAMILY: return agentFamily;
            case API: return api;
            case REGION: return region;
            default: throw new AssertionError(d);
        }
    }

    /** True when the value was not used in the {@code windowMs} before this hour. */
    public boolean isNew(Dimension d, long windowMs) {
        long t = lastSeen(d);
        return t == NEVER || t < asOf - windowMs;
    }

    /** True when the value was never used before this hour (within the profile's memory). */
    public boolean isNeverSeen(Dimension d) {
        return lastSeen(d) == NEVER;
    }
}
