package io.trailwarden.incident;

import io.trailwarden.finding.Finding;
import java.util.List;
import java.util.Map;

/**
 * The findings on one credential within 24 hours of its first finding.
 *
 * @param attackerIps        public IPs of its medium-or-higher findings that the principal had not used before
 * @param relatedCredentials other credentials seen from its attacker IPs, with its offensive user agent, or
 *                           making its rare API calls in the window, each with what relates it
 */
public record Incident(String id, String credential, String principalArn, String accountId, long firstTime,
                       long lastTime, double risk, int riskSum, List<Finding> findings, List<String> attackerIps,
                       List<Related> relatedCredentials) {

    /** Another credential and the evidence that ties it to this incident. */
    public record Related(String credential, String principalArn, List<String> sharedIps, List<String> sharedUserAgents,
                          List<String> sharedRareApis) {
        public int weight() {
            return sharedIps.size() * 3 + sharedUserAgents.size() * 2 + sharedRareApis.size() * 2;
        }
    }

    public Map<String, Long> severityCounts() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Finding f : findings) {
            m.merge(f.severity().label(), 1L, Long::sum);
        }
        return m;
    }
}
