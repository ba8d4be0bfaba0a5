package io.trailwarden.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A small state: when each subject was last seen. Enough for "first use in N days" detections. */
public final class LastSeen {
    public static final StateCodec<LastSeen> CODEC = new StateCodec<>() {
        @Override
        public void write(LastSeen s, DataOutput out) throws IOException {
            TreeMap<String, Long> sorted = new TreeMap<>(s.times);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Long> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        }

        @Override
        public LastSeen read(DataInput in) throws IOException {
            LastSeen s = new LastSeen();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.times.put(in.readUTF(), in.readLong());
            }
            return s;
        }
    };

    private final Map<String, Long> times = new HashMap<>(4);

    /** When the subject was last seen, or {@link Long#MIN_VALUE}. */
    public long get(String subject) {
        Long t = times.get(subject);
        return t == null ? Long.MIN_VALUE : t;
    }

    public void put(String subject, long time) {
        times.merge(subject, time, Math::max);
    }

    /** Forgets subjects last seen before {@code cutoff}. */
    public void forgetBefore(long cutoff) {
        times.values().removeIf(t -> t < cutoff);
    }

    public boolean isEmpty() {
        return times.isEmpty();
    }

    /** The latest time of any subject, or {@link Long#MIN_VALUE}. */
    public long latest() {
        long m = Long.MIN_VALUE;
        for (long t : times.values()) {
            m = Math.max(m, t);
        }
        return m;
    }
}
