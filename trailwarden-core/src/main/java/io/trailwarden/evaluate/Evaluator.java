package io.trailwarden.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores findings against a simulation's labels. A finding matches an attack when its detection is one the
 * attack expects, its credential, access key or principal (or SSO session) is one of the attack's, and its time
 * is within [start, end + 1 h]. A finding on an attack's credentials in that window from a detection the attack
 * does not list is reported as "also fired", not as a false positive: it is about the attack. Every other
 * finding is a false positive, counted by severity and detection, and attributed to the benign traps whose
 * credentials and window it falls in.
 */
public final class Evaluator {
    /** Findings up to an hour after the last attack event still count (hourly bins, suppression windows). */
    public static final long GRACE = 3_600_000L;
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    private Evaluator() {
    }

    public static Evaluation evaluate(Labels labels, List<FindingRecord> findings, List<IncidentRecord> incidents) {
        Set<String> onAttacks = new TreeSet<>();
        List<Evaluation.AttackResult> results = new ArrayList<>();
        int expected = 0;
        int fired = 0;
        List<IncidentRecord> ranked = incidents == null ? List.of() : incidents.stream()
                .sorted(Comparator.comparingDouble(IncidentRecord::riskScore).reversed()
                        .thenComparingLong(IncidentRecord::firstTime).thenComparing(IncidentRecord::id))
                .toList();
        for (Labels.Entry a : labels.attacks()) {
            List<Evaluation.Expectation> exps = new ArrayList<>();
            Map<String, Boolean> creds = new LinkedHashMap<>();
            for (String c : credentialsOf(a)) {
                creds.put(c, false);
            }
            Map<String, Integer> also = new TreeMap<>();
            for (String d : a.detections()) {
                Set<String> hit = new TreeSet<>();
                int n = 0;
                for (FindingRecord f : findings) {
                    if (d.equals(f.detection()) && inWindow(f, a) && identity(f, a)) {
                        n++;
                        onAttacks.add(f.id());
                        String c = credentialOf(f);
                        hit.add(c);
                        creds.computeIfPresent(c, (k, v) -> true);
                        if (f.accessKeyId() != null) {
                            creds.computeIfPresent(f.accessKeyId(), (k, v) -> true);
                        }
                    }
                }
                exps.add(new Evaluation.Expectation(d, n > 0, List.copyOf(hit), n));
                expected++;
                if (n > 0) {
                    fired++;
                }
            }
            for (FindingRecord f : findings) {
                if (!a.detections().contains(f.detection()) && inWindow(f, a) && identity(f, a)) {
                    also.merge(f.detection(), 1, Integer::sum);
                    onAttacks.add(f.id());
                }
            }
            Map<String, Integer> ranks = new LinkedHashMap<>();
            for (String c : creds.keySet()) {
                int rank = 0;
                for (int i = 0; i < ranked.size(); i++) {
                    IncidentRecord inc = ranked.get(i);
                    if (c.equals(inc.credential()) || c.equals(inc.accessKeyId())
                            || (inc.credential() == null && c.equals(inc.principalArn()))) {
                        rank = i + 1;
                        break;
                    }
                }
                ranks.put(c, rank);
            }
            results.add(new Evaluation.AttackResult(a.id(), a.type(), a.start(), a.end(), exps, creds, also, ranks,
                    ranked.size()));
        }
        List<FindingRecord> fps = new ArrayList<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (String s : SEVERITIES) {
            bySeverity.put(s, 0);
        }
        Map<String, Integer> byDetection = new TreeMap<>();
        Map<String, Map<String, Integer>> trapSev = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> trapDet = new LinkedHashMap<>();
        Map<String, int[]> trapCounts = new LinkedHashMap<>();
        for (Labels.Entry t : labels.traps()) {
            trapSev.put(t.id(), new TreeMap<>());
            trapDet.put(t.id(), new TreeMap<>());
            trapCounts.put(t.id(), new int[2]);
        }
        for (FindingRecord f : findings) {
            if (onAttacks.contains(f.id())) {
                continue;
            }
            fps.add(f);
            bySeverity.merge(f.severity(), 1, Integer::sum);
            byDetection.merge(f.detection(), 1, Integer::sum);
            for (Labels.Entry t : labels.traps()) {
                if (inWindow(f, t) && identity(f, t)) {
                    trapSev.get(t.id()).merge(f.severity(), 1, Integer::sum);
                    trapDet.get(t.id()).merge(f.detection(), 1, Integer::sum);
                    if (!"low".equals(f.severity())) {
                        if (t.firesUntilAllowlisted().contains(f.detection())) {
                            trapCounts.get(t.id())[0]++;
                        } else {
                            trapCounts.get(t.id())[1]++;
                        }
                    }
                }
            }
        }
        List<Evaluation.TrapResult> traps = new ArrayList<>();
        for (Labels.Entry t : labels.traps()) {
            int[] c = trapCounts.get(t.id());
            traps.add(new Evaluation.TrapResult(t.id(), trapSev.get(t.id()), trapDet.get(t.id()), c[0], c[1],
                    t.allowlistAsOrg()));
        }
        return new Evaluation(results, expected, fired, fps, bySeverity, byDetection, traps, findings.size(),
                incidents != null);
    }

    static boolean inWindow(FindingRecord f, Labels.Entry e) {
        return f.time() != Long.MIN_VALUE && f.time() >= e.start() && f.time() <= e.end() + GRACE;
    }

    static boolean identity(FindingRecord f, Labels.Entry e) {
        return e.matchesIdentity(f.credential(), f.accessKeyId(), f.principalArn(), f.sessionName());
    }

    /** The attack's credentials as findings name them: long-term keys, and roles by principal key. */
    static List<String> credentialsOf(Labels.Entry e) {
        Set<String> out = new TreeSet<>(e.accessKeys());
        for (String c : e.credentials()) {
            if (!c.startsWith("AKIA") || e.accessKeys().contains(c)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static String credentialOf(FindingRecord f) {
        if (f.credential() != null) {
            return f.credential();
        }
        return f.accessKeyId() != null ? f.accessKeyId() : f.principalArn();
    }
}
