package io.trailwarden.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void cloudTrailEventTimesParseToEpochMillis() {
        assertThat(Times.parseEventTime("2024-03-01T10:05:07Z")).isEqualTo(Instant.parse("2024-03-01T10:05:07Z").toEpochMilli());
        assertThat(Times.parseEventTime("1969-12-31T23:59:59Z")).isEqualTo(-1000);
        assertThat(Times.parseEventTime("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
        assertThat(Times.parseEventTime("2024-03-01T10:05:07.250Z")).isEqualTo(Instant.parse("2024-03-01T10:05:07.250Z").toEpochMilli());
        assertThat(Times.parseEventTime("2024-03-01T12:05:07+02:00")).isEqualTo(Instant.parse("2024-03-01T10:05:07Z").toEpochMilli());
    }

    @Test
    void thingsThatAreNotTimesAreRefused() {
        for (String s : new String[] {null, "", "yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z",
                "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T10:60:00Z",
                "2024-03-01 10:05:07Z", "2024-0a-01T00:00:00Z", "1709287507"}) {
            assertThat(Times.parseEventTime(s)).as(String.valueOf(s)).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void bytesParseAsTheirStringDoes() {
        for (String s : new String[] {"2024-03-01T10:05:07Z", "2024-02-29T23:59:60Z", "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-03-01T10:05:07.123Z",
                "2024-03-01T10:05:07+02:00", "2024-0a-01T10:05:07Z", "yesterday", ""}) {
            byte[] b = ("##" + s + "#").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Times.parseEventTime(b, 2, s.length())).as(s).isEqualTo(Times.parseEventTime(s));
        }
    }

    @Test
    void isoWritesSecondsAndKeepsMillisecondsOnlyWhenThereAreAny() {
        long t = Instant.parse("2024-03-01T10:05:07Z").toEpochMilli();
        assertThat(Times.iso(t)).isEqualTo("2024-03-01T10:05:07Z");
        assertThat(Times.iso(t + 250)).isEqualTo("2024-03-01T10:05:07.250Z");
        assertThat(Times.parseEventTime(Times.iso(t + 250))).isEqualTo(t + 250);
        assertThat(Times.iso(Long.MIN_VALUE)).isNull();
        assertThat(Times.iso(Long.MAX_VALUE)).isNull();
    }

    @Test
    void userTimesAreDatesAtMidnightUtcOrIsoTimes() {
        assertThat(Times.parseUserTime("2024-01-31")).isEqualTo(Instant.parse("2024-01-31T00:00:00Z").toEpochMilli());
        assertThat(Times.parseUserTime("2024-01-31T12:00:00Z")).isEqualTo(Instant.parse("2024-01-31T12:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> Times.parseUserTime("last tuesday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last tuesday");
        assertThatThrownBy(() -> Times.parseUserTime("2024-13-45")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void durationsReadAndWriteInShortForm() {
        assertThat(Times.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Times.parseDuration(" 14d ")).isEqualTo(Duration.ofDays(14));
        assertThat(Times.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Times.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Times.parseDuration("15y")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Times.formatDuration(Duration.ofDays(90))).isEqualTo("90d");
        assertThat(Times.formatDuration(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Times.formatDuration(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Times.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    void hourAndDayStartsFloorTowardsThePast() {
        long t = Instant.parse("2024-03-01T10:05:07Z").toEpochMilli();
        assertThat(Times.hourStart(t)).isEqualTo(Instant.parse("2024-03-01T10:00:00Z").toEpochMilli());
        assertThat(Times.dayStart(t)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
        assertThat(Times.hourStart(-1)).isEqualTo(-Times.HOUR);
    }
}
