package io.trailwarden.order;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops records whose eventID was already seen within the horizon (lateness + 1 h): CloudTrail may
 * deliver a record twice, and overlapping trails (an organisation trail beside an account trail)
 * deliver the same record in two files.
 */
public final class DuplicateFilter {
    private final long horizon;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>(1 << 14);

    public DuplicateFilter(long horizonMs) {
        this.horizon = horizonMs;
    }

    /** True when the event is new; false for a duplicate. */
    public boolean firstTime(String eventId, long time, long watermark) {
        if (eventId == null) {
            return true;
        }
        evict(watermark);
        return seen.putIfAbsent(eventId, time) == null;
    }

    private void evict(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long cutoff = watermark - horizon;
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() < cutoff) {
                it.remove();
            } else {
                break;
            }
        }
    }

    public Map<String, Long> snapshot() {
        return seen;
    }

    public void restore(Map<String, Long> entries) {
        seen.putAll(entries);
    }
}
