package io.trailwarden.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageIncidentsTest {
    @TempDir
    Path dir;

    @Test
    void aLineWithdrawingASupersededIncidentIsNotShownAsAnIncident() throws Exception {
        Path findings = Files.writeString(dir.resolve("findings.jsonl"), "");
        Path incidents = Files.writeString(dir.resolve("incidents.jsonl"), String.join("\n",
                "{\"incident_id\":\"inc-new\",\"credential\":\"AKIAMALLORY\",\"risk_score\":24.35,\"findings\":[]}",
                "{\"incident_id\":\"inc-old\",\"credential\":\"AKIAMALLORY\",\"superseded_by\":\"inc-new\"}") + "\n");
        Triage.Report r = Triage.run(new Subject(Subject.Kind.KEY, "AKIAMALLORY"), new ProfileStage(90 * Times.DAY),
                findings, incidents, List.of(), new BasicSourceEnricher(), new UserAgentParser(),
                new ByteArrayInputStream(new byte[0]));
        assertThat(r.incidents()).singleElement().satisfies(i -> assertThat(i.get("incident_id").asText()).isEqualTo("inc-new"));
    }
}
