package io.trailwarden.incident;

import static io.trailwarden.incident.IncidentBuilder.SPAN;
import static io.trailwarden.incident.IncidentBuilder.idOf;
import static io.trailwarden.incident.IncidentBuilder.incidents;
import static io.trailwarden.incident.IncidentBuilder.scan;

import io.trailwarden.incident.IncidentBuilder.Group;
import io.trailwarden.finding.Finding;
import io.trailwarden.profile.ProfileStage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Incidents of a run that continues a {@code --state}: the findings the state carried and this run's are grouped
 * as one hunt over all the runs would group them; only incidents new or changed since the carry are written, and
 * what the next snapshot carries is computed here. The decisions (how late a finding may be, withdrawn ids) are
 * in docs/state.md.
 */
public final class IncidentResume {
    private IncidentResume() {
    }

    /**
     * How late a finding may be, relative to the watermark the previous run ended at, and still be grouped
     * and related exactly as one hunt over both runs' data would: the built-in detections' windows (an hour
     * at most) stamp a finding with its window's first event, and late events are rarely a day late.
     */
    public static final long LATE_TOLERANCE = SPAN;

    /** An incident of an earlier run whose findings this run regrouped under another id. */
    public record Superseded(String id, String credential, String supersededBy) {
    }

    /**
     * The incidents of a run that continues a state.
     *
     * @param incidents  every incident of the carried and this run's findings, ranked
     * @param changed    those new or changed since the carry was saved (this run writes them), ranked
     * @param lines      the JSON lines of {@code changed}, then one line per superseded incident
     * @param superseded the carried incidents that no longer exist: this run's findings regrouped them
     * @param carry      what the next snapshot keeps
     */
    public record Resumed(List<Incident> incidents, List<Incident> changed, List<String> lines,
                          List<Superseded> superseded, IncidentCarry carry) {
    }

    /**
     * Builds the incidents of a run from the findings an earlier run's state carried and this run's, so that
     * taking the last line of each incident id over the runs gives the incidents of one hunt over all of them.
     *
     * @param carry      what the state carried ({@link IncidentCarry#EMPTY} without one)
     * @param thisRun    the latest version of every finding this run wrote or still holds open, in the order
     *                   they were first written; a carried finding with the same id is replaced by it
     * @param stillOpen  ids of the findings whose suppression windows are still open (they may still change)
     * @param render     an incident's JSON line (what is compared with the carried digest)
     * @param watermark  the watermark the run ended at (what the state saves)
     */
    public static Resumed resume(IncidentCarry carry, Collection<Finding> thisRun, Set<String> stillOpen,
                                 ProfileStage profiles, Predicate<String> isPublicIp, Function<Incident, String> render,
                                 long watermark) {
        Map<String, Finding> latest = new LinkedHashMap<>();
        for (Finding f : carry.findings()) {
            latest.put(f.id(), f);
        }
        Set<String> touched = new HashSet<>();
        for (Finding f : thisRun) {
            latest.put(f.id(), f);
            touched.add(f.id());
        }
        List<Finding> all = new ArrayList<>(latest.values());

        // what forms incidents: the carried incidents' findings and this run's; older carried findings only
        // relate other credentials
        Map<String, List<Finding>> input = new TreeMap<>();
        for (Finding f : all) {
            IncidentCarry.Credential c = carry.credentials().get(f.credential());
            if (touched.contains(f.id()) || c != null && f.time() >= c.membersFrom()) {
                input.computeIfAbsent(f.credential(), k -> new ArrayList<>()).add(f);
            }
        }
        List<Group> groups = new ArrayList<>();
        Map<String, List<Group>> mainGroups = new TreeMap<>();
        Map<String, List<Group>> groupsOf = new HashMap<>();
        for (Map.Entry<String, List<Finding>> e : input.entrySet()) {
            IncidentCarry.Credential c = carry.credentials().get(e.getKey());
            // a finding before the end of an incident that aged out of the state belongs to an incident the
            // state no longer holds: such findings form incidents of their own and leave the sequence alone
            long agedEnd = c == null || c.anchor() == Long.MIN_VALUE ? Long.MIN_VALUE : c.anchor() + SPAN;
            List<Finding> aged = new ArrayList<>();
            List<Finding> main = new ArrayList<>();
            for (Finding f : e.getValue()) {
                (f.time() < agedEnd ? aged : main).add(f);
            }
            List<Group> agedGroups = scan(e.getKey(), aged);
            List<Group> mainOfCredential = scan(e.getKey(), main);
            groups.addAll(agedGroups);
            groups.addAll(mainOfCredential);
            mainGroups.put(e.getKey(), mainOfCredential);
            List<Group> both = new ArrayList<>(agedGroups);
            both.addAll(mainOfCredential);
            groupsOf.put(e.getKey(), both);
        }
        List<Incident> incidents = incidents(groups, all, profiles, isPublicIp);

        Map<String, String> digests = new HashMap<>();
        List<Incident> changed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Map<String, IncidentCarry.Emitted> before = new TreeMap<>();
        for (IncidentCarry.Credential c : carry.credentials().values()) {
            for (IncidentCarry.Emitted e : c.incidents()) {
                before.put(e.id(), e);
            }
        }
        for (Incident i : incidents) {
            String line = render.apply(i);
            String digest = digest(line);
            digests.put(i.id(), digest);
            IncidentCarry.Emitted was = before.get(i.id());
            if (was == null || !was.digest().equals(digest)) {
                changed.add(i);
                lines.add(line);
            }
        }
        List<Superseded> superseded = new ArrayList<>();
        for (IncidentCarry.Credential c : carry.credentials().values()) {
            for (IncidentCarry.Emitted e : c.incidents()) {
                if (!digests.containsKey(e.id())) {
                    superseded.add(new Superseded(e.id(), c.credential(),
                            successor(groupsOf.getOrDefault(c.credential(), List.of()), e.firstTime())));
                }
            }
        }
        superseded.sort(Comparator.comparing(Superseded::id));
        for (Superseded s : superseded) {
            lines.add(IncidentJson.superseded(s));
        }
        return new Resumed(incidents, changed, lines, superseded,
                nextCarry(carry, all, mainGroups, digests, stillOpen, watermark));
    }

    /** The id of the group that now holds the findings at {@code firstTime}, or of the group before it. */
    private static String successor(List<Group> groups, long firstTime) {
        Group best = null;
        for (Group g : groups) {
            if (g.findings().stream().anyMatch(f -> f.time() == firstTime)) {
                return idOf(g.credential(), g.start());
            }
            if (g.start() <= firstTime && (best == null || g.start() > best.start())) {
                best = g;
            }
        }
        return best == null ? null : idOf(best.credential(), best.start());
    }

    /**
     * Keeps, per credential, its incidents from the first that may still change: it starts less than
     * {@code SPAN + LATE_TOLERANCE} before the watermark (a finding up to {@code LATE_TOLERANCE} late could
     * still join it or start an incident before it), or holds a finding whose suppression window is open.
     * Every later incident is kept too, since a finding before one regroups all that follow. Besides those,
     * every finding from {@code SPAN} before the earliest kept incident (or before the earliest incident a
     * finding up to {@code LATE_TOLERANCE} late could start) is kept to relate other credentials.
     */
    private static IncidentCarry nextCarry(IncidentCarry carry, List<Finding> all, Map<String, List<Group>> mainGroups,
                                           Map<String, String> digests, Set<String> stillOpen, long watermark) {
        long groupHorizon = minus(watermark, SPAN + LATE_TOLERANCE);
        long evidenceHorizon = minus(groupHorizon, SPAN);
        Map<String, IncidentCarry.Credential> credentials = new TreeMap<>();
        for (Map.Entry<String, List<Group>> e : mainGroups.entrySet()) {
            List<Group> gs = e.getValue();
            int from = -1;
            for (int j = 0; j < gs.size() && from < 0; j++) {
                Group g = gs.get(j);
                if (g.start() >= groupHorizon || g.findings().stream().anyMatch(f -> stillOpen.contains(f.id()))) {
                    from = j;
                }
            }
            if (from < 0) {
                continue;
            }
            IncidentCarry.Credential was = carry.credentials().get(e.getKey());
            long anchor = from > 0 ? gs.get(from - 1).start() : was == null ? Long.MIN_VALUE : was.anchor();
            List<IncidentCarry.Emitted> kept = new ArrayList<>();
            for (Group g : gs.subList(from, gs.size())) {
                String id = idOf(g.credential(), g.start());
                kept.add(new IncidentCarry.Emitted(id, g.start(), digests.get(id)));
            }
            long membersFrom = gs.get(from).start();
            credentials.put(e.getKey(), new IncidentCarry.Credential(e.getKey(), anchor, membersFrom, kept));
            evidenceHorizon = Math.min(evidenceHorizon, minus(membersFrom, SPAN));
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : all) {
            if (f.time() >= evidenceHorizon) {
                findings.add(f);
            }
        }
        return new IncidentCarry(findings, credentials);
    }

    private static long minus(long t, long d) {
        return t < Long.MIN_VALUE + d ? Long.MIN_VALUE : t - d;
    }

    static String digest(String line) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                b.append(String.format("%02x", h[i]));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
