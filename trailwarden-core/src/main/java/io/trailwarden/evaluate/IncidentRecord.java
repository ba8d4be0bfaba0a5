package io.trailwarden.evaluate;

/** What the evaluator reads of an incident line of {@code incidents.jsonl}. */
public record IncidentRecord(String id, String credential, String principalArn, String accessKeyId, double riskScore,
                             long firstTime) {
}
