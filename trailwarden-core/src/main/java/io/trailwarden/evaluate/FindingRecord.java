package io.trailwarden.evaluate;

import java.util.List;

/** What the evaluator reads of a finding line of {@code findings.jsonl}. */
public record FindingRecord(String id, String detection, String severity, int risk, String credential,
                            String accessKeyId, String principalArn, String sessionName, long time, long lastTime,
                            List<String> sourceIps, String title) {
}
