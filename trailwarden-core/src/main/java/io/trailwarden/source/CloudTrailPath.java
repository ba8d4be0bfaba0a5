package io.trailwarden.source;

import io.trailwarden.util.Times;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the S3 layout tells about a file before it is opened:
 * {@code AWSLogs/[o-org/]<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_YYYYMMDDTHHMMZ_<id>.json.gz}.
 */
public final class CloudTrailPath {
    private static final Pattern FILE_NAME = Pattern.compile(
            "(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})Z_[A-Za-z0-9]+\\.json(\\.gz)?");

    private CloudTrailPath() {
    }

    /** The delivery time in a CloudTrail file name, or {@link Long#MIN_VALUE}. */
    public static long fileNameTime(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return Long.MIN_VALUE;
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)));
            return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    + Integer.parseInt(m.group(6)) * Times.HOUR + Integer.parseInt(m.group(7)) * Times.MINUTE;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Digest and Insight files hold no management events: they are skipped and counted. */
    public static boolean isDigestOrInsight(String path) {
        return path.contains("CloudTrail-Digest") || path.contains("CloudTrail-Insight");
    }

    /** Whether a file name looks like something holding CloudTrail records. */
    public static boolean isCandidate(String fileName) {
        if (fileName.startsWith(".")) {
            return false;
        }
        String n = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        return n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".jsonl");
    }

    /**
     * Whether a folder can be skipped for the selection, judged by its layout segments after {@code AWSLogs}:
     * the account, the region and the date parts. Files are dated by delivery, up to about an hour after
     * their events, so dates are compared with a day's margin.
     */
    public static boolean canSkipFolder(String[] segmentsAfterAwsLogs, InputSelection sel) {
        String[] s = segmentsAfterAwsLogs;
        int i = 0;
        if (i < s.length && s[i].startsWith("o-")) {
            i++;
        }
        if (i < s.length) {
            if (s[i].matches("\\d{12}") && !sel.keepsAccount(s[i])) {
                return true;
            }
            i++;
        }
        if (i < s.length) {
            if (!s[i].equals("CloudTrail")) {
                return false;
            }
            i++;
        }
        if (i < s.length) {
            if (!sel.keepsRegion(s[i])) {
                return true;
            }
            i++;
        }
        int[] date = new int[3];
        int parts = 0;
        for (; i < s.length && parts < 3; i++, parts++) {
            if (!s[i].matches("\\d+")) {
                return false;
            }
            date[parts] = Integer.parseInt(s[i]);
        }
        if (parts == 0 || (sel.since() == Long.MIN_VALUE && sel.until() == Long.MAX_VALUE)) {
            return false;
        }
        try {
            LocalDate start = LocalDate.of(date[0], parts > 1 ? date[1] : 1, parts > 2 ? date[2] : 1);
            LocalDate end = parts == 1 ? start.plusYears(1) : parts == 2 ? start.plusMonths(1) : start.plusDays(1);
            long from = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long to = end.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return to + Times.DAY <= sel.since() || from - Times.DAY >= sel.until();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
