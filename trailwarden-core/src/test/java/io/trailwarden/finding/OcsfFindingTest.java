package io.trailwarden.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcsfFindingTest {
    private static final long T0 = Times.parseUserTime("2024-03-01T10:00:00Z");
    private static final String HOSTILE_UA = "aws-cli/1.22.34 \"},\"severity_id\":1,\"x\":{\"a\":\"\n"
            + "second line\r\u0000\u0007\u001b[2J\u001b]0;owned\u0007 \u009b31m \u007f \u202egnp.exe \\ end";

    /** Enriches public addresses as a hosting provider in Amsterdam, like the MaxMind-backed enricher would. */
    private static final SourceEnricher LEASEWEB = ip -> ip.endsWith(".amazonaws.com")
            ? new SourceInfo(ip, NetworkClass.AWS_SERVICE, false, null, null, 0, null)
            : new SourceInfo(ip, NetworkClass.HOSTING, true, "NL", "Amsterdam", 60781, "LeaseWeb");

    private static Finding.Draft draft() {
        return Finding.draft("multi-key-recon").credential("ASIAXYZ").subject("recon").title("Recon from a new host")
                .severity(Severity.HIGH).risk(73).time(T0).lastTime(T0 + 5 * Times.MINUTE).count(4)
                .accountId("111122223333").principalArn("arn:aws:sts::111122223333:assumed-role/dev/alice")
                .principalType("AssumedRole").userName("dev").sessionName("alice").accessKeyId("ASIAXYZ")
                .sourceIp("198.51.100.7").sourceIp("ec2.amazonaws.com").userAgent("Boto3/1.34.0")
                .eventName("ListUsers").eventName("GetCallerIdentity").evidence("distinct_apis", 12L)
                .evidence("baseline_days", 30L).mitre("T1087.004", "T1078.004")
                .explanation("dev/alice listed users from 198.51.100.7, never seen in 30 days").eventId("e1").eventId("e2");
    }

    private static JsonNode read(String json) throws Exception {
        return FindingJson.MAPPER.readTree(json);
    }

    @Test
    void aRepresentativeFindingBecomesADetectionFindingCreate() throws Exception {
        Finding f = draft().build();
        JsonNode n = read(OcsfFinding.toJson(f, false, LEASEWEB));
        assertThat(n.get("category_uid").asInt()).isEqualTo(2);
        assertThat(n.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(n.get("activity_id").asInt()).isEqualTo(1);
        assertThat(n.get("activity_name").asText()).isEqualTo("Create");
        assertThat(n.get("type_uid").asLong()).isEqualTo(200401);
        assertThat(n.get("time").asLong()).isEqualTo(T0);
        assertThat(n.get("end_time").asLong()).isEqualTo(T0 + 5 * Times.MINUTE);
        assertThat(n.get("count").asLong()).isEqualTo(4);
        assertThat(n.get("severity_id").asInt()).isEqualTo(4);
        assertThat(n.get("severity").asText()).isEqualTo("High");
        assertThat(n.get("risk_score").asInt()).isEqualTo(73);
        assertThat(n.get("status_id").asInt()).isEqualTo(1);
        assertThat(n.get("metadata").get("version").asText()).isEqualTo("1.1.0");
        assertThat(n.get("metadata").get("uid").asText()).isEqualTo(f.id());
        assertThat(n.get("metadata").get("product").get("name").asText()).isEqualTo("Trailwarden");
        assertThat(n.get("metadata").get("product").get("vendor_name").asText()).isEqualTo("Trailwarden");

        JsonNode info = n.get("finding_info");
        assertThat(info.get("uid").asText()).isEqualTo(f.id());
        assertThat(info.get("title").asText()).isEqualTo("Recon from a new host");
        assertThat(info.get("desc").asText()).isEqualTo(f.explanation());
        assertThat(info.get("types")).extracting(JsonNode::asText).containsExactly("multi-key-recon");
        assertThat(info.get("analytic").toString()).isEqualTo(
                "{\"uid\":\"multi-key-recon\",\"name\":\"multi-key-recon\",\"type_id\":1,\"type\":\"Rule\"}");
        assertThat(info.get("first_seen_time").asLong()).isEqualTo(T0);
        assertThat(info.get("last_seen_time").asLong()).isEqualTo(T0 + 5 * Times.MINUTE);
        assertThat(info.get("attacks")).hasSize(2);
        assertThat(info.get("attacks").get(0).toString()).isEqualTo("{\"technique\":{\"uid\":\"T1087.004\","
                + "\"name\":\"Account Discovery: Cloud Account\"},\"tactic\":{\"uid\":\"TA0007\",\"name\":\"Discovery\"}}");
        assertThat(info.get("attacks").get(1).get("technique").get("uid").asText()).isEqualTo("T1078.004");
        assertThat(info.get("attacks").get(1).has("tactic")).as("Valid Accounts has four tactics").isFalse();
        assertThat(info.get("related_events")).extracting(e -> e.get("uid").asText()).containsExactly("e1", "e2");

        JsonNode user = n.get("actor").get("user");
        assertThat(user.get("uid").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/alice");
        assertThat(user.get("name").asText()).isEqualTo("dev");
        assertThat(user.get("type_id").asInt()).isEqualTo(99);
        assertThat(user.get("type").asText()).isEqualTo("AssumedRole");
        assertThat(user.get("credential_uid").asText()).isEqualTo("ASIAXYZ");
        assertThat(user.get("account").get("uid").asText()).isEqualTo("111122223333");
        assertThat(n.get("cloud").toString()).isEqualTo("{\"provider\":\"AWS\",\"account\":{\"uid\":\"111122223333\"}}");

        assertThat(n.get("evidences")).hasSize(2);
        assertThat(n.get("evidences").get(0).get("src_endpoint").toString()).isEqualTo("{\"ip\":\"198.51.100.7\","
                + "\"location\":{\"country\":\"NL\",\"city\":\"Amsterdam\"},"
                + "\"autonomous_system\":{\"number\":60781,\"name\":\"LeaseWeb\"}}");
        assertThat(n.get("evidences").get(1).get("src_endpoint").toString())
                .isEqualTo("{\"hostname\":\"ec2.amazonaws.com\"}");

        JsonNode un = n.get("unmapped");
        assertThat(un.get("session_name").asText()).isEqualTo("alice");
        assertThat(un.get("principal_type").asText()).isEqualTo("AssumedRole");
        assertThat(un.get("user_agents")).extracting(JsonNode::asText).containsExactly("Boto3/1.34.0");
        assertThat(un.get("event_names")).extracting(JsonNode::asText).containsExactly("GetCallerIdentity", "ListUsers");
        assertThat(un.get("evidence").toString()).isEqualTo("{\"distinct_apis\":12,\"baseline_days\":30}");
        assertThat(un.get("sources").get(0).get("network_class").asText()).isEqualTo("hosting");
    }

    @Test
    void severitiesMapToOcsfSeverityIdsAndTheirCaptions() throws Exception {
        int[] expected = {2, 3, 4, 5};
        String[] captions = {"Low", "Medium", "High", "Critical"};
        for (Severity s : Severity.values()) {
            JsonNode n = read(OcsfFinding.toJson(draft().severity(s).build(), false, LEASEWEB));
            assertThat(n.get("severity_id").asInt()).as(s.label()).isEqualTo(expected[s.ordinal()]);
            assertThat(n.get("severity").asText()).isEqualTo(captions[s.ordinal()]);
        }
    }

    @Test
    void aFindingUpdatedWhenItsSuppressionWindowClosesGivesAnUpdateLineWithTheSameUid() throws Exception {
        List<String> lines = new ArrayList<>();
        FindingTracker t = new FindingTracker(Times.HOUR, List.of(), LEASEWEB,
                (f, update) -> lines.add(OcsfFinding.toJson(f, update, LEASEWEB)));
        t.emit(draft().count(1).lastTime(T0));
        t.emit(draft().count(1).time(T0 + 20 * Times.MINUTE).lastTime(T0 + 20 * Times.MINUTE).eventId("e3")
                .sourceIp("203.0.113.9"));
        t.advance(T0 + 2 * Times.HOUR);
        assertThat(lines).hasSize(2);
        JsonNode created = read(lines.get(0));
        JsonNode updated = read(lines.get(1));
        assertThat(created.get("activity_id").asInt()).isEqualTo(1);
        assertThat(created.get("type_uid").asLong()).isEqualTo(200401);
        assertThat(updated.get("activity_id").asInt()).isEqualTo(2);
        assertThat(updated.get("activity_name").asText()).isEqualTo("Update");
        assertThat(updated.get("type_uid").asLong()).isEqualTo(200402);
        assertThat(updated.get("finding_info").get("uid").asText()).isEqualTo(created.get("finding_info").get("uid").asText());
        assertThat(updated.get("metadata").get("uid").asText()).isEqualTo(created.get("metadata").get("uid").asText());
        assertThat(updated.get("time").asLong()).isEqualTo(T0);
        assertThat(updated.get("count").asLong()).isEqualTo(2);
        assertThat(updated.get("finding_info").get("last_seen_time").asLong()).isEqualTo(T0 + 20 * Times.MINUTE);
        assertThat(updated.get("evidences")).hasSize(3);
        assertThat(updated.get("finding_info").get("related_events")).hasSize(3);
    }

    @Test
    void aHostileUserAgentStaysOneValidJsonLineWithItsExactValue() throws Exception {
        String hostileSession = "s\"e\ns\u001b[31m";
        Finding f = draft().userAgent(HOSTILE_UA).sessionName(hostileSession).explanation("x used " + HOSTILE_UA).build();
        String json = OcsfFinding.toJson(f, false, LEASEWEB);
        assertThat(json).doesNotContain("\n").doesNotContain("\r");
        assertThat(json.chars().filter(c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)))
                .as("raw control characters in %s", json).isEmpty();
        JsonNode n = read(json);
        assertThat(n.get("severity_id").asInt()).as("the user agent cannot inject fields").isEqualTo(4);
        assertThat(n.get("unmapped").get("user_agents")).extracting(JsonNode::asText).contains(HOSTILE_UA);
        assertThat(n.get("unmapped").get("session_name").asText()).isEqualTo(hostileSession);
        assertThat(n.get("finding_info").get("desc").asText()).isEqualTo("x used " + HOSTILE_UA);
        assertThat(n.has("x")).isFalse();
    }

    @Test
    void aSourceThatIsNoAddressIsKeptUnmappedNotWrittenAsAnIp() throws Exception {
        Finding f = Finding.draft("offensive-user-agent").credential("AKIAX").title("t").time(T0)
                .sourceIp("035.249.253.232").build();
        JsonNode n = read(OcsfFinding.toJson(f, false, new BasicSourceEnricher()));
        assertThat(n.get("evidences")).isEmpty();
        assertThat(n.get("unmapped").get("sources").get(0).get("value").asText()).isEqualTo("035.249.253.232");
        assertThat(n.get("unmapped").get("sources").get(0).get("network_class").asText()).isEqualTo("unknown");
    }

    @Test
    void ipLiteralsAreRecognisedWithoutResolvingNames() {
        assertThat(OcsfFinding.isIpLiteral("198.51.100.7")).isTrue();
        assertThat(OcsfFinding.isIpLiteral("2001:db8::1")).isTrue();
        assertThat(OcsfFinding.isIpLiteral("::ffff:198.51.100.7")).isTrue();
        assertThat(OcsfFinding.isIpLiteral("035.249.253.232")).isFalse();
        assertThat(OcsfFinding.isIpLiteral("256.1.1.1")).isFalse();
        assertThat(OcsfFinding.isIpLiteral("ec2.amazonaws.com")).isFalse();
        assertThat(OcsfFinding.isIpLiteral("AWS Internal")).isFalse();
        assertThat(OcsfFinding.isIpLiteral("1.2.3")).isFalse();
    }

    @Test
    void theSameFindingIsWrittenByteIdentically() {
        assertThat(OcsfFinding.toJson(draft().build(), true, LEASEWEB))
                .isEqualTo(OcsfFinding.toJson(draft().build(), true, LEASEWEB));
    }
}
