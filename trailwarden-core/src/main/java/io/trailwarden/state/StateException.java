package io.trailwarden.state;

/** A state directory that cannot be used, with a message saying why and what to do. */
public final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }
}
