package io.trailwarden.detect;

/** What a detector's state is keyed by. */
public enum KeyKind {
    CREDENTIAL, PRINCIPAL, SOURCE_IP, API, ORGANISATION, OTHER
}
