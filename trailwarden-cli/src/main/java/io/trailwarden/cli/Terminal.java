package io.trailwarden.cli;

import io.trailwarden.engine.Hunt;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.finding.Finding;
import io.trailwarden.incident.Incident;
import io.trailwarden.util.Text;
import io.trailwarden.util.Times;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compact terminal output. Every string from an event goes through {@link Text#escapeControl}. */
final class Terminal {
    private Terminal() {
    }

    static void printIncidents(PrintStream out, List<Incident> incidents, SourceEnricher sources, int max) {
        if (incidents.isEmpty()) {
            out.println("No incidents.");
            return;
        }
        out.printf("%-4s %-6s %-5s %-22s %-44s %-20s %s%n", "RANK", "RISK", "SUM", "CREDENTIAL", "PRINCIPAL",
                "FIRST SEEN", "DETECTIONS / ATTACKER IPS");
        int rank = 0;
        for (Incident i : incidents) {
            if (++rank > max) {
                out.println("... " + (incidents.size() - max) + " more in incidents.jsonl");
                break;
            }
            Set<String> dets = new LinkedHashSet<>();
            for (Finding f : i.findings()) {
                dets.add(f.detection() + "(" + f.severity().label().charAt(0) + ")");
            }
            StringBuilder ips = new StringBuilder();
            for (String ip : i.attackerIps()) {
                SourceInfo s = sources.enrich(ip);
                if (ips.length() > 0) {
                    ips.append(", ");
                }
                ips.append(ip);
                if (s.country() != null || s.asOrg() != null) {
                    ips.append(" [").append(s.country() == null ? "?" : s.country()).append(' ')
                            .append(s.asOrg() == null ? "?" : s.asOrg()).append(']');
                }
            }
            out.printf("%-4d %-6.1f %-5d %-22s %-44s %-20s %s%n", rank, i.risk(), i.riskSum(),
                    Text.cell(i.credential(), 22), Text.cell(i.principalArn(), 44), Times.iso(i.firstTime()),
                    Text.cell(String.join(" ", dets), 120));
            if (ips.length() > 0) {
                out.printf("%-4s %-6s %-5s %-22s %-44s %-20s %s%n", "", "", "", "", "", "",
                        "from " + Text.cell(ips.toString(), 120));
            }
            if (!i.relatedCredentials().isEmpty()) {
                StringBuilder rel = new StringBuilder();
                for (Incident.Related r : i.relatedCredentials()) {
                    if (rel.length() > 0) {
                        rel.append(", ");
                    }
                    rel.append(r.credential());
                }
                out.printf("%-4s %-6s %-5s %-22s %-44s %-20s %s%n", "", "", "", "", "", "",
                        "related: " + Text.cell(rel.toString(), 120));
            }
        }
    }

    static String summary(Hunt.Result r) {
        return String.format("%d files, %,d events (%s to %s), %d findings, %d incidents, %d malformed files, "
                        + "%d records skipped, %d duplicates, %d late; %.1f s, %,d events/s; output in %s",
                r.filesRead(), r.stats().recordsDecoded, nz(Times.iso(r.stats().firstEventTime)),
                nz(Times.iso(r.stats().lastEventTime)), r.findings().size(), r.incidents().size(),
                r.malformedFiles().size(), r.stats().recordsSkipped, r.stats().duplicates, r.stats().lateEvents,
                r.wallSeconds(), r.wallSeconds() <= 0 ? 0 : Math.round(r.stats().recordsDecoded / r.wallSeconds()),
                r.outDir());
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
