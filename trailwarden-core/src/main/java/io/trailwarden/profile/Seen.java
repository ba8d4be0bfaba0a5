package io.trailwarden.profile;

/**
 * First/last use of one value by one principal, and how often: a copy of what the profile's
 * {@link SeenTable} holds at the time it is read (later uses do not change it).
 */
public final class Seen {
    final long first;
    final long last;
    /** The last use before the hour of {@link #last}: what "as of the start of the hour" reads. */
    final long lastBeforeHour;
    final long count;

    Seen(long first, long last, long lastBeforeHour, long count) {
        this.first = first;
        this.last = last;
        this.lastBeforeHour = lastBeforeHour;
        this.count = count;
    }

    public long first() { return first; }
    public long last() { return last; }
    public long count() { return count; }
}
