package io.trailwarden.order;

import io.trailwarden.event.CloudTrailEvent;
import java.util.Comparator;

/** The order events are processed in: event time, then eventID (so ties never depend on arrival). */
public final class EventOrder {
    public static final Comparator<CloudTrailEvent> COMPARATOR = (a, b) -> {
        int c = Long.compare(a.time(), b.time());
        if (c != 0) {
            return c;
        }
        String x = a.eventId() == null ? "" : a.eventId();
        String y = b.eventId() == null ? "" : b.eventId();
        return x.compareTo(y);
    };

    private EventOrder() {
    }
}
