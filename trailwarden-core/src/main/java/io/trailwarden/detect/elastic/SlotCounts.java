package io.trailwarden.detect.elastic;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Counts per time slot (an hour or a 15-minute bucket, as an int index since the epoch), kept as two
 * parallel arrays sorted by slot: a few ints where a map would cost objects. Adding a recent slot
 * appends; pruning drops a prefix. Written as its size, then each (slot, count) pair in slot order.
 */
final class SlotCounts {
    private int[] slots;
    private int[] counts;
    private int size;

    SlotCounts(int capacity) {
        slots = new int[capacity];
        counts = new int[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The oldest slot; the counts must not be empty. */
    int first() {
        return slots[0];
    }

    /** The largest slot (when not empty). */
    int last() {
        return slots[size - 1];
    }

    /** Adds {@code n} to the count of {@code slot}, inserting the slot in order when it is new. */
    void add(int slot, int n) {
        int at = size;
        while (at > 0 && slots[at - 1] > slot) {
            at--;
        }
        if (at > 0 && slots[at - 1] == slot) {
            counts[at - 1] += n;
            return;
        }
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(2, size * 2));
            counts = Arrays.copyOf(counts, Math.max(2, size * 2));
        }
        System.arraycopy(slots, at, slots, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        slots[at] = slot;
        counts[at] = n;
        size++;
    }

    /** Forgets the slots before {@code slot}; true when any was forgotten. */
    boolean pruneBefore(int slot) {
        int i = 0;
        while (i < size && slots[i] < slot) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        System.arraycopy(slots, i, slots, 0, size - i);
        System.arraycopy(counts, i, counts, 0, size - i);
        size -= i;
        return true;
    }

    /** The total count of the slots in [from, to). */
    long sum(int from, int to) {
        long c = 0;
        for (int i = 0; i < size && slots[i] < to; i++) {
            if (slots[i] >= from) {
                c += counts[i];
            }
        }
        return c;
    }

    /** True when any slot lies in [from, to). */
    boolean any(int from, int to) {
        for (int i = 0; i < size && slots[i] < to; i++) {
            if (slots[i] >= from) {
                return true;
            }
        }
        return false;
    }

    /** The counts of the slots in [from, to), in slot order (a copy). */
    int[] countsIn(int from, int to) {
        int lo = 0;
        while (lo < size && slots[lo] < from) {
            lo++;
        }
        int hi = lo;
        while (hi < size && slots[hi] < to) {
            hi++;
        }
        return Arrays.copyOfRange(counts, lo, hi);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(slots[i]);
            out.writeInt(counts[i]);
        }
    }

    /** Reads what {@link #write} wrote, with room for at least {@code capacity} slots. */
    static SlotCounts read(DataInput in, int capacity) throws IOException {
        int n = in.readInt();
        SlotCounts c = new SlotCounts(Math.max(capacity, n));
        for (int i = 0; i < n; i++) {
            c.slots[i] = in.readInt();
            c.counts[i] = in.readInt();
        }
        c.size = n;
        return c;
    }
}
