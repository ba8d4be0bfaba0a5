package io.trailwarden.detect.expel;

import io.trailwarden.detect.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;

/**
 * The state of a detection that needs none beyond the profile stamps: it is always empty, so the
 * runner never keeps it. Repeats are merged by the finding tracker's suppression window.
 */
final class NoState {
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
