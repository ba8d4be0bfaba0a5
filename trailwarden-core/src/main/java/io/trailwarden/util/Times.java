package io.trailwarden.util;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Event-time helpers. All times are epoch milliseconds, UTC. */
public final class Times {
    public static final long SECOND = 1000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;

    private Times() {
    }

    public static long hourStart(long t) {
        return Math.floorDiv(t, HOUR) * HOUR;
    }

    public static long dayStart(long t) {
        return Math.floorDiv(t, DAY) * DAY;
    }

    /**
     * ISO-8601 as CloudTrail writes it ({@code 2024-01-02T03:04:05Z}); milliseconds are kept when an input
     * had them ({@code 2024-01-02T03:04:05.250Z}), so that a time read back is the time written (finding ids
     * hash the exact time of the first event, and open findings are saved with the state as JSON).
     */
    public static String iso(long t) {
        if (t == Long.MIN_VALUE || t == Long.MAX_VALUE) {
            return null;
        }
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(t));
    }

    /**
     * Parses CloudTrail's {@code eventTime} ({@code yyyy-MM-ddTHH:mm:ssZ}, optionally with fractions
     * or an offset). Returns {@link Long#MIN_VALUE} when it is not a time.
     */
    public static long parseEventTime(String s) {
        if (s == null) {
            return Long.MIN_VALUE;
        }
        if (s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(19) == 'Z') {
            return civil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2),
                    digits(s, 17, 2));
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return Long.MIN_VALUE;
            }
        }
    }

    /**
     * {@link #parseEventTime(String)} of the ASCII bytes {@code b[off, off + len)}: CloudTrail's own form
     * ({@code 2024-01-31T12:00:00Z}) without making a string, any other form through the string.
     */
    public static long parseEventTime(byte[] b, int off, int len) {
        if (len == 20 && b[off + 4] == '-' && b[off + 7] == '-' && b[off + 10] == 'T' && b[off + 13] == ':'
                && b[off + 16] == ':' && b[off + 19] == 'Z') {
            return civil(digits(b, off, 4), digits(b, off + 5, 2), digits(b, off + 8, 2), digits(b, off + 11, 2),
                    digits(b, off + 14, 2), digits(b, off + 17, 2));
        }
        return parseEventTime(new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The instant of a UTC date and time given as numbers (-1: not digits), or Long.MIN_VALUE when invalid. */
    private static long civil(int y, int mo, int d, int h, int mi, int se) {
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)
                || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(y, mo, d);
        return ((days * 24 + h) * 60 + mi) * 60_000L + se * 1000L;
    }

    /** Parses a user-given time: ISO instant, or a date {@code 2024-01-31} meaning its midnight UTC. */
    public static long parseUserTime(String s) {
        if (s.length() == 10) {
            return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        long t = parseEventTime(s);
        if (t == Long.MIN_VALUE) {
            throw new IllegalArgumentException("not a time: '" + s + "' (use 2024-01-31 or 2024-01-31T12:00:00Z)");
        }
        return t;
    }

    /** Parses durations like {@code 15m}, {@code 1h}, {@code 14d}, {@code 90s}, or ISO {@code PT15M}. */
    public static Duration parseDuration(String s) {
        String t = s.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        char unit = t.charAt(t.length() - 1);
        long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
        switch (unit) {
            case 's': return Duration.ofSeconds(n);
            case 'm': return Duration.ofMinutes(n);
            case 'h': return Duration.ofHours(n);
            case 'd': return Duration.ofDays(n);
            default: throw new IllegalArgumentException("not a duration: '" + s + "' (use 90s, 15m, 1h, 14d)");
        }
    }

    public static String formatDuration(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        if (m == 2) {
            return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
        }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date. */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
