package io.trailwarden.incident;

import io.trailwarden.finding.Finding;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a state snapshot keeps so that the next run's incidents continue this run's exactly as one hunt
 * over both runs' data would group them (see {@link IncidentResume#resume}).
 *
 * @param findings    the latest version of every finding a later run's incidents can still need, in the order
 *                    they were first written (the order a single hunt would hold them in): the findings of every
 *                    incident that may still grow or be regrouped, and every finding recent enough to relate
 *                    another credential to such an incident
 * @param credentials per credential with carried incidents, sorted by credential
 */
public record IncidentCarry(List<Finding> findings, Map<String, Credential> credentials) {
    public static final IncidentCarry EMPTY = new IncidentCarry(List.of(), Map.of());

    public IncidentCarry {
        findings = List.copyOf(findings);
        credentials = Collections.unmodifiableMap(new TreeMap<>(credentials));
    }

    /**
     * One credential's position in its sequence of incidents.
     *
     * @param anchor      the start (first finding's time) of its last incident that is no longer carried, or
     *                    {@link Long#MIN_VALUE}: a later finding before {@code anchor + 24 h} belonged to an incident
     *                    the state no longer holds
     * @param membersFrom the start of its first carried incident: its carried findings at or after this time are
     *                    the whole of its carried incidents; earlier ones are only evidence for other credentials
     * @param incidents   the carried incidents as last computed, sorted by first time
     */
    public record Credential(String credential, long anchor, long membersFrom, List<Emitted> incidents) {
        public Credential {
            incidents = List.copyOf(incidents);
        }
    }

    /**
     * A carried incident as last computed: its id, its first time and the digest of its JSON line; the next run
     * writes it again only if the line changes, and writes a superseding line if the id no longer exists.
     */
    public record Emitted(String id, long firstTime, String digest) {
    }
}
