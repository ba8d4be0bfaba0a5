package io.trailwarden.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A compact binary form of a detector's state, for snapshots (and Flink's keyed state). */
public interface StateCodec<S> {
    void write(S state, DataOutput out) throws IOException;

    S read(DataInput in) throws IOException;
}
