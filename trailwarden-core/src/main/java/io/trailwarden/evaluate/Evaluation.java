package io.trailwarden.evaluate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailwarden.util.Text;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The result of scoring findings (and incidents) against a simulation's labels. */
public record Evaluation(List<AttackResult> attacks, int expected, int fired, List<FindingRecord> falsePositives,
                         Map<String, Integer> falsePositivesBySeverity, Map<String, Integer> falsePositivesByDetection,
                         List<TrapResult> traps, int findings, boolean incidentsGiven) {

    /** One expected detection of one attack. */
    public record Expectation(String detection, boolean fired, List<String> credentialsHit, int findings) {
    }

    /**
     * @param credentials every credential of the attack and whether any expected detection fired on it
     * @param alsoFired   other detections that fired on the attack's credentials in its window (not false positives)
     * @param ranks       per credential: its best rank among incidents by risk (1 = riskiest), 0 when it has none
     */
    public record AttackResult(String id, String type, long start, long end, List<Expectation> expectations,
                               Map<String, Boolean> credentials, Map<String, Integer> alsoFired,
                               Map<String, Integer> ranks, int incidents) {
        public long firedCount() {
            return expectations.stream().filter(Expectation::fired).count();
        }
    }

    /**
     * @param hitsBySeverity findings on the trap's credentials in its window, by severity
     * @param allowlisted    findings of a detection the trap's allowlist would silence
     * @param aboveLow       findings above low that no allowlist explains: what the trap is there to catch
     */
    public record TrapResult(String id, Map<String, Integer> hitsBySeverity, Map<String, Integer> hitsByDetection,
                             int allowlisted, int aboveLow, String allowlistAsOrg) {
    }

    public double recall() {
        return expected == 0 ? 1.0 : (double) fired / expected;
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Attacks\n");
        for (AttackResult a : attacks) {
            b.append(String.format("  %s (%s): %d of %d expected detections fired%n", a.id(), a.type(), a.firedCount(),
                    a.expectations().size()));
            for (Expectation e : a.expectations()) {
                b.append(String.format("    %-5s %-24s %s%n", e.fired() ? "yes" : "NO", e.detection(),
                        e.fired() ? e.findings() + " finding(s) on " + String.join(", ", esc(e.credentialsHit())) : ""));
            }
            if (!a.alsoFired().isEmpty()) {
                b.append("    also fired: ");
                b.append(String.join(", ", a.alsoFired().entrySet().stream()
                        .map(x -> x.getKey() + " x" + x.getValue()).toList())).append('\n');
            }
            long found = a.credentials().values().stream().filter(v -> v).count();
            b.append(String.format("    credentials detected: %d of %d", found, a.credentials().size()));
            List<String> missed = a.credentials().entrySet().stream().filter(x -> !x.getValue()).map(Map.Entry::getKey)
                    .toList();
            if (!missed.isEmpty()) {
                b.append(" (missed: ").append(String.join(", ", esc(missed))).append(')');
            }
            b.append('\n');
            if (incidentsGiven) {
                for (Map.Entry<String, Integer> r : a.ranks().entrySet()) {
                    b.append(String.format("    incident rank of %s: %s%n", Text.escapeControl(r.getKey()),
                            r.getValue() == 0 ? "no incident" : r.getValue() + " of " + a.incidents()));
                }
            }
        }
        b.append(String.format("Recall: %d of %d expected detections fired (%.1f%%)%n", fired, expected, 100 * recall()));
        b.append(String.format("False positives: %d of %d findings%n", falsePositives.size(), findings));
        b.append("  by severity: ").append(format(falsePositivesBySeverity)).append('\n');
        b.append("  by detection: ").append(format(falsePositivesByDetection)).append('\n');
        b.append("Benign traps\n");
        for (TrapResult t : traps) {
            int hits = t.hitsBySeverity().values().stream().mapToInt(Integer::intValue).sum();
            b.append(String.format("  %-28s %s%s%n", t.id(), hits == 0 ? "quiet" : hits + " finding(s): "
                    + format(t.hitsByDetection()) + " [" + format(t.hitsBySeverity()) + "]",
                    t.aboveLow() > 0 ? "  ABOVE LOW: " + t.aboveLow()
                            : t.allowlisted() > 0 ? "  (" + t.allowlisted() + " silenced by allowlisting AS org '"
                            + Text.escapeControl(t.allowlistAsOrg()) + "')" : ""));
        }
        return b.toString();
    }

    private static List<String> esc(List<String> l) {
        return l.stream().map(Text::escapeControl).toList();
    }

    private static String format(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "none";
        }
        return String.join(", ", m.entrySet().stream().map(x -> Text.escapeControl(x.getKey()) + " " + x.getValue())
                .toList());
    }

    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("expected", expected);
        g.writeNumberField("fired", fired);
        g.writeNumberField("recall", recall());
        g.writeNumberField("findings", findings);
        g.writeArrayFieldStart("attacks");
        for (AttackResult a : attacks) {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            g.writeStringField("type", a.type());
            g.writeArrayFieldStart("detections");
            for (Expectation e : a.expectations()) {
                g.writeStartObject();
                g.writeStringField("detection", e.detection());
                g.writeBooleanField("fired", e.fired());
                g.writeNumberField("findings", e.findings());
                g.writeArrayFieldStart("credentials_hit");
                for (String c : e.credentialsHit()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            map(g, "also_fired", a.alsoFired());
            g.writeObjectFieldStart("credentials_detected");
            for (Map.Entry<String, Boolean> c : a.credentials().entrySet()) {
                g.writeBooleanField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            if (incidentsGiven) {
                g.writeNumberField("incidents", a.incidents());
                g.writeObjectFieldStart("incident_rank");
                for (Map.Entry<String, Integer> r : a.ranks().entrySet()) {
                    if (r.getValue() == 0) {
                        g.writeNullField(r.getKey());
                    } else {
                        g.writeNumberField(r.getKey(), r.getValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("false_positives");
        g.writeNumberField("total", falsePositives.size());
        map(g, "by_severity", falsePositivesBySeverity);
        map(g, "by_detection", falsePositivesByDetection);
        g.writeEndObject();
        g.writeArrayFieldStart("traps");
        for (TrapResult t : traps) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            map(g, "by_severity", t.hitsBySeverity());
            map(g, "by_detection", t.hitsByDetection());
            g.writeNumberField("above_low", t.aboveLow());
            g.writeNumberField("silenced_by_allowlist", t.allowlisted());
            if (t.allowlistAsOrg() != null) {
                g.writeStringField("allowlist_as_org", t.allowlistAsOrg());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, String name, Map<String, Integer> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> x : m.entrySet()) {
            g.writeNumberField(x.getKey(), x.getValue());
        }
        g.writeEndObject();
    }
}
