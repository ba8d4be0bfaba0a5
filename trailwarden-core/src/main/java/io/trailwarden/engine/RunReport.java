package io.trailwarden.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** {@code run.json}: what a hunt read, skipped and found, and how fast. */
public final class RunReport {
    private RunReport() {
    }

    public static ObjectNode toJson(Hunt.Result r) {
        ObjectNode n = FindingJson.MAPPER.createObjectNode();
        RunStats s = r.stats();
        n.put("files_read", r.filesRead());
        n.put("files_skipped", r.filesSkipped());
        n.put("files_already_read", r.filesAlreadyRead());
        ArrayNode bad = n.putArray("malformed_files");
        for (Hunt.Problem p : r.malformedFiles()) {
            bad.addObject().put("path", p.path()).put("position", p.position()).put("error", p.error());
        }
        n.put("records_decoded", s.recordsDecoded);
        n.put("records_skipped", s.recordsSkipped);
        n.put("records_filtered", s.recordsFiltered);
        n.put("duplicates", s.duplicates);
        n.put("late_events", s.lateEvents);
        n.put("events_processed", s.eventsProcessed);
        n.put("first_event_time", s.eventsProcessed == 0 ? null : Times.iso(s.firstEventTime));
        n.put("last_event_time", s.eventsProcessed == 0 ? null : Times.iso(s.lastEventTime));
        n.put("accounts", s.accounts.size());
        n.put("principals", s.principals.size());
        n.put("findings", r.findings().size());
        n.put("incidents", r.incidents().size());
        ObjectNode w = n.putObject("warmup_ended");
        for (Map.Entry<String, String> e : r.warmupEnded().entrySet()) {
            w.put(e.getKey(), e.getValue());
        }
        ObjectNode sup = n.putObject("suppressed");
        for (Map.Entry<String, Long> e : r.suppressed().entrySet()) {
            sup.put(e.getKey(), e.getValue());
        }
        n.put("wall_seconds", Math.round(r.wallSeconds() * 1000) / 1000.0);
        n.put("events_per_second", r.wallSeconds() <= 0 ? 0 : Math.round(s.recordsDecoded / r.wallSeconds()));
        n.put("peak_heap_bytes", r.peakHeapBytes());
        return n;
    }

    static void write(Hunt.Result r, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), toJson(r));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
