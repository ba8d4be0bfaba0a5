package io.trailwarden.detect.elastic;

import io.trailwarden.detect.StateCodec;
import io.trailwarden.state.Bin;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One partition's rarity model: for each value, the hours it occurred in (at most {@link Hours#CAP});
 * the hours in which the partition had any event in the model; when the next clean-up timer is due.
 */
public final class RarityState {
    static final long NO_SWEEP = Long.MIN_VALUE;

    public static final StateCodec<RarityState> CODEC = new StateCodec<>() {
        @Override
        public void write(RarityState s, DataOutput out) throws IOException {
            String[] sorted = s.values.sortedValues();
            out.writeInt(sorted.length);
            for (String v : sorted) {
                Bin.writeString(out, v);
                int[] h = s.values.get(v);
                out.writeShort(h.length);
                for (int x : h) {
                    out.writeInt(x);
                }
            }
            s.hours.write(out);
            out.writeLong(s.sweepAt);
        }

        @Override
        public RarityState read(DataInput in) throws IOException {
            RarityState s = new RarityState();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String k = Bin.readString(in);
                int[] h = new int[in.readUnsignedShort()];
                for (int j = 0; j < h.length; j++) {
                    h[j] = in.readInt();
                }
                s.values.put(k, h);
            }
            s.hours = HourBitmap.read(in);
            s.sweepAt = in.readLong();
            return s;
        }
    };

    final ValueHours values = new ValueHours();
    HourBitmap hours = new HourBitmap();
    long sweepAt = NO_SWEEP;
    /**
     * The last value looked up through {@link #hoursOf} and its entry (null: absent), kept in step by
     * {@link #put} and dropped by {@link #pruneBefore}: a partition's consecutive events often repeat a
     * value, and a repeat then skips the hash look-up. Identity only: a value that is not the same instance
     * just goes to the map. The entry's slot (-1: absent) lets {@link #put} after {@link #hoursOf} (every
     * event that adds an hour) replace in place without probing again; slots move only when a new value is
     * put or on pruning, and both refresh or drop the memo. Not saved.
     */
    private String memoValue;
    private int[] memoHours;
    private int memoSlot = -1;

    /** The stored hours of {@code value}, or null. */
    int[] hoursOf(String value) {
        if (value == memoValue && value != null) {
            return memoHours;
        }
        int i = values.find(value);
        int[] h = i < 0 ? null : values.hoursAt(i);
        memoValue = value;
        memoHours = h;
        memoSlot = i;
        return h;
    }

    /** Stores the hours of {@code value}. */
    void put(String value, int[] h) {
        if (value == memoValue && memoSlot >= 0) {
            values.setAt(memoSlot, h);
        } else {
            memoSlot = values.put(value, h);
            memoValue = value;
        }
        memoHours = h;
    }

    /** The number of past hours of {@code value} in [from, to). */
    public int valueHours(String value, int from, int to) {
        return Hours.count(values.get(value), from, to);
    }

    /** The number of hours in [from, to) in which the partition had events in the model. */
    public int partitionHours(int from, int to) {
        return hours.count(from, to);
    }

    public int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty() && hours.isEmpty();
    }

    /** Forgets every hour before {@code from}; returns the oldest hour left, or {@link Integer#MAX_VALUE}. */
    int pruneBefore(int from) {
        memoValue = null;
        memoHours = null;
        memoSlot = -1;
        int oldest = values.pruneBefore(from);
        hours.pruneBefore(from);
        return Math.min(oldest, hours.first());
    }
}
