package io.trailwarden.incident;

import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.Profile;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.profile.Seen;
import io.trailwarden.util.Times;
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
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Groups findings into incidents: one per credential, spanning 24 hours from its first finding,
 * scored by entity risk, with the attacker IPs and the credentials related to them.
 */
public final class IncidentBuilder {
    public static final long SPAN = 24 * Times.HOUR;
    static final String PREVALENCE = "rare-event-prevalence";
    static final String OFFENSIVE_UA = "offensive-user-agent";
    static final String NEW_UA = "new-user-agent";

    private IncidentBuilder() {
    }

    /**
     * @param findings  the final version of every finding
     * @param profiles  the profiles at the end of the run (for "had the principal used this IP before"),
     *                  or null
     * @param isPublicIp which source strings are public IP addresses
     */
    public static List<Incident> build(List<Finding> findings, ProfileStage profiles, Predicate<String> isPublicIp) {
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byCredential(findings).entrySet()) {
            groups.addAll(scan(e.getKey(), e.getValue()));
        }
        return incidents(groups, findings, profiles, isPublicIp);
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

    /** One credential's findings within 24 hours of the first, in time order. */
    private record Group(String credential, List<Finding> findings) {
        long start() {
            return findings.get(0).time();
        }
    }

    private static Map<String, List<Finding>> byCredential(Iterable<Finding> findings) {
        Map<String, List<Finding>> byCredential = new TreeMap<>();
        for (Finding f : findings) {
            byCredential.computeIfAbsent(f.credential(), k -> new ArrayList<>()).add(f);
        }
        return byCredential;
    }

    /** Splits one credential's findings into groups of 24 hours from each group's first finding. */
    private static List<Group> scan(String credential, List<Finding> fs) {
        fs.sort(BY_TIME);
        List<Group> out = new ArrayList<>();
        List<Finding> group = new ArrayList<>();
        long start = Long.MIN_VALUE;
        for (Finding f : fs) {
            if (!group.isEmpty() && f.time() >= start + SPAN) {
                out.add(new Group(credential, group));
                group = new ArrayList<>();
            }
            if (group.isEmpty()) {
                start = f.time();
            }
            group.add(f);
        }
        if (!group.isEmpty()) {
            out.add(new Group(credential, group));
        }
        return out;
    }

    private static final Comparator<Finding> BY_TIME = Comparator.comparingLong(Finding::time).thenComparing(Finding::id);

    private static final Comparator<Incident> RANKING = Comparator.comparingDouble(Incident::risk).reversed()
            .thenComparing(Comparator.comparingInt(Incident::riskSum).reversed())
            .thenComparingLong(Incident::firstTime).thenComparing(Incident::id);

    /** The incidents of the groups, with related credentials taken from {@code all}, ranked. */
    private static List<Incident> incidents(List<Group> groups, List<Finding> all, ProfileStage profiles,
                                            Predicate<String> isPublicIp) {
        List<Incident> out = new ArrayList<>(groups.size());
        for (Group g : groups) {
            out.add(withRelated(incident(g.credential(), g.findings(), profiles, isPublicIp), all, profiles));
        }
        out.sort(RANKING);
        return out;
    }

    private static Incident incident(String credential, List<Finding> fs, ProfileStage profiles,
                                     Predicate<String> isPublicIp) {
        int[] scores = fs.stream().mapToInt(Finding::risk).toArray();
        int sum = 0;
        for (int s : scores) {
            sum += s;
        }
        long first = fs.get(0).time();
        long last = fs.stream().mapToLong(Finding::lastTime).max().orElse(first);
        Finding top = fs.stream().max(Comparator.comparingInt(Finding::risk)).orElseThrow();
        TreeSet<String> attackerIps = new TreeSet<>();
        for (Finding f : fs) {
            if (f.severity().compareTo(Severity.MEDIUM) < 0) {
                continue;
            }
            for (String ip : f.sourceIps()) {
                if (isPublicIp.test(ip) && newForPrincipal(profiles, f, ip)) {
                    attackerIps.add(ip);
                }
            }
        }
        double risk = Math.round(EntityRisk.of(scores) * 100.0) / 100.0;
        return new Incident(idOf(credential, first), credential, top.principalArn(), top.accountId(), first, last,
                risk, sum, List.copyOf(fs), List.copyOf(attackerIps), List.of());
    }

    /** True unless the principal's profile shows the IP in use before the finding's first event. */
    private static boolean newForPrincipal(ProfileStage profiles, Finding f, String ip) {
        if (profiles == null) {
            return true;
        }
        for (Profile p : profiles.all()) {
            if (!matches(p, f)) {
                continue;
            }
            Seen s = p.values(Dimension.IP).get(ip);
            if (s != null && s.first() < Times.hourStart(f.time())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Profile p, Finding f) {
        String k = p.key();
        String arn = f.principalArn();
        if (arn == null) {
            return false;
        }
        if (k.equals(arn)) {
            return true;
        }
        // roles are keyed role:<account>:<name>[/<session>]
        int slash = arn.lastIndexOf('/');
        return k.startsWith("role:") && arn.contains(":role/") && slash > 0
                && (k.equals("role:" + f.accountId() + ":" + arn.substring(slash + 1))
                || k.startsWith("role:" + f.accountId() + ":" + arn.substring(slash + 1) + "/"));
    }

    private static Incident withRelated(Incident inc, List<Finding> findings, ProfileStage profiles) {
        long from = inc.firstTime() - SPAN;
        long to = inc.firstTime() + SPAN;
        TreeSet<String> agents = new TreeSet<>();
        TreeSet<String> rareApis = new TreeSet<>();
        for (Finding f : inc.findings()) {
            if (f.detection().equals(OFFENSIVE_UA) || f.detection().equals(NEW_UA)) {
                agents.addAll(f.userAgents());
            }
            if (f.detection().equals(PREVALENCE)) {
                rareApis.addAll(f.eventNames());
            }
        }
        Map<String, TreeSet<String>[]> rel = new TreeMap<>();
        Map<String, String> arnOf = new HashMap<>();
        for (Finding f : findings) {
            if (f.credential().equals(inc.credential()) || f.time() < from || f.time() > to) {
                continue;
            }
            TreeSet<String>[] r = rel.computeIfAbsent(f.credential(), k -> sets());
            arnOf.putIfAbsent(f.credential(), f.principalArn());
            for (String ip : f.sourceIps()) {
                if (inc.attackerIps().contains(ip)) {
                    r[0].add(ip);
                }
            }
            for (String ua : f.userAgents()) {
                if (agents.contains(ua)) {
                    r[1].add(ua);
                }
            }
            if (f.detection().equals(PREVALENCE)) {
                for (String api : f.eventNames()) {
                    if (rareApis.contains(api)) {
                        r[2].add(api);
                    }
                }
            }
        }
        if (profiles != null && !inc.attackerIps().isEmpty()) {
            for (Profile p : profiles.all()) {
                if (p.key().equals(inc.principalArn())) {
                    continue;
                }
                for (String ip : inc.attackerIps()) {
                    Seen s = p.values(Dimension.IP).get(ip);
                    if (s != null && s.last() >= from && s.first() <= to && !isIncidentPrincipal(p, inc)) {
                        TreeSet<String>[] r = rel.computeIfAbsent(p.key(), k -> sets());
                        r[0].add(ip);
                        arnOf.putIfAbsent(p.key(), p.key());
                    }
                }
            }
        }
        List<Incident.Related> related = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>[]> e : rel.entrySet()) {
            TreeSet<String>[] r = e.getValue();
            if (r[0].isEmpty() && r[1].isEmpty() && r[2].isEmpty()) {
                continue;
            }
            related.add(new Incident.Related(e.getKey(), arnOf.get(e.getKey()), List.copyOf(r[0]), List.copyOf(r[1]),
                    List.copyOf(r[2])));
        }
        // a credential seen both as its key and its principal is listed once, by key
        Map<String, Incident.Related> byArn = new LinkedHashMap<>();
        for (Incident.Related r : related) {
            Incident.Related prev = byArn.get(r.principalArn());
            if (prev == null || (r.credential().startsWith("AKIA") && !prev.credential().startsWith("AKIA"))) {
                byArn.put(r.principalArn(), prev == null ? r : merge(r, prev));
            } else {
                byArn.put(r.principalArn(), merge(prev, r));
            }
        }
        List<Incident.Related> out = new ArrayList<>(byArn.values());
        out.removeIf(r -> r.credential().equals(inc.credential()) || r.principalArn() != null
                && r.principalArn().equals(inc.principalArn()));
        out.sort(Comparator.comparingInt(Incident.Related::weight).reversed().thenComparing(Incident.Related::credential));
        return new Incident(inc.id(), inc.credential(), inc.principalArn(), inc.accountId(), inc.firstTime(),
                inc.lastTime(), inc.risk(), inc.riskSum(), inc.findings(), inc.attackerIps(), List.copyOf(out));
    }

    private static boolean isIncidentPrincipal(Profile p, Incident inc) {
        return inc.findings().stream().anyMatch(f -> matches(p, f));
    }

    private static Incident.Related merge(Incident.Related keep, Incident.Related other) {
        return new Incident.Related(keep.credential(), keep.principalArn(), union(keep.sharedIps(), other.sharedIps()),
                union(keep.sharedUserAgents(), other.sharedUserAgents()),
                union(keep.sharedRareApis(), other.sharedRareApis()));
    }

    private static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> s = new TreeSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String>[] sets() {
        return new TreeSet[] {new TreeSet<String>(), new TreeSet<String>(), new TreeSet<String>()};
    }

    static String idOf(String credential, long first) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((credential + '\u0000' + first).getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("inc-");
            for (int i = 0; i < 8; i++) {
                b.append(String.format("%02x", h[i]));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
