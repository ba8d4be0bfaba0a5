package io.trailwarden.config;

/** A configuration mistake, with a message naming the key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
