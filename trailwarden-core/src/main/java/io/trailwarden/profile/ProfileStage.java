package io.trailwarden.profile;

import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.util.Times;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Keeps a profile per principal and stamps each event with what its profile knew at the start of
 * the event's hour. Events invoked by AWS services never enter IP, geo or user-agent dimensions.
 */
public final class ProfileStage {
    private static final Dimension[] DIMS = Dimension.values();
    private final long retention;
    private final Map<String, Profile> profiles = new HashMap<>();
    private long lastSweepDay = Long.MIN_VALUE;

    public ProfileStage(long retentionMs) {
        this.retention = retentionMs;
    }

    /** Stamps then records the event. */
    public History observe(CloudTrailEvent e, SourceInfo source, UserAgentInfo agent) {
        long t = e.time();
        long hour = Times.hourStart(t);
        String[] vals = valuesOf(e, source, agent);
        Profile p = profiles.computeIfAbsent(e.principal().profileKey(), Profile::new);
        long[] last = new long[vals.length];
        Arrays.fill(last, History.NEVER);
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] != null) {
                Seen s = p.values.get(DIMS[i]).get(vals[i]);
                if (s != null && s.first < hour) {
                    last[i] = s.lastBefore(hour);
                }
            }
        }
        History h = new History(hour, p.firstSeen < hour ? p.firstSeen : History.NEVER, last);
        p.firstSeen = Math.min(p.firstSeen, t);
        p.lastSeen = Math.max(p.lastSeen, t);
        p.events++;
        Dimension[] dims = DIMS;
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] != null) {
                Seen s = p.values.get(dims[i]).get(vals[i]);
                if (s == null) {
                    p.values.get(dims[i]).put(vals[i], new Seen(t, t, History.NEVER, 1));
                } else {
                    s.record(t, hour);
                }
            }
        }
        return h;
    }

    /** The value of each dimension for this event, null where it does not apply. */
    static String[] valuesOf(CloudTrailEvent e, SourceInfo source, UserAgentInfo agent) {
        String[] v = new String[DIMS.length];
        boolean network = !e.isServiceInvoked() && !source.isServiceSource();
        if (network) {
            v[Dimension.IP.ordinal()] = e.sourceIp();
            if (source.publicIp()) {
                v[Dimension.AS_ORG.ordinal()] = source.asOrg() != null ? source.asOrg()
                        : source.asn() > 0 ? "AS" + source.asn() : null;
                v[Dimension.COUNTRY.ordinal()] = source.country();
                v[Dimension.CITY.ordinal()] = source.city() == null ? null
                        : source.country() + "/" + source.city();
            }
            v[Dimension.AGENT_FAMILY.ordinal()] = agent == null ? null : agent.family();
        }
        v[Dimension.API.ordinal()] = e.eventName();
        v[Dimension.REGION.ordinal()] = e.region();
        return v;
    }

    /** Forgets values and principals unused for the retention period; runs at most once per day of data. */
    public void sweep(long watermark) {
        long day = Times.dayStart(watermark);
        if (day <= lastSweepDay) {
            return;
        }
        lastSweepDay = day;
        long cutoff = watermark - retention;
        for (Iterator<Profile> it = profiles.values().iterator(); it.hasNext(); ) {
            Profile p = it.next();
            if (p.lastSeen < cutoff) {
                it.remove();
                continue;
            }
            for (HashMap<String, Seen> m : p.values.values()) {
                m.values().removeIf(s -> s.last < cutoff);
            }
        }
    }

    public Profile get(String profileKey) {
        return profiles.get(profileKey);
    }

    public Collection<Profile> all() {
        return profiles.values();
    }

    public int size() {
        return profiles.size();
    }

    /** Used when restoring a snapshot. */
    Profile getOrCreate(String key) {
        return profiles.computeIfAbsent(key, Profile::new);
    }

    long lastSweepDay() {
        return lastSweepDay;
    }

    void lastSweepDay(long d) {
        lastSweepDay = d;
    }
}
