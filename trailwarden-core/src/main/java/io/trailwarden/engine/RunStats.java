package io.trailwarden.engine;

import java.util.HashSet;
import java.util.Set;

/** Counters of one run, reported in run.json. */
public final class RunStats {
    public long recordsDecoded;
    public long recordsSkipped;
    public long recordsFiltered;
    public long duplicates;
    public long lateEvents;
    public long eventsProcessed;
    public long firstEventTime = Long.MAX_VALUE;
    public long lastEventTime = Long.MIN_VALUE;
    public final Set<String> accounts = new HashSet<>();
    public final Set<String> principals = new HashSet<>();

    void saw(long time, String account, String principal) {
        eventsProcessed++;
        if (time < firstEventTime) {
            firstEventTime = time;
        }
        if (time > lastEventTime) {
            lastEventTime = time;
        }
        if (account != null) {
            accounts.add(account);
        }
        principals.add(principal);
    }
}
