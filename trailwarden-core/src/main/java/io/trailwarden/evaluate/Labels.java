package io.trailwarden.evaluate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of a simulated archive ({@code labels.json}): each attack with its credentials, attacker
 * IPs, window and the detections that should fire on it; each benign trap the same without detections.
 */
public record Labels(long seed, double scale, int days, long start, long end, long events, long files,
                     List<Entry> attacks, List<Entry> traps) {

    /** A person's sessions on a shared role (SSO): the role ARN and the session name. */
    public record SessionRef(String principalArn, String sessionName) {
    }

    /**
     * One attack or trap.
     *
     * @param notExpected           detections that the scenario touches but should not fire, and why
     * @param allowlistAsOrg        for a trap: the AS organisation whose allowlisting silences it
     * @param firesUntilAllowlisted for a trap: detections above low expected to fire until that allowlisting
     */
    public record Entry(String id, String type, String description, List<String> accessKeys,
                        List<String> principalArns, List<SessionRef> sessions, List<String> credentials,
                        List<String> ips, long start, long end, List<String> detections,
                        Map<String, String> notExpected, String allowlistAsOrg, List<String> firesUntilAllowlisted,
                        long events) {

        /** Whether a finding's identity fields name this entry's credentials. */
        public boolean matchesIdentity(String credential, String accessKeyId, String principalArn, String sessionName) {
            if (accessKeyId != null && accessKeys.contains(accessKeyId)) {
                return true;
            }
            if (credential != null && (credentials.contains(credential) || accessKeys.contains(credential)
                    || principalArns.contains(credential))) {
                return true;
            }
            if (principalArn != null && principalArns.contains(principalArn)) {
                return true;
            }
            if (principalArn != null && sessionName != null) {
                for (SessionRef s : sessions) {
                    if (s.principalArn().equals(principalArn) && s.sessionName().equals(sessionName)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("generator", "trailwarden simulate");
            g.writeNumberField("seed", seed);
            g.writeNumberField("scale", scale);
            g.writeNumberField("days", days);
            g.writeStringField("start", Times.iso(start));
            g.writeStringField("end", Times.iso(end));
            g.writeNumberField("events", events);
            g.writeNumberField("files", files);
            g.writeArrayFieldStart("attacks");
            for (Entry e : attacks) {
                entry(g, e, true);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("traps");
            for (Entry e : traps) {
                entry(g, e, false);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void entry(JsonGenerator g, Entry e, boolean attack) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("type", e.type());
        g.writeStringField("description", e.description());
        strings(g, "access_keys", e.accessKeys());
        strings(g, "principal_arns", e.principalArns());
        g.writeArrayFieldStart("sessions");
        for (SessionRef s : e.sessions()) {
            g.writeStartObject();
            g.writeStringField("principal_arn", s.principalArn());
            g.writeStringField("session_name", s.sessionName());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "credentials", e.credentials());
        strings(g, attack ? "attacker_ips" : "ips", e.ips());
        // Windows are widened to whole seconds: records carry second-precision eventTimes, so a window kept in
        // milliseconds would leave the attack's first event just before its own start.
        g.writeStringField("start", Times.iso(Math.floorDiv(e.start(), Times.SECOND) * Times.SECOND));
        g.writeStringField("end", Times.iso(-Math.floorDiv(-e.end(), Times.SECOND) * Times.SECOND));
        g.writeNumberField("events", e.events());
        if (attack) {
            strings(g, "detections", e.detections());
        }
        if (!e.notExpected().isEmpty()) {
            g.writeObjectFieldStart("not_expected");
            for (Map.Entry<String, String> x : e.notExpected().entrySet()) {
                g.writeStringField(x.getKey(), x.getValue());
            }
            g.writeEndObject();
        }
        if (e.allowlistAsOrg() != null) {
            g.writeObjectFieldStart("allowlist");
            g.writeStringField("as_org", e.allowlistAsOrg());
            strings(g, "silences", e.firesUntilAllowlisted());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    public static Labels read(Path file) throws IOException {
        JsonNode n = MAPPER.readTree(file.toFile());
        if (n == null || !n.isObject() || !n.has("attacks")) {
            throw new IOException(file + ": not a labels file (no \"attacks\")");
        }
        return new Labels(n.path("seed").asLong(), n.path("scale").asDouble(), n.path("days").asInt(),
                time(n, "start"), time(n, "end"), n.path("events").asLong(), n.path("files").asLong(),
                entries(n.path("attacks"), true), entries(n.path("traps"), false));
    }

    private static List<Entry> entries(JsonNode arr, boolean attack) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : arr) {
            List<SessionRef> sessions = new ArrayList<>();
            for (JsonNode s : e.path("sessions")) {
                sessions.add(new SessionRef(s.path("principal_arn").asText(), s.path("session_name").asText()));
            }
            Map<String, String> notExpected = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = e.path("not_expected").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> x = it.next();
                notExpected.put(x.getKey(), x.getValue().asText());
            }
            JsonNode allow = e.path("allowlist");
            out.add(new Entry(e.path("id").asText(), e.path("type").asText(), e.path("description").asText(null),
                    strings(e.path("access_keys")), strings(e.path("principal_arns")), sessions,
                    strings(e.path("credentials")), strings(e.path(attack ? "attacker_ips" : "ips")),
                    time(e, "start"), time(e, "end"), strings(e.path("detections")), notExpected,
                    allow.isMissingNode() ? null : allow.path("as_org").asText(null), strings(allow.path("silences")),
                    e.path("events").asLong()));
        }
        return out;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : arr) {
            out.add(v.asText());
        }
        return out;
    }

    private static long time(JsonNode n, String field) {
        String s = n.path(field).asText(null);
        long t = Times.parseEventTime(s);
        return t;
    }
}
