package io.trailwarden.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.util.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingJsonTest {
    static final String HOSTILE_UA = "aws-cli/1.22.34 \u001b[2J\u001b]0;owned\u0007 \u009b31m \u007f \u202egnp.exe Linux/5.15.0-kali3-amd64";

    private static Finding finding() {
        return Finding.draft("offensive-user-agent").credential("AKIAX").subject("distribution:kali").title("Kali")
                .severity(Severity.MEDIUM).risk(47).time(Times.parseUserTime("2024-03-01T10:00:00Z"))
                .lastTime(Times.parseUserTime("2024-03-01T10:30:00Z")).count(3).accountId("111122223333")
                .principalArn("arn:aws:iam::111122223333:user/x").principalType("IAMUser").userName("x")
                .accessKeyId("AKIAX").sourceIp("198.51.100.7").sourceIp("035.249.253.232").userAgent(HOSTILE_UA)
                .eventName("GetCallerIdentity").evidence("distribution", "kali").evidence("window_days", 14L)
                .evidence("score", 1.5).evidence("seen", List.of("a", "b")).evidence("last_seen_before", null)
                .mitre("T1078.004").explanation("x used \u001b[31mKali").eventId("e1").eventId("e2").late(true).build();
    }

    @Test
    void everyDocumentedFieldIsWrittenInOrder() throws Exception {
        JsonNode n = FindingJson.MAPPER.readTree(FindingJson.toJson(finding(), new BasicSourceEnricher()));
        assertThat(n.fieldNames()).toIterable().containsExactly("finding_id", "detection", "title", "severity",
                "risk_score", "time", "last_time", "count", "credential", "subject", "account_id", "principal_arn",
                "principal_type", "user_name", "session_name", "access_key_id", "source_ips", "sources", "user_agents",
                "event_names", "evidence", "mitre", "explanation", "event_ids", "late");
        assertThat(n.get("severity").asText()).isEqualTo("medium");
        assertThat(n.get("time").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(n.get("source_ips")).extracting(JsonNode::asText).containsExactly("035.249.253.232", "198.51.100.7");
        assertThat(n.get("sources").get(0).get("network_class").asText()).isEqualTo(NetworkClass.UNKNOWN.label());
        assertThat(n.get("sources").get(0).get("asn").isNull()).isTrue();
    }

    @Test
    void sourcesCarryTheirEnrichment() throws Exception {
        JsonNode n = FindingJson.MAPPER.readTree(FindingJson.toJson(finding(),
                ip -> new SourceInfo(ip, NetworkClass.HOSTING, true, "NL", "Amsterdam", 60781, "LeaseWeb")));
        assertThat(n.get("sources").get(1).toString()).isEqualTo(
                "{\"ip\":\"198.51.100.7\",\"country\":\"NL\",\"city\":\"Amsterdam\",\"asn\":60781,\"as_org\":\"LeaseWeb\","
                        + "\"network_class\":\"hosting\"}");
    }

    @Test
    void controlCharactersEscapeSequencesAndBidiOverridesAreWrittenEscaped() throws Exception {
        String json = FindingJson.toJson(finding(), new BasicSourceEnricher());
        assertThat(json.chars().filter(c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)))
                .as("raw control characters in %s", json).isEmpty();
        assertThat(json).contains("\\u001B[2J").contains("\\u009b31m").contains("\\u007F").contains("\\u202egnp");
        JsonNode n = FindingJson.MAPPER.readTree(json);
        assertThat(n.get("user_agents").get(0).asText()).isEqualTo(HOSTILE_UA);
        assertThat(n.get("explanation").asText()).isEqualTo("x used \u001b[31mKali");
    }

    @Test
    void aFindingReadBackIsWrittenIdentically() throws Exception {
        Finding f = finding();
        String json = FindingJson.toJson(f, new BasicSourceEnricher());
        Finding r = FindingJson.read(FindingJson.MAPPER.readTree(json));
        assertThat(r.id()).isEqualTo(f.id());
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.late()).isTrue();
        assertThat(r.evidence()).containsEntry("distribution", "kali").containsKey("last_seen_before");
        assertThat(FindingJson.toJson(r, new BasicSourceEnricher())).isEqualTo(json);
    }

    @Test
    void draftNeedsACredentialATimeAndATitle() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Finding.draft("d").credential("c").time(0).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("d:");
    }
}
