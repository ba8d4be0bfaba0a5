package io.trailwarden.source;

import java.util.Set;

/**
 * What to read: event-time bounds and accounts/regions. The S3 layout lets whole folders be skipped
 * without opening a file; events are filtered again one by one.
 *
 * @param since    inclusive lower bound on event time, or {@link Long#MIN_VALUE}
 * @param until    exclusive upper bound on event time, or {@link Long#MAX_VALUE}
 * @param accounts accounts to keep, empty for all
 * @param regions  regions to keep, empty for all
 */
public record InputSelection(long since, long until, Set<String> accounts, Set<String> regions) {

    public static final InputSelection ALL = new InputSelection(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());

    public boolean keepsAccount(String account) {
        return accounts.isEmpty() || account == null || accounts.contains(account);
    }

    public boolean keepsRegion(String region) {
        return regions.isEmpty() || region == null || regions.contains(region);
    }

    public boolean keepsTime(long t) {
        return t >= since && t < until;
    }
}
