package io.trailwarden.incident;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One incident per line in {@code incidents.jsonl}. */
public final class IncidentJson {
    private IncidentJson() {
    }

    public static String toJson(Incident i, SourceEnricher sources) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FindingJson.MAPPER.getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("incident_id", i.id());
            g.writeStringField("credential", i.credential());
            g.writeStringField("principal_arn", i.principalArn());
            g.writeStringField("account_id", i.accountId());
            g.writeStringField("first_time", Times.iso(i.firstTime()));
            g.writeStringField("last_time", Times.iso(i.lastTime()));
            g.writeNumberField("risk_score", i.risk());
            g.writeNumberField("risk_sum", i.riskSum());
            g.writeNumberField("finding_count", i.findings().size());
            g.writeArrayFieldStart("findings");
            for (Finding f : i.findings()) {
                g.writeStartObject();
                g.writeStringField("finding_id", f.id());
                g.writeStringField("detection", f.detection());
                g.writeStringField("severity", f.severity().label());
                g.writeNumberField("risk_score", f.risk());
                g.writeStringField("time", Times.iso(f.time()));
                g.writeStringField("title", f.title());
                g.writeStringField("explanation", f.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("attacker_ips");
            for (String ip : i.attackerIps()) {
                FindingJson.writeSource(g, sources.enrich(ip));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("related_credentials");
            for (Incident.Related r : i.relatedCredentials()) {
                g.writeStartObject();
                g.writeStringField("credential", r.credential());
                g.writeStringField("principal_arn", r.principalArn());
                FindingJson.writeStrings(g, "shared_ips", r.sharedIps());
                FindingJson.writeStrings(g, "shared_user_agents", r.sharedUserAgents());
                FindingJson.writeStrings(g, "shared_rare_apis", r.sharedRareApis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * The line that withdraws an incident an earlier run wrote: a later run's findings regrouped its findings
     * (one before its first time starts the incident earlier), and {@code superseded_by} now holds them.
     */
    public static String superseded(IncidentResume.Superseded s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FindingJson.MAPPER.getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("incident_id", s.id());
            g.writeStringField("credential", s.credential());
            g.writeStringField("superseded_by", s.supersededBy());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
