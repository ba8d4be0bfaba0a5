package io.trailwarden.engine;

import io.trailwarden.detect.Coverage;
import io.trailwarden.util.Times;
import java.util.BitSet;

/** Which UTC hours hold events, as a bit per hour from the first one: 90 days cost 270 bytes. */
public final class DataCoverage implements Coverage {
    private long firstEventTime = Long.MAX_VALUE;
    private long baseHour = Long.MIN_VALUE;
    private BitSet hours = new BitSet();

    public void add(long time) {
        if (time < firstEventTime) {
            firstEventTime = time;
        }
        long h = Math.floorDiv(time, Times.HOUR);
        if (baseHour == Long.MIN_VALUE) {
            baseHour = h;
        } else if (h < baseHour) {
            BitSet shifted = new BitSet();
            int by = (int) (baseHour - h);
            for (int i = hours.nextSetBit(0); i >= 0; i = hours.nextSetBit(i + 1)) {
                shifted.set(i + by);
            }
            hours = shifted;
            baseHour = h;
        }
        hours.set((int) (h - baseHour));
    }

    @Override
    public long firstEventTime() {
        return firstEventTime;
    }

    @Override
    public int hoursWithData(long from, long to) {
        if (baseHour == Long.MIN_VALUE || to <= from) {
            return 0;
        }
        long a = Math.max(0, Math.floorDiv(from, Times.HOUR) - baseHour);
        long b = Math.min(hours.length(), Math.floorDiv(to - 1, Times.HOUR) - baseHour + 1);
        if (b <= a) {
            return 0;
        }
        return hours.get((int) a, (int) b).cardinality();
    }

    public long baseHour() {
        return baseHour;
    }

    public byte[] bits() {
        return hours.toByteArray();
    }

    public void restore(long firstEventTime, long baseHour, byte[] bits) {
        this.firstEventTime = firstEventTime;
        this.baseHour = baseHour;
        this.hours = BitSet.valueOf(bits);
    }
}
