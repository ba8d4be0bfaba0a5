package io.trailwarden.detect;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * Base of a detection that decides on each event alone: all it compares the event with arrives with
 * the event (the principal's profile stamp {@link EnrichedEvent#history()}, the source and user-agent
 * enrichment), so it keeps no state between events and sets no timers.
 *
 * <p>Use it when the whole test fits in {@link #keyOf}: return the key (usually the event's credential)
 * for an event that makes a finding and null for any other, then word the finding in
 * {@link #emit(EnrichedEvent, DetectorContext)}, which the runner calls only for keyed events. The state
 * is one shared, always-empty instance, so the runner keeps nothing. Repeats (every call of a new value
 * within the hour in which the profile stamp still calls it new) are merged by the finding tracker's
 * suppression window, not by state.
 *
 * <p>Do not use it when the detection must remember anything the profile does not: a first use in a
 * window of its own ({@code OffensiveUserAgent} keeps a {@link LastSeen}), counts, baselines or clean-up
 * timers. Implement {@link Detector} with a real state then.
 */
public abstract class StatelessDetector implements Detector<StatelessDetector.NoState> {

    /** The state of a stateless detection: a single empty instance, written as nothing. */
    public static final class NoState {
        static final NoState INSTANCE = new NoState();

        static final StateCodec<NoState> CODEC = new StateCodec<>() {
            @Override
            public void write(NoState s, DataOutput out) {
            }

            @Override
            public NoState read(DataInput in) {
                return INSTANCE;
            }
        };

        private NoState() {
        }
    }

    private final String id;
    private final KeyKind keyKind;

    protected StatelessDetector(String id, KeyKind keyKind) {
        this.id = id;
        this.keyKind = keyKind;
    }

    /** Emits the finding of an event that {@link #keyOf} keyed. */
    protected abstract void emit(EnrichedEvent e, DetectorContext ctx);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final KeyKind keyKind() {
        return keyKind;
    }

    @Override
    public final NoState newState() {
        return NoState.INSTANCE;
    }

    @Override
    public final StateCodec<NoState> codec() {
        return NoState.CODEC;
    }

    @Override
    public final void onEvent(NoState state, EnrichedEvent e, DetectorContext ctx) {
        emit(e, ctx);
    }

    @Override
    public final boolean isEmpty(NoState state) {
        return true;
    }
}
