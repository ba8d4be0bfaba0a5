package io.trailwarden.engine;

import io.trailwarden.profile.Profile;
import java.util.HashSet;
import java.util.Set;

/** Counters of one run, reported in run.json. */
public final class RunStats {
    /** Slots of the recent-accounts table (a power of two). */
    private static final int RECENT_ACCOUNTS = 16;

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

    // A trail has few accounts, so a small direct-mapped table of the last account per hash slot answers almost
    // every event without touching the set (the decoder interns account ids, so their hash is cached and the
    // equality check is mostly an identity check). A miss only adds to the set again, which it ignores.
    private final String[] recentAccounts = new String[RECENT_ACCOUNTS];

    /** One processed event; the set of principals is updated on every call. */
    void saw(long time, String account, String principal) {
        saw(time, account, principal, null);
    }

    /**
     * One processed event of {@code profile}'s principal (null when unknown): the set of principals is then
     * updated only when the profile has not counted this principal yet (see {@link Profile#markCounted}).
     */
    void saw(long time, String account, String principal, Profile profile) {
        eventsProcessed++;
        if (time < firstEventTime) {
            firstEventTime = time;
        }
        if (time > lastEventTime) {
            lastEventTime = time;
        }
        if (account != null) {
            int slot = account.hashCode() & (RECENT_ACCOUNTS - 1);
            String recent = recentAccounts[slot];
            if (recent != account && !account.equals(recent)) {
                accounts.add(account);
                recentAccounts[slot] = account;
            }
        }
        if (profile == null || profile.markCounted(this, principal)) {
            principals.add(principal);
        }
    }
}
