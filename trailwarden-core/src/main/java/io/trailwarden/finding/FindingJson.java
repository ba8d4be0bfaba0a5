package io.trailwarden.finding;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a finding: one object per line in {@code findings.jsonl}, fields as DESIGN.md lists. */
public final class FindingJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    }

    /**
     * JSON escapes control characters below 0x20 only; findings printed with {@code --format json} or
     * read with {@code cat} must not carry DEL, the C1 controls (0x9B is a one-byte CSI) or the bidi
     * overrides either, so those are written as "backslash-u" escapes too. Readers decode them unchanged.
     */
    static final class TerminalSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch < 0xa0) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069)) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    private FindingJson() {
    }

    public static String toJson(Finding f, SourceEnricher sources) {
        StringWriter w = new StringWriter(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            write(f, g, sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void write(Finding f, JsonGenerator g, SourceEnricher sources) throws IOException {
        g.writeStartObject();
        g.writeStringField("finding_id", f.id());
        g.writeStringField("detection", f.detection());
        g.writeStringField("title", f.title());
        g.writeStringField("severity", f.severity().label());
        g.writeNumberField("risk_score", f.risk());
        g.writeStringField("time", Times.iso(f.time()));
        g.writeStringField("last_time", Times.iso(f.lastTime()));
        g.writeNumberField("count", f.count());
        g.writeStringField("credential", f.credential());
        g.writeStringField("subject", f.subject());
        g.writeStringField("account_id", f.accountId());
        g.writeStringField("principal_arn", f.principalArn());
        g.writeStringField("principal_type", f.principalType());
        g.writeStringField("user_name", f.userName());
        g.writeStringField("session_name", f.sessionName());
        g.writeStringField("access_key_id", f.accessKeyId());
        writeStrings(g, "source_ips", f.sourceIps());
        g.writeArrayFieldStart("sources");
        for (String ip : f.sourceIps()) {
            writeSource(g, sources.enrich(ip));
        }
        g.writeEndArray();
        writeStrings(g, "user_agents", f.userAgents());
        writeStrings(g, "event_names", f.eventNames());
        g.writeFieldName("evidence");
        MAPPER.writeValue(g, f.evidence());
        writeStrings(g, "mitre", f.mitre());
        g.writeStringField("explanation", f.explanation());
        writeStrings(g, "event_ids", f.eventIds());
        g.writeBooleanField("late", f.late());
        g.writeEndObject();
    }

    public static void writeSource(JsonGenerator g, SourceInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("ip", s.value());
        g.writeStringField("country", s.country());
        g.writeStringField("city", s.city());
        if (s.asn() > 0) {
            g.writeNumberField("asn", s.asn());
        } else {
            g.writeNullField("asn");
        }
        g.writeStringField("as_org", s.asOrg());
        g.writeStringField("network_class", s.networkClass().label());
        g.writeEndObject();
    }

    /** Reads a finding back (state snapshots, triage). */
    public static Finding read(JsonNode n) {
        Finding.Draft d = Finding.draft(n.path("detection").asText())
                .credential(text(n, "credential"))
                .subject(text(n, "subject"))
                .title(text(n, "title"))
                .severity(Severity.fromLabel(n.path("severity").asText("low")))
                .risk(n.path("risk_score").asInt())
                .time(Times.parseEventTime(text(n, "time")))
                .lastTime(Times.parseEventTime(text(n, "last_time")))
                .count(n.path("count").asLong(1))
                .accountId(text(n, "account_id"))
                .principalArn(text(n, "principal_arn"))
                .principalType(text(n, "principal_type"))
                .userName(text(n, "user_name"))
                .sessionName(text(n, "session_name"))
                .accessKeyId(text(n, "access_key_id"))
                .explanation(text(n, "explanation"))
                .late(n.path("late").asBoolean(false));
        n.path("source_ips").forEach(x -> d.sourceIp(x.asText()));
        n.path("user_agents").forEach(x -> d.userAgent(x.asText()));
        n.path("event_names").forEach(x -> d.eventName(x.asText()));
        n.path("event_ids").forEach(x -> d.eventId(x.asText()));
        n.path("mitre").forEach(x -> d.mitre(x.asText()));
        Map<String, Object> ev = MAPPER.convertValue(n.path("evidence"), LinkedHashMap.class);
        if (ev != null) {
            for (Iterator<Map.Entry<String, Object>> it = ev.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Object> e = it.next();
                d.evidence(e.getKey(), e.getValue());
            }
        }
        return d.build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An array field of strings, in the list's order. */
    public static void writeStrings(JsonGenerator g, String name, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
