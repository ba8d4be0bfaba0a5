package io.trailwarden.profile;

/** First/last use of one value by one principal, and how often. */
public final class Seen {
    long first;
    long last;
    /** The last use before the hour of {@link #last}: what "as of the start of the hour" reads. */
    long lastBeforeHour;
    long count;

    Seen(long first, long last, long lastBeforeHour, long count) {
        this.first = first;
        this.last = last;
        this.lastBeforeHour = lastBeforeHour;
        this.count = count;
    }

    public long first() { return first; }
    public long last() { return last; }
    public long count() { return count; }

    /** The last use strictly before {@code hourStart}, or {@link History#NEVER}. */
    long lastBefore(long hourStart) {
        if (last < hourStart) {
            return last;
        }
        return lastBeforeHour;
    }

    void record(long t, long hourStart) {
        if (t >= last) {
            if (last < hourStart) {
                lastBeforeHour = last;
            }
            last = t;
        } else if (t < io.trailwarden.util.Times.hourStart(last) && t > lastBeforeHour) {
            lastBeforeHour = t; // a late event from an hour before the last use's hour
        }
        if (t < first) {
            first = t;
        }
        count++;
    }
}
