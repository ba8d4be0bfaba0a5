package io.trailwarden.sim;

/** Fast {@code yyyy-MM-ddTHH:mm:ssZ} formatting of epoch milliseconds (UTC), as CloudTrail writes eventTime. */
final class IsoTime {
    private IsoTime() {
    }

    static String format(long millis) {
        long secs = Math.floorDiv(millis, 1000L);
        long days = Math.floorDiv(secs, 86400L);
        int sod = (int) (secs - days * 86400L);
        char[] c = new char[20];
        civil(days, c);
        c[10] = 'T';
        two(c, 11, sod / 3600);
        c[13] = ':';
        two(c, 14, (sod / 60) % 60);
        c[16] = ':';
        two(c, 17, sod % 60);
        c[19] = 'Z';
        return new String(c);
    }

    /** {@code yyyyMMdd'T'HHmm'Z'} as in CloudTrail file names. */
    static String compact(long millis) {
        String s = format(millis);
        return s.substring(0, 4) + s.substring(5, 7) + s.substring(8, 10) + "T" + s.substring(11, 13)
                + s.substring(14, 16) + "Z";
    }

    private static void civil(long z, char[] c) {
        z += 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        int yy = (int) y;
        c[0] = (char) ('0' + yy / 1000);
        c[1] = (char) ('0' + (yy / 100) % 10);
        c[2] = (char) ('0' + (yy / 10) % 10);
        c[3] = (char) ('0' + yy % 10);
        c[4] = '-';
        two(c, 5, (int) m);
        c[7] = '-';
        two(c, 8, (int) d);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
