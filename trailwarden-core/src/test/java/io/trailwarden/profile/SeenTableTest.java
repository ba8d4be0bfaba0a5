package io.trailwarden.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.util.Times;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeenTableTest {
    private static final long H = Times.HOUR;

    @Test
    void aNewValueIsUnknownThenKnownFromTheNextHour() {
        SeenTable t = new SeenTable();
        assertThat(t.stamp("192.0.2.1", 10 * H + 5, 10 * H)).isEqualTo(History.NEVER);
        assertThat(t.stamp("192.0.2.1", 10 * H + 9, 10 * H)).as("first used in this hour").isEqualTo(History.NEVER);
        assertThat(t.stamp("192.0.2.1", 11 * H + 1, 11 * H)).isEqualTo(10 * H + 9);
        assertThat(t.stamp("192.0.2.1", 11 * H + 2, 11 * H)).as("still the last use before 11:00").isEqualTo(10 * H + 9);
        Seen s = t.get("192.0.2.1");
        assertThat(s.first()).isEqualTo(10 * H + 5);
        assertThat(s.last()).isEqualTo(11 * H + 2);
        assertThat(s.count()).isEqualTo(4);
    }

    @Test
    void anEqualValueInAnotherInstanceFindsTheSameEntry() {
        SeenTable t = new SeenTable();
        t.stamp("GetObject", 10 * H, 10 * H);
        assertThat(t.stamp(new String("GetObject"), 12 * H, 12 * H)).isEqualTo(10 * H);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get(new String("GetObject")).count()).isEqualTo(2);
    }

    @Test
    void valuesWithTheSameHashStayApart() {
        SeenTable t = new SeenTable();
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        t.stamp("Aa", 1 * H, 1 * H);
        t.stamp("BB", 2 * H, 2 * H);
        assertThat(t.stamp("Aa", 5 * H, 5 * H)).isEqualTo(1 * H);
        assertThat(t.stamp("BB", 5 * H, 5 * H)).isEqualTo(2 * H);
        assertThat(t.get("Aa").count()).isEqualTo(2);
        assertThat(t.get("BB").count()).isEqualTo(2);
    }

    @Test
    void growthKeepsEveryValueAndTheMemoStaysRight() {
        SeenTable t = new SeenTable();
        int before = t.slots();
        for (int i = 0; i < 1000; i++) {
            t.stamp("10.0." + i / 256 + "." + i % 256, i * H, i * H);
            t.stamp("10.0.0.0", i * H, i * H); // the memo's value, across every growth
        }
        assertThat(t.slots()).isGreaterThan(before);
        assertThat(t.size()).isEqualTo(1000);
        assertThat(2 * t.size()).isLessThanOrEqualTo(t.slots());
        for (int i = 1; i < 1000; i++) {
            assertThat(t.get("10.0." + i / 256 + "." + i % 256).first()).isEqualTo(i * H);
        }
        assertThat(t.get("10.0.0.0").count()).isEqualTo(1001);
    }

    @Test
    void removingStaleValuesShrinksTheTableAndKeepsTheRest() {
        SeenTable t = new SeenTable();
        for (int i = 0; i < 100; i++) {
            t.stamp("v" + i, i * H, i * H);
        }
        int grown = t.slots();
        t.removeLastBefore(98 * H);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.slots()).isLessThan(grown);
        assertThat(t.get("v97")).isNull();
        assertThat(t.get("v98").first()).isEqualTo(98 * H);
        assertThat(t.stamp("v99", 200 * H, 200 * H)).isEqualTo(99 * H);
        assertThat(t.stamp("v5", 200 * H, 200 * H)).as("forgotten: new again").isEqualTo(History.NEVER);
        t.removeLastBefore(Long.MAX_VALUE);
        assertThat(t.size()).isZero();
        assertThat(t.get("v99")).isNull();
    }

    @Test
    void putRestoresAndOverwrites() {
        SeenTable t = new SeenTable();
        t.put("a", 1, 5 * H, 2, 7);
        t.put(new String("a"), 1, 6 * H, 3, 8);
        assertThat(t.size()).isEqualTo(1);
        Seen s = t.get("a");
        assertThat(s.last()).isEqualTo(6 * H);
        assertThat(s.lastBeforeHour).isEqualTo(3);
        assertThat(s.count()).isEqualTo(8);
        assertThat(t.sortedValues()).containsExactly("a");
    }

    /** The former HashMap<String, Seen> logic, as the reference for any order of events. */
    private static final class Ref {
        long first;
        long last;
        long lastBeforeHour = History.NEVER;
        long count;
    }

    @Test
    void matchesTheReferenceForShuffledLateAndRepeatedUses() {
        Random r = new Random(7);
        SeenTable t = new SeenTable();
        Map<String, Ref> ref = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            String v = r.nextInt(4) == 0 ? new String("v" + r.nextInt(50)) : ("v" + r.nextInt(50)).intern();
            long time = 1_000 * H + r.nextInt(200) * (H / 4) + r.nextInt(1000);
            long hour = Times.hourStart(time);
            Ref s = ref.get(v);
            long expected;
            if (s == null) {
                s = new Ref();
                s.first = time;
                s.last = time;
                s.count = 1;
                ref.put(v, s);
                expected = History.NEVER;
            } else {
                expected = s.first < hour ? (s.last < hour ? s.last : s.lastBeforeHour) : History.NEVER;
                if (time >= s.last) {
                    if (s.last < hour) {
                        s.lastBeforeHour = s.last;
                    }
                    s.last = time;
                } else if (time < Times.hourStart(s.last) && time > s.lastBeforeHour) {
                    s.lastBeforeHour = time;
                }
                s.first = Math.min(s.first, time);
                s.count++;
            }
            assertThat(t.stamp(v, time, hour)).as("use %d", n).isEqualTo(expected);
            if (n % 5000 == 4999) {
                long cutoff = 1_000 * H + r.nextInt(30) * H;
                ref.values().removeIf(x -> x.last < cutoff);
                t.removeLastBefore(cutoff);
            }
        }
        assertThat(t.size()).isEqualTo(ref.size());
        ref.forEach((v, s) -> {
            Seen x = t.get(v);
            assertThat(new long[] {x.first(), x.last(), x.lastBeforeHour, x.count()})
                    .isEqualTo(new long[] {s.first, s.last, s.lastBeforeHour, s.count});
        });
    }
}
