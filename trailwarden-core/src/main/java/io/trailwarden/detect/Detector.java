package io.trailwarden.detect;

import java.time.Duration;

/**
 * One detection. Engine-agnostic: the local runner keeps states in maps, the Flink job in keyed
 * state; both call the same methods and get the same findings.
 *
 * @param <S> the per-key state, mutable, serialised by {@link #codec()}
 */
public interface Detector<S> {

    /** The detection id, e.g. {@code offensive-user-agent}. */
    String id();

    KeyKind keyKind();

    /** The key of the state this event touches, or null when the detector ignores the event. */
    String keyOf(EnrichedEvent e);

    S newState();

    StateCodec<S> codec();

    void onEvent(S state, EnrichedEvent e, DetectorContext ctx);

    /** Called once the watermark passes a time registered with {@link DetectorContext#registerTimer}. */
    default void onTimer(S state, long time, DetectorContext ctx) {
    }

    /** True when the state holds nothing worth keeping; the runner then drops it. */
    boolean isEmpty(S state);

    /** How much history the detection needs before it may fire; reported in run.json. */
    default Duration warmup() {
        return Duration.ZERO;
    }
}
