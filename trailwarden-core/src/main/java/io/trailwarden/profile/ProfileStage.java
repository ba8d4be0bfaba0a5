package io.trailwarden.profile;

import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.util.Times;
import java.util.Collection;

/**
 * Keeps a profile per principal and stamps each event with what its profile knew at the start of
 * the event's hour. Events invoked by AWS services never enter IP, geo or user-agent dimensions.
 */
public final class ProfileStage {
    private final long retention;
    private final ProfileTable profiles = new ProfileTable();
    private long lastSweepDay = Long.MIN_VALUE;
    /** The profile of the last look-up (see profileOf); forgotten when a sweep may have dropped it. */
    private Profile last;

    public ProfileStage(long retentionMs) {
        this.retention = retentionMs;
    }

    /** Stamps then records the event; returns what the profile knew at the start of the event's hour. */
    public History observe(CloudTrailEvent e, SourceInfo source, UserAgentInfo agent) {
        return observe(e, source, agent, History.empty(0));
    }

    /**
     * As {@link #observe(CloudTrailEvent, SourceInfo, UserAgentInfo)}, filling {@code into} (which it returns)
     * instead of a new history: the engine passes the same one for every event.
     */
    public History observe(CloudTrailEvent e, SourceInfo source, UserAgentInfo agent, History into) {
        long t = e.time();
        long hour = Times.hourStart(t);
        Profile p = profileOf(e.principal().profileKey());
        long principalFirstSeen = p.firstSeen < hour ? p.firstSeen : History.NEVER;
        // One stamp per dimension, inline: no array per event; the geo keys come precomputed with the source.
        long ip = History.NEVER, asOrg = History.NEVER, country = History.NEVER, city = History.NEVER;
        long family = History.NEVER;
        if (!e.isServiceInvoked() && !source.isServiceSource()) {
            ip = stamp(p, Dimension.IP, e.sourceIp(), t, hour);
            if (source.publicIp()) {
                asOrg = stamp(p, Dimension.AS_ORG, source.profileAsOrg(), t, hour);
                country = stamp(p, Dimension.COUNTRY, source.country(), t, hour);
                city = stamp(p, Dimension.CITY, source.profileCity(), t, hour);
            }
            family = stamp(p, Dimension.AGENT_FAMILY, agent == null ? null : agent.family(), t, hour);
        }
        long api = stamp(p, Dimension.API, e.eventName(), t, hour);
        long region = stamp(p, Dimension.REGION, e.region(), t, hour);
        p.firstSeen = Math.min(p.firstSeen, t);
        p.lastSeen = Math.max(p.lastSeen, t);
        p.events++;
        return into.set(hour, principalFirstSeen, ip, asOrg, country, city, family, api, region);
    }

    /**
     * Returns what was known of the value before {@code hour} ({@link History#NEVER} for a null value, a new
     * one, or one first used in this hour), then records this use.
     */
    private static long stamp(Profile p, Dimension d, String value, long t, long hour) {
        return value == null ? History.NEVER : p.values[d.ordinal()].stamp(value, t, hour);
    }

    /**
     * The profile under {@code key}, created when new. Remembers the last one: consecutive events of one
     * principal are common, and then the look-up is one reference comparison.
     */
    private Profile profileOf(String key) {
        Profile p = last;
        if (p != null && (p.key == key || p.key.equals(key))) {
            return p;
        }
        p = profiles.get(key);
        if (p == null) {
            p = new Profile(key);
            profiles.add(p);
        }
        last = p;
        return p;
    }

    /** The profile of the event {@link #observe} just took (null before the first and after a sweep). */
    public Profile current() {
        return last;
    }

    /** Forgets values and principals unused for the retention period; runs at most once per day of data. */
    public void sweep(long watermark) {
        long day = Times.dayStart(watermark);
        if (day <= lastSweepDay) {
            return;
        }
        lastSweepDay = day;
        last = null;
        long cutoff = watermark - retention;
        profiles.removeLastSeenBefore(cutoff);
        for (Profile p : profiles.all()) {
            for (SeenTable m : p.values) {
                m.removeLastBefore(cutoff);
            }
        }
    }

    public Profile get(String profileKey) {
        return profileKey == null ? null : profiles.get(profileKey);
    }

    /** The profiles, in no particular order (a copy: the sweep may drop some). */
    public Collection<Profile> all() {
        return profiles.all();
    }

    public int size() {
        return profiles.size();
    }

    /** Used when restoring a snapshot. */
    Profile getOrCreate(String key) {
        return profileOf(key);
    }

    long lastSweepDay() {
        return lastSweepDay;
    }

    void lastSweepDay(long d) {
        lastSweepDay = d;
    }
}
