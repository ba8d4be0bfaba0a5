package io.trailwarden.finding;

import java.util.Locale;

public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromLabel(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
