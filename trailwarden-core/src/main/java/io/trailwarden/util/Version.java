package io.trailwarden.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from {@code io/trailwarden/version.properties} (filtered by Maven from the project version). */
public final class Version {
    /** The version, or null when the resource is missing or was not filtered (a build outside Maven). */
    public static final String CURRENT = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/io/trailwarden/version.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || v.isBlank() || v.startsWith("${") ? null : v.trim();
        } catch (IOException e) {
            return null;
        }
    }
}
