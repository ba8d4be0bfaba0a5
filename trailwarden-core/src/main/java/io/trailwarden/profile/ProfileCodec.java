package io.trailwarden.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Binary form of the profile stage for snapshots; keys sorted so snapshots are deterministic. */
public final class ProfileCodec {
    private ProfileCodec() {
    }

    public static void write(ProfileStage stage, DataOutput out) throws IOException {
        out.writeLong(stage.lastSweepDay());
        List<Profile> ps = new ArrayList<>(stage.all());
        ps.sort((a, b) -> a.key.compareTo(b.key));
        out.writeInt(ps.size());
        for (Profile p : ps) {
            out.writeUTF(p.key);
            out.writeLong(p.firstSeen);
            out.writeLong(p.lastSeen);
            out.writeLong(p.events);
            for (Dimension d : Dimension.values()) {
                SeenTable m = p.values[d.ordinal()];
                String[] keys = m.sortedValues();
                out.writeInt(keys.length);
                for (String k : keys) {
                    Seen s = m.get(k);
                    io.trailwarden.state.Bin.writeString(out, k);
                    out.writeLong(s.first);
                    out.writeLong(s.last);
                    out.writeLong(s.lastBeforeHour);
                    out.writeLong(s.count);
                }
            }
        }
    }

    public static void read(ProfileStage stage, DataInput in) throws IOException {
        stage.lastSweepDay(in.readLong());
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Profile p = stage.getOrCreate(in.readUTF());
            p.firstSeen = in.readLong();
            p.lastSeen = in.readLong();
            p.events = in.readLong();
            for (Dimension d : Dimension.values()) {
                int m = in.readInt();
                for (int j = 0; j < m; j++) {
                    String k = io.trailwarden.state.Bin.readString(in);
                    p.values[d.ordinal()].put(k, in.readLong(), in.readLong(), in.readLong(), in.readLong());
                }
            }
        }
    }
}
