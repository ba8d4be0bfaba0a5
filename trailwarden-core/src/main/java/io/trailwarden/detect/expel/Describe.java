package io.trailwarden.detect.expel;

import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.profile.History;
import io.trailwarden.util.Times;

/** Small wording helpers shared by the Expel family's explanations. */
final class Describe {
    private Describe() {
    }

    /** {@code 203.0.113.9 (AS org "X", DE, Frankfurt, hosting)}: what an analyst needs to judge a source. */
    static String source(String ip, SourceInfo s) {
        StringBuilder b = new StringBuilder(ip == null ? "an unknown source" : ip);
        if (s == null) {
            return b.toString();
        }
        StringBuilder d = new StringBuilder();
        if (s.asOrg() != null) {
            d.append("AS organisation \"").append(s.asOrg()).append('"');
        } else if (s.asn() > 0) {
            d.append("AS").append(s.asn());
        }
        if (s.country() != null) {
            d.append(d.length() > 0 ? ", " : "").append(s.country());
            if (s.city() != null) {
                d.append(' ').append(s.city());
            }
        }
        d.append(d.length() > 0 ? ", " : "").append(s.networkClass().label());
        return b.append(" (").append(d).append(')').toString();
    }

    /** The principal and, when different, the credential: {@code arn:...:user/alice (key AKIA...)}. */
    static String who(CloudTrailEvent e) {
        String arn = e.principal().arn() != null ? e.principal().arn() : e.principal().key();
        String cred = e.credential();
        return cred.equals(arn) || cred.equals(e.principal().key()) ? arn : arn + " (key " + cred + ")";
    }

    /** When the profile last saw a value, for explanations: {@code last on <date>}, or never. */
    static String lastSeen(long t) {
        return t == History.NEVER ? "never in the profile's memory" : "last on " + date(t);
    }

    static String date(long t) {
        return t == Long.MIN_VALUE ? null : Times.iso(t);
    }

    static long days(long ms) {
        return ms / Times.DAY;
    }
}
