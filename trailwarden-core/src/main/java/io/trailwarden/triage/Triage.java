package io.trailwarden.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.Outcome;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.History;
import io.trailwarden.profile.Profile;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.profile.Seen;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import io.trailwarden.source.ParallelDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an analyst asks first about a key, principal or IP: its usual IPs, countries, AS
 * organisations and agents (from the profiles a hunt saved), the APIs it calls, its failures, its
 * findings and, given the archive, a timeline with what was new for the principal marked.
 */
public final class Triage {

    /** One event of the timeline. */
    public record Line(long time, String principal, String accessKeyId, String eventName, String outcome,
                       String errorCode, String ip, String country, String asOrg, String agentFamily,
                       List<String> newFor) {
    }

    /** A value of a profile dimension with its use. */
    public record Usage(String value, long count, long first, long last) {
    }

    /** The profile of one principal as the state knew it. */
    public record ProfileView(String principal, long firstSeen, long lastSeen, long events,
                              Map<String, List<Usage>> dimensions) {
    }

    public record Report(Subject subject, List<ProfileView> profiles, List<Finding> findings, List<JsonNode> incidents,
                         List<Line> timeline, Map<String, Long> topApis, Map<String, Long> failedCalls,
                         long eventsMatched) {
    }

    private Triage() {
    }

    public static Report run(Subject subject, ProfileStage profiles, Path findingsFile, Path incidentsFile,
                             List<String> archive, SourceEnricher sources, UserAgentParser agents, InputStream stdin)
            throws IOException, InterruptedException {
        List<Finding> findings = readFindings(findingsFile).stream().filter(subject::matches).toList();
        List<JsonNode> incidents = new ArrayList<>();
        if (incidentsFile != null && Files.exists(incidentsFile)) {
            for (String line : Files.readAllLines(incidentsFile, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = FindingJson.MAPPER.readTree(line);
                if (n.has("superseded_by")) {
                    continue; // withdraws an incident of an earlier run; its findings are in the superseding one
                }
                boolean hit = subject.value().equals(n.path("credential").asText())
                        || subject.value().equals(n.path("principal_arn").asText());
                for (JsonNode ip : n.path("attacker_ips")) {
                    hit |= subject.value().equals(ip.path("ip").asText());
                }
                if (hit) {
                    incidents.add(n);
                }
            }
        }
        // which principals the subject stands for: from the findings, then from the archive
        java.util.Set<String> principalKeys = new java.util.TreeSet<>();
        List<Line> timeline = new ArrayList<>();
        Map<String, Long> apis = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        long[] matched = {0};
        if (!archive.isEmpty()) {
            // Every event feeds a replayed profile stage (files come in time order), so "new for the
            // principal" is judged on everything the principal did; only the subject's events are kept.
            ProfileStage replay = new ProfileStage(Long.MAX_VALUE / 4);
            Map<String, UserAgentInfo> agentCache = new java.util.HashMap<>();
            InputProblems quiet = new InputProblems() {
                @Override
                public void malformedFile(String path, String position, String error) {
                }

                @Override
                public void skippedRecord(String path, String position, String error) {
                }
            };
            InputPlan plan = InputPlan.of(archive, InputSelection.ALL, new CloudTrailFileReader(quiet, stdin));
            try (ParallelDecoder d = new ParallelDecoder(Runtime.getRuntime().availableProcessors(), quiet, stdin)) {
                ParallelDecoder.Sink sink = new ParallelDecoder.Sink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        boolean hit = subject.matches(e);
                        SourceInfo s = sources.enrich(e.sourceIp());
                        UserAgentInfo a = agentCache.computeIfAbsent(e.userAgent() == null ? "" : e.userAgent(),
                                agents::parse);
                        History h = replay.observe(e, s, a);
                        if (!hit) {
                            return;
                        }
                        principalKeys.add(e.principal().profileKey());
                        matched[0]++;
                        List<String> news = new ArrayList<>();
                        if (h.principalFirstSeen() != History.NEVER) {
                            for (Dimension dim : new Dimension[] {Dimension.IP, Dimension.COUNTRY, Dimension.AS_ORG,
                                    Dimension.AGENT_FAMILY, Dimension.API}) {
                                if (h.isNeverSeen(dim) && valueOf(dim, e, s, a) != null) {
                                    news.add(dim.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                                }
                            }
                        }
                        apis.merge(e.eventName(), 1L, Long::sum);
                        if (e.outcome() != Outcome.SUCCESS) {
                            failed.merge(e.eventName() + " " + (e.errorCode() == null ? "Failure" : e.errorCode()),
                                    1L, Long::sum);
                        }
                        timeline.add(new Line(e.time(), e.principal().arn() == null ? e.principal().key()
                                : e.principal().arn(), e.accessKeyId(), e.eventName(),
                                e.outcome().name().toLowerCase(java.util.Locale.ROOT), e.errorCode(), e.sourceIp(),
                                s.country(), s.asOrg(), a.family(), List.copyOf(news)));
                    }

                    @Override
                    public void fileDone(InputFile file, long records) {
                    }
                };
                d.decode(plan, sink); // one day of files listed ahead, not the whole list
            }
            timeline.sort(Comparator.comparingLong(Line::time));
        }
        for (Finding f : findings) {
            if (f.principalArn() != null) {
                for (Profile p : profiles.all()) {
                    if (p.key().equals(f.principalArn()) || p.key().endsWith(":" + tail(f.principalArn()))
                            || p.key().contains(":" + tail(f.principalArn()) + "/")) {
                        principalKeys.add(p.key());
                    }
                }
            }
        }
        if (subject.kind() == Subject.Kind.PRINCIPAL) {
            for (Profile p : profiles.all()) {
                if (p.key().equals(subject.value())) {
                    principalKeys.add(p.key());
                }
            }
        }
        List<ProfileView> views = new ArrayList<>();
        for (String k : principalKeys) {
            Profile p = profiles.get(k);
            if (p != null) {
                views.add(view(p));
            }
        }
        Map<String, Long> topApis = top(apis, 15);
        return new Report(subject, views, findings, incidents, timeline, topApis, top(failed, 15), matched[0]);
    }

    private static String tail(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String valueOf(Dimension d, CloudTrailEvent e, SourceInfo s, UserAgentInfo a) {
        switch (d) {
            case IP: return e.isServiceInvoked() ? null : e.sourceIp();
            case COUNTRY: return s.country();
            case AS_ORG: return s.asOrg();
            case AGENT_FAMILY: return e.isServiceInvoked() ? null : a.family();
            default: return e.eventName();
        }
    }

    static ProfileView view(Profile p) {
        Map<String, List<Usage>> dims = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            List<Usage> l = new ArrayList<>();
            for (Map.Entry<String, Seen> e : p.values(d).entrySet()) {
                Seen s = e.getValue();
                l.add(new Usage(e.getKey(), s.count(), s.first(), s.last()));
            }
            l.sort(Comparator.comparingLong(Usage::count).reversed().thenComparing(Usage::value));
            dims.put(d.name().toLowerCase(java.util.Locale.ROOT), l.size() > 10 ? l.subList(0, 10) : l);
        }
        return new ProfileView(p.key(), p.firstSeen(), p.lastSeen(), p.events(), dims);
    }

    private static Map<String, Long> top(Map<String, Long> m, int n) {
        List<Map.Entry<String, Long>> l = new ArrayList<>(m.entrySet());
        l.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(n, l.size()); i++) {
            out.put(l.get(i).getKey(), l.get(i).getValue());
        }
        return out;
    }

    /** The last line per finding_id of a findings.jsonl. */
    public static List<Finding> readFindings(Path file) throws IOException {
        Map<String, Finding> byId = new LinkedHashMap<>();
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Finding f = FindingJson.read(FindingJson.MAPPER.readTree(line));
                byId.put(f.id(), f);
            }
        }
        return new ArrayList<>(byId.values());
    }
}
