package io.trailwarden.util;

/** Text helpers for printing attacker-controlled strings (user agents, names) safely. */
public final class Text {
    private Text() {
    }

    /**
     * {@code s} with control characters escaped, so that printing it cannot move the cursor, change colours or
     * reorder the line: C0/C1 controls and DEL become {@code \n}, {@code \r}, {@code \t} or {@code \u001b}-style
     * escapes, as do the Unicode bidirectional overrides (U+202A-U+202E, U+2066-U+2069); a backslash stays a
     * backslash. Null gives the empty string.
     */
    public static String escapeControl(String s) {
        if (s == null) {
            return "";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
