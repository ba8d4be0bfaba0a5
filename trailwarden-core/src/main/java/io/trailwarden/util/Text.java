package io.trailwarden.util;

/** Attacker-controlled strings are data: this makes them safe to print. */
public final class Text {
    private Text() {
    }

    /**
     * Escapes control characters (C0, DEL, C1) and the bidi overrides so that a user agent or error
     * message can never move the cursor, change colours or reorder the terminal's text.
     */
    public static String escapeControl(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && isSafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isSafe(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean isSafe(char c) {
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return false;
        }
        // bidi embedding/override/isolate controls
        return !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069);
    }

    /** Escapes and shortens to at most {@code max} characters for table cells. */
    public static String cell(String s, int max) {
        String e = escapeControl(s == null ? "-" : s);
        return e.length() <= max ? e : e.substring(0, Math.max(0, max - 1)) + "…";
    }
}
