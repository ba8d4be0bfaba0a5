package io.trailwarden.detect;

import io.trailwarden.finding.Finding;

/**
 * What a detector may do besides changing its own state: emit findings and register event-time
 * timers for the key it is being called for. Nothing else: no clock, no I/O, no other key's state.
 */
public interface DetectorContext {

    /** The key this call is for. */
    String key();

    /** The current watermark: every event older than this has been seen (late ones aside). */
    long watermark();

    /** Facts about the organisation's data as a whole: where it starts, which hours have data. */
    Coverage coverage();

    /** Calls {@code onTimer(state, time)} for this key once the watermark passes {@code time}. */
    void registerTimer(long time);

    void emit(Finding.Draft finding);
}
