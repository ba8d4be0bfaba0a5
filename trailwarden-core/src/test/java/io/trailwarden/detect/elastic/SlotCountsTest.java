package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SlotCountsTest {

    /** Slots 10, 11, 12 with counts 1, 2, 4. */
    private static SlotCounts tenToTwelve() {
        SlotCounts c = new SlotCounts(4);
        c.add(10, 1);
        c.add(11, 2);
        c.add(12, 4);
        return c;
    }

    @Test
    void addKeepsSlotsSortedAndSumsRepeatsOfASlot() {
        SlotCounts c = new SlotCounts(1);
        c.add(10, 1);
        c.add(12, 1);
        c.add(11, 5);
        c.add(12, 2);
        c.add(9, 1);
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.first()).isEqualTo(9);
        assertThat(c.countsIn(Integer.MIN_VALUE, Integer.MAX_VALUE)).containsExactly(1, 1, 5, 3);
    }

    @Test
    void rangesAreHalfOpen() {
        SlotCounts c = tenToTwelve();
        assertThat(c.sum(10, 12)).isEqualTo(3);
        assertThat(c.sum(11, 13)).isEqualTo(6);
        assertThat(c.sum(13, 20)).isZero();
        assertThat(c.any(12, 13)).isTrue();
        assertThat(c.any(13, 20)).isFalse();
        assertThat(c.any(5, 10)).isFalse();
        assertThat(c.countsIn(11, 12)).containsExactly(2);
        assertThat(c.countsIn(0, 10)).isEmpty();
    }

    @Test
    void pruneBeforeDropsTheOlderSlotsAndSaysWhetherItDid() {
        SlotCounts c = tenToTwelve();
        assertThat(c.pruneBefore(10)).isFalse();
        assertThat(c.pruneBefore(12)).isTrue();
        assertThat(c.first()).isEqualTo(12);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.pruneBefore(13)).isTrue();
        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void codecWritesTheSizeThenEachSlotAndCountAndReadsItBack() throws IOException {
        SlotCounts c = new SlotCounts(2);
        c.add(7, 3);
        c.add(5, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.write(new DataOutputStream(bytes));
        DataInputStream raw = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(new int[] {raw.readInt(), raw.readInt(), raw.readInt(), raw.readInt(), raw.readInt()})
                .containsExactly(2, 5, 1, 7, 3);
        SlotCounts r = SlotCounts.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 16);
        assertThat(r.countsIn(0, 100)).containsExactly(1, 3);
        assertThat(r.first()).isEqualTo(5);
        r.add(6, 1); // room to grow after reading
        assertThat(r.countsIn(0, 100)).containsExactly(1, 1, 3);
    }
}
