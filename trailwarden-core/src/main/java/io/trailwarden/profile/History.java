package io.trailwarden.profile;

import io.trailwarden.util.Times;

/**
 * What a principal's profile knew at the start of the event's hour: when the principal was first
 * seen, and when it last used this event's IP, AS organisation, country, city, user-agent family,
 * API and region before that hour. Taking facts as of the hour's start means an attacker's first
 * calls in an hour do not make their own IP "known" to the detectors of that hour.
 */
public final class History {
    /** Returned for a value never seen (within the profile's 90-day memory). */
    public static final long NEVER = Long.MIN_VALUE;

    private final long asOf;
    private final long principalFirstSeen;
    private final long[] lastSeen;

    public History(long asOf, long principalFirstSeen, long[] lastSeen) {
        this.asOf = asOf;
        this.principalFirstSeen = principalFirstSeen;
        this.lastSeen = lastSeen;
    }

    /** A history for a principal never seen before (tests and unprofiled events). */
    public static History empty(long eventTime) {
        long[] none = new long[Dimension.values().length];
        java.util.Arrays.fill(none, NEVER);
        return new History(Times.hourStart(eventTime), NEVER, none);
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
        return lastSeen[d.ordinal()];
    }

    /** True when the value was not used in the {@code windowMs} before this hour. */
    public boolean isNew(Dimension d, long windowMs) {
        long t = lastSeen[d.ordinal()];
        return t == NEVER || t < asOf - windowMs;
    }

    /** True when the value was never used before this hour (within the profile's memory). */
    public boolean isNeverSeen(Dimension d) {
        return lastSeen[d.ordinal()] == NEVER;
    }
}
