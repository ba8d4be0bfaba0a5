package io.trailwarden.engine;

import io.trailwarden.profile.Profile;
import java.util.HashSet;
import java.util.Set;

/** Counters of one run, reported in run.json. */
public final class RunStats {
    /** How many recent accounts {@link #saw} recognises by identity before falling back to the set. */
    private static final int RECENT_ACCOUNTS = 8;

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

    // Account ids are interned by the decoder and a trail has few accounts, so an identity scan of the last
    // few added ones answers almost every event without hashing. Only a fast path: a miss (a different
    // instance of an equal string) just adds to the set again, which the set ignores.
    private final String[] recentAccounts = new String[RECENT_ACCOUNTS];
    private int nextRecent;

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
        if (account != null && !isRecentAccount(account)) {
            accounts.add(account);
            recentAccounts[nextRecent] = account;
            nextRecent = (nextRecent + 1) % RECENT_ACCOUNTS;
        }
        if (profile == null || profile.markCounted(this, principal)) {
            principals.add(principal);
        }
    }

    private boolean isRecentAccount(String account) {
        for (String a : recentAccounts) {
            if (a == account) {
                return true;
            }
        }
        return false;
    }
}
