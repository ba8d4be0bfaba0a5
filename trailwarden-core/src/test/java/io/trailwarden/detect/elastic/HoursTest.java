package io.trailwarden.detect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HoursTest {

    @Test
    void addKeepsHoursSortedWithoutDuplicatesAndDropsTheOldestPastTheCap() {
        int[] a = null;
        a = Hours.add(a, 10, 4);
        a = Hours.add(a, 10, 4);
        a = Hours.add(a, 12, 4);
        a = Hours.add(a, 11, 4);
        assertThat(a).containsExactly(10, 11, 12);
        a = Hours.add(a, 13, 4);
        a = Hours.add(a, 14, 4);
        assertThat(a).containsExactly(11, 12, 13, 14);
        assertThat(Hours.count(a, 12, 14)).isEqualTo(2);
        assertThat(Hours.pruneBefore(a, 13)).containsExactly(13, 14);
        assertThat(Hours.pruneBefore(a, 20)).isEmpty();
    }

    @Test
    void bitmapCountsPrunesAndGrowsBothWays() throws IOException {
        HourBitmap b = new HourBitmap();
        b.set(1000);
        b.set(1001);
        b.set(1200);
        b.set(900);
        assertThat(b.count(0, 2000)).isEqualTo(4);
        assertThat(b.count(1000, 1200)).isEqualTo(2);
        assertThat(b.count(1001, 1201)).isEqualTo(2);
        assertThat(b.first()).isEqualTo(900);
        b.pruneBefore(1001);
        assertThat(b.count(0, 2000)).isEqualTo(2);
        assertThat(b.contains(1000)).isFalse();
        assertThat(b.first()).isEqualTo(1001);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.write(new DataOutputStream(bytes));
        HourBitmap r = HourBitmap.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.count(0, 2000)).isEqualTo(2);
        assertThat(r.contains(1200)).isTrue();

        b.pruneBefore(5000);
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void bitmapSetsAnHourAgainAfterPruningRemovedIt() {
        HourBitmap b = new HourBitmap();
        b.set(100);
        b.set(100);
        assertThat(b.count(0, 200)).isEqualTo(1);
        b.pruneBefore(101);
        assertThat(b.isEmpty()).isTrue();
        b.set(100); // a late event of the pruned hour: set again, not skipped as a repeat
        assertThat(b.contains(100)).isTrue();
        b.set(130);
        b.pruneBefore(120);
        b.set(130);
        b.set(100);
        assertThat(b.count(0, 200)).isEqualTo(2);
        assertThat(b.first()).isEqualTo(100);
    }
}
