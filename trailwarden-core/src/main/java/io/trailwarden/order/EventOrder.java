package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.Comparator;

/** The order events are processed in: event time, then eventID (so ties never depend on arrival). */
public final class EventOrder {
    public static final Comparator<CloudTrailEvent> COMPARATOR = EventOrder::compare;

    private EventOrder() {
    }

    public static int compare(CloudTrailEvent a, CloudTrailEvent b) {
        int c = Long.compare(a.time(), b.time());
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.idPrefix(), b.idPrefix());
        return c != 0 ? c : compareIds(a.eventId(), b.eventId());
    }

    /** eventIDs in {@link String#compareTo} order; a missing ID sorts as the empty string. */
    static int compareIds(String x, String y) {
        return (x == null ? "" : x).compareTo(y == null ? "" : y);
    }
}
