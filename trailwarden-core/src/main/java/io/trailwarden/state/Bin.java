package io.trailwarden.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small helpers for the binary snapshot format: nullable strings of any length. */
public final class Bin {
    private Bin() {
    }

    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void writeBoolean(DataOutput out, Boolean b) throws IOException {
        out.writeByte(b == null ? 2 : b ? 1 : 0);
    }

    public static Boolean readBoolean(DataInput in) throws IOException {
        int v = in.readByte();
        return v == 2 ? null : v == 1;
    }
}
