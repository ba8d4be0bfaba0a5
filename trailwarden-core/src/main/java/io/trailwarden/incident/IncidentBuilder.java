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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** One credential's findings within 24 hours of the first, in time order. */
    record Group(String credential, List<Finding> findings) {
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
    static List<Group> scan(String credential, List<Finding> fs) {
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
    static List<Incident> incidents(List<Group> groups, List<Finding> all, ProfileStage profiles,
                                            Predicate<String> isPublicIp) {
        List<Incident> out = new ArrayList<>(groups.size());
        ProfileIndex index = ProfileIndex.of(profiles);
        FindingsByTime byTime = new FindingsByTime(all);
        for (Group g : groups) {
            out.add(withRelated(incident(g.credential(), g.findings(), index, isPublicIp), byTime, index));
        }
        out.sort(RANKING);
        return out;
    }

    private static Incident incident(String credential, List<Finding> fs, ProfileIndex profiles,
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
    private static boolean newForPrincipal(ProfileIndex profiles, Finding f, String ip) {
        for (Profile p : profiles.principal(f)) {
            Seen s = p.values(Dimension.IP).get(ip);
            if (s != null && s.first() < Times.hourStart(f.time())) {
                return false;
            }
        }
        return true;
    }

    private static Incident withRelated(Incident inc, FindingsByTime findings, ProfileIndex profiles) {
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
        for (Finding f : findings.between(from, to)) {
            if (f.credential().equals(inc.credential())) {
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
        Set<Profile> own = inc.attackerIps().isEmpty() ? Set.of() : profiles.principalsOf(inc.findings());
        for (String ip : inc.attackerIps()) {
            for (Profile p : profiles.usedIp(ip)) {
                if (p.key().equals(inc.principalArn())) {
                    continue;
                }
                Seen s = p.values(Dimension.IP).get(ip);
                if (s.last() >= from && s.first() <= to && !own.contains(p)) {
                    TreeSet<String>[] r = rel.computeIfAbsent(p.key(), k -> sets());
                    r[0].add(ip);
                    arnOf.putIfAbsent(p.key(), p.key());
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

    /**
     * The findings whose time lies in a window, in their original order (which decides, for a credential named
     * by several findings, whose principal ARN is shown): a binary search instead of a pass over every finding
     * for every incident.
     */
    static final class FindingsByTime {
        private final List<Finding> findings;
        private final long[] times;
        private final int[] order;

        FindingsByTime(List<Finding> findings) {
            this.findings = findings;
            int n = findings.size();
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.comparingLong(i -> findings.get(i).time()));
            times = new long[n];
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = idx[i];
                times[i] = findings.get(idx[i]).time();
            }
        }

        /** The findings with {@code from <= time <= to}, in list order. */
        List<Finding> between(long from, long to) {
            int lo = firstAtOrAfter(from);
            int hi = firstAtOrAfter(to == Long.MAX_VALUE ? to : to + 1);
            int[] in = Arrays.copyOfRange(order, lo, hi);
            Arrays.sort(in);
            List<Finding> out = new ArrayList<>(in.length);
            for (int i : in) {
                out.add(findings.get(i));
            }
            return out;
        }

        private int firstAtOrAfter(long t) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
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
