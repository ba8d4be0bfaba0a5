package io.trailwarden.enrich;

import java.util.Locale;

/** Parses AWS CLI/SDK/console/service user agents. Pure and thread-safe; callers cache by string. */
public final class UserAgentParser {

    public UserAgentInfo parse(String ua) {
        if (ua == null || ua.isEmpty()) {
            return new UserAgentInfo(ua, "unknown", null, null, null, null, null, null, "unknown");
        }
        String lower = ua.toLowerCase(Locale.ROOT);
        String first = ua.split("[ /]", 2)[0];
        String distribution = lower.contains("kali") ? "kali" : lower.contains("parrot") ? "parrot"
                : lower.contains("pentoo") ? "pentoo" : null;
        String offensive = lower.contains("trufflehog") ? "trufflehog" : lower.contains("pacu") ? "pacu" : null;
        String family = first + (distribution != null ? "/" + distribution : "");
        return new UserAgentInfo(ua, first, null, null, null, null, distribution, offensive, family);
    }
}
