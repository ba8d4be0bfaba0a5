package io.trailwarden.config;

import java.time.Duration;
import java.util.List;

/**
 * One configuration key of a detection, with its default and where that default comes from.
 *
 * @param name         the YAML key
 * @param defaultValue an Integer, Double, Boolean, String, Duration or List of String
 * @param origin       the seed or decision the default comes from
 */
public record Param(String name, Object defaultValue, String origin) {

    public static Param integer(String name, int value, String origin) {
        return new Param(name, value, origin);
    }

    public static Param number(String name, double value, String origin) {
        return new Param(name, value, origin);
    }

    public static Param duration(String name, Duration value, String origin) {
        return new Param(name, value, origin);
    }

    public static Param strings(String name, List<String> value, String origin) {
        return new Param(name, List.copyOf(value), origin);
    }

    public static Param text(String name, String value, String origin) {
        return new Param(name, value, origin);
    }
}
