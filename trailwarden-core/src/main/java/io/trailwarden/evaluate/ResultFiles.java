package io.trailwarden.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.util.Times;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code findings.jsonl} (the last line of each {@code finding_id} wins: a finding updated when its
 * suppression window closes is written again) and {@code incidents.jsonl} (the last line of each
 * {@code incident_id} wins, and a {@code superseded_by} line withdraws its incident).
 */
public final class ResultFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultFiles() {
    }

    public static List<FindingRecord> readFindings(Path file) throws IOException {
        Map<String, FindingRecord> byId = new LinkedHashMap<>();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = parse(file, lineNo, line);
                FindingRecord f = finding(n, lineNo);
                byId.remove(f.id());
                byId.put(f.id(), f);
            }
        }
        return new ArrayList<>(byId.values());
    }

    static FindingRecord finding(JsonNode n, int lineNo) {
        String id = text(n, "finding_id");
        if (id == null) {
            id = "line-" + lineNo;
        }
        List<String> ips = new ArrayList<>();
        for (JsonNode ip : n.path("source_ips")) {
            ips.add(ip.asText());
        }
        long time = Times.parseEventTime(text(n, "time"));
        long last = Times.parseEventTime(text(n, "last_time"));
        return new FindingRecord(id, text(n, "detection"), text(n, "severity") == null ? "low" : text(n, "severity"),
                n.path("risk_score").asInt(), text(n, "credential"), text(n, "access_key_id"), text(n, "principal_arn"),
                text(n, "session_name"), time, last == Long.MIN_VALUE ? time : last, ips, text(n, "title"));
    }

    public static List<IncidentRecord> readIncidents(Path file) throws IOException {
        Map<String, IncidentRecord> byId = new LinkedHashMap<>();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = parse(file, lineNo, line);
                String id = text(n, "incident_id");
                if (id == null) {
                    id = "line-" + lineNo;
                }
                if (n.has("superseded_by")) {
                    // a later run regrouped this incident's findings under another id
                    byId.remove(id);
                    continue;
                }
                String first = text(n, "first_time") != null ? text(n, "first_time") : text(n, "first_activity");
                IncidentRecord i = new IncidentRecord(id, text(n, "credential"), text(n, "principal_arn"),
                        text(n, "access_key_id"), n.path("risk_score").asDouble(), Times.parseEventTime(first));
                byId.remove(id);
                byId.put(id, i);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static JsonNode parse(Path file, int lineNo, String line) throws IOException {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IOException(file + ":" + lineNo + ": not a JSON object", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
