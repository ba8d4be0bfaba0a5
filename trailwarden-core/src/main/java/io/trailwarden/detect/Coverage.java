package io.trailwarden.detect;

/** Which hours the organisation's data covers: the base of warm-ups and of rarity models' "N". */
public interface Coverage {

    /** The time of the first event ever seen (this run or the state it resumed), or {@code Long.MAX_VALUE}. */
    long firstEventTime();

    /** The number of UTC hours in [from, to) that hold at least one event. */
    int hoursWithData(long from, long to);

    /** True when the data starts at or before {@code time}. */
    default boolean covers(long time) {
        return firstEventTime() <= time;
    }
}
