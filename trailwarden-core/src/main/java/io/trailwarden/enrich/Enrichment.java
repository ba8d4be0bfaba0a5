package io.trailwarden.enrich;

import java.nio.file.Path;
import java.util.Optional;

/** Placeholder until the enrichment branch lands: no geo databases, classification only. */
public final class Enrichment {
    private final SourceEnricher sources = new BasicSourceEnricher();
    private final UserAgentParser agents = new UserAgentParser();

    public static Enrichment open(Path geoDirOrNull) {
        return new Enrichment();
    }

    public static Enrichment bundled() {
        return new Enrichment();
    }

    public SourceEnricher sources() {
        return sources;
    }

    public UserAgentParser agents() {
        return agents;
    }

    public String description() {
        return "no geo databases";
    }

    public Optional<String> warning() {
        return Optional.empty();
    }
}
