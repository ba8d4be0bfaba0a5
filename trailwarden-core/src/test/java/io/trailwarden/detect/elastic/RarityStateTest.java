package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.state.Bin;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The state's remembered last value must always answer what the map holds. */
class RarityStateTest {

    @Test
    void aRepeatedLookUpSeesThePutHoursAndAnAbsentValueStaysAbsentUntilPut() {
        RarityState s = new RarityState();
        assertThat(s.hoursOf("ListBuckets")).isNull();
        assertThat(s.hoursOf("ListBuckets")).isNull();
        s.put("ListBuckets", new int[] {10});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10);
        s.put("GetObject", new int[] {11});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10);
        s.put("ListBuckets", new int[] {10, 12});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10, 12);
        assertThat(s.hoursOf(new String("GetObject"))).containsExactly(11);
    }

    @Test
    void aReplaceAfterLookUpLandsOnTheValueEvenWhenOtherValuesGrewTheTableBetween() {
        RarityState s = new RarityState();
        s.put("ListBuckets", new int[] {10});
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10);
        for (int i = 0; i < 100; i++) {
            s.put("Api" + i, new int[] {i}); // moves every slot several times
        }
        s.put("ListBuckets", new int[] {10, 12});
        assertThat(s.hoursOf("Api7")).containsExactly(7);
        s.put("Api7", new int[] {7, 8}); // replaced in the slot the look-up found
        assertThat(s.valueHours("Api7", 0, 100)).isEqualTo(2);
        assertThat(s.valueHours("ListBuckets", 0, 100)).isEqualTo(2);
        assertThat(s.valueHours("Api8", 0, 100)).isEqualTo(1);
        assertThat(s.size()).isEqualTo(101);
    }

    @Test
    void pruningForgetsTheRememberedValue() {
        RarityState s = new RarityState();
        s.put("ListBuckets", new int[] {10, 20});
        s.hours.set(10);
        s.hours.set(20);
        assertThat(s.hoursOf("ListBuckets")).containsExactly(10, 20);
        assertThat(s.pruneBefore(15)).isEqualTo(20);
        assertThat(s.hoursOf("ListBuckets")).containsExactly(20);
        s.pruneBefore(30);
        assertThat(s.hoursOf("ListBuckets")).isNull();
        assertThat(s.isEmpty()).isTrue();
    }

    @Test
    void theCodecWritesTheSnapshotFormatOfEarlierVersions() throws IOException {
        RarityState s = new RarityState();
        s.put("ListBuckets", new int[] {10, 12});
        s.put("GetObject", new int[] {11});
        s.hours.set(10);
        s.sweepAt = 99L;
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        RarityState.CODEC.write(s, new DataOutputStream(actual));

        // count, then each value in sorted order with its hours (short length, ints), the bitmap, the sweep
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(2);
        Bin.writeString(out, "GetObject");
        out.writeShort(1);
        out.writeInt(11);
        Bin.writeString(out, "ListBuckets");
        out.writeShort(2);
        out.writeInt(10);
        out.writeInt(12);
        s.hours.write(out);
        out.writeLong(99L);
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
