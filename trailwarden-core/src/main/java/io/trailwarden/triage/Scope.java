package io.trailwarden.triage;

import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.Severity;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seed 004's scoping, as pure logic: given one compromised credential, which other credentials share
 * its playbook? Its pivots are taken from its own findings in the window: the <em>attacker IPs</em>
 * (public source IPs of its medium-or-higher findings), its <em>offensive or new user agents</em>
 * (user agents of its {@code offensive-user-agent} and {@code new-user-agent} findings) and its
 * <em>rare APIs</em> (subjects of its {@code rare-event-prevalence} findings). Every other credential
 * whose findings or events in the window show one of these is listed with the shared evidence,
 * ranked by how many kinds of pivot it shares, then how many values, then how much activity.
 *
 * <p>A pivot value shared by more than {@code maxCredentialsPerPivot} other credentials (a NAT, a
 * common SDK build) links nothing: it is reported in {@link Result#tooCommon()} instead. No I/O: the
 * caller reads findings (and, optionally, the archive's events) and passes them in.
 */
public final class Scope {
    public static final String OFFENSIVE_USER_AGENT = "offensive-user-agent";
    public static final String NEW_USER_AGENT = "new-user-agent";
    public static final String RARE_EVENT_PREVALENCE = "rare-event-prevalence";
    /** Default window: from a week before the credential's first finding to a day after its last. */
    public static final long DEFAULT_LOOKBACK = 7 * Times.DAY;
    public static final long DEFAULT_LOOKAHEAD = Times.DAY;
    public static final int DEFAULT_MAX_CREDENTIALS_PER_PIVOT = 25;
    static final int MAX_IDS = 10;

    /** What links two credentials. */
    public enum Pivot {
        IP("ip"), USER_AGENT("user_agent"), RARE_API("rare_api");

        private final String label;

        Pivot(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The compromised credential's pivots, each value with the detections of its findings it came from.
     */
    public record Pivots(SortedMap<String, SortedSet<String>> ips, SortedMap<String, SortedSet<String>> userAgents,
                         SortedMap<String, SortedSet<String>> rareApis) {

        public SortedMap<String, SortedSet<String>> of(Pivot p) {
            return p == Pivot.IP ? ips : p == Pivot.USER_AGENT ? userAgents : rareApis;
        }

        public boolean isEmpty() {
            return ips.isEmpty() && userAgents.isEmpty() && rareApis.isEmpty();
        }
    }

    /**
     * One pivot value another credential shares.
     *
     * @param events     its events in the window showing the value (0 without an archive)
     * @param findingIds its findings in the window showing the value (up to 10)
     * @param detections the detections of those findings
     * @param eventIds   some of those events (up to 10)
     */
    public record Shared(Pivot pivot, String value, long events, long firstTime, long lastTime,
                         List<String> findingIds, SortedSet<String> detections, List<String> eventIds) {
    }

    /**
     * Another credential linked to the compromised one.
     *
     * @param pivotKinds how many kinds of pivot (IP, user agent, rare API) it shares: the first ranking key
     */
    public record Related(String credential, String principalArn, String accessKeyId, int pivotKinds,
                          List<Shared> shared, long events, long findings, long firstTime, long lastTime) {
    }

    /**
     * @param tooCommon pivot values ({@code ip:…}, {@code user_agent:…}, {@code rare_api:…}) dropped because
     *                  more than the allowed number of other credentials share them, with that number
     */
    public record Result(String credential, long from, long to, Pivots pivots, List<Related> related,
                         SortedMap<String, Integer> tooCommon) {
    }

    private Scope() {
    }

    /** Scope with the default window (a week before the first finding to a day after the last) and cap. */
    public static Result of(String credential, Collection<Finding> findings, Collection<CloudTrailEvent> events,
                            SourceEnricher sources) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Finding f : findings) {
            if (credential.equals(f.credential())) {
                first = Math.min(first, f.time());
                last = Math.max(last, f.lastTime());
            }
        }
        if (first == Long.MAX_VALUE) {
            return new Result(credential, Long.MIN_VALUE, Long.MIN_VALUE, emptyPivots(), List.of(), new TreeMap<>());
        }
        return of(credential, findings, events, first - DEFAULT_LOOKBACK, last + DEFAULT_LOOKAHEAD, sources,
                DEFAULT_MAX_CREDENTIALS_PER_PIVOT);
    }

    /**
     * @param events  the archive's events, or null/empty to scope on findings alone
     * @param from    window start (inclusive, epoch ms)
     * @param to      window end (inclusive)
     * @param sources decides which IPs are public (attacker IPs are public IPs only)
     */
    public static Result of(String credential, Collection<Finding> findings, Collection<CloudTrailEvent> events,
                            long from, long to, SourceEnricher sources, int maxCredentialsPerPivot) {
        Pivots pivots = pivots(credential, findings, from, to, sources);
        Map<String, Acc> accs = new HashMap<>();
        if (!pivots.isEmpty()) {
            for (Finding f : findings) {
                if (credential.equals(f.credential()) || f.time() > to || f.lastTime() < from) {
                    continue;
                }
                matchFinding(f, pivots, accs);
            }
            if (events != null) {
                for (CloudTrailEvent e : events) {
                    long t = e.time();
                    if (t < from || t > to || credential.equals(e.credential())) {
                        continue;
                    }
                    matchEvent(e, pivots, accs);
                }
            }
        }
        // A value linking too many credentials links nothing.
        Map<String, Integer> sharing = new HashMap<>();
        for (Acc a : accs.values()) {
            for (String k : a.shared.keySet()) {
                sharing.merge(k, 1, Integer::sum);
            }
        }
        SortedMap<String, Integer> tooCommon = new TreeMap<>();
        for (Map.Entry<String, Integer> en : sharing.entrySet()) {
            if (en.getValue() > maxCredentialsPerPivot) {
                tooCommon.put(en.getKey(), en.getValue());
            }
        }
        List<Related> related = new ArrayList<>();
        for (Acc a : accs.values()) {
            a.shared.keySet().removeAll(tooCommon.keySet());
            if (!a.shared.isEmpty()) {
                related.add(a.toRelated());
            }
        }
        related.sort(RANKING);
        return new Result(credential, from, to, pivots, List.copyOf(related), Collections.unmodifiableSortedMap(tooCommon));
    }

    /** Most kinds shared first, then most values, then most activity; ties by credential for a stable order. */
    static final Comparator<Related> RANKING = Comparator.comparingInt(Related::pivotKinds).reversed()
            .thenComparing(Comparator.comparingInt((Related r) -> r.shared().size()).reversed())
            .thenComparing(Comparator.comparingLong((Related r) -> r.findings() + r.events()).reversed())
            .thenComparing(Related::credential);

    /** The compromised credential's pivots, from its findings in the window. */
    public static Pivots pivots(String credential, Collection<Finding> findings, long from, long to,
                                SourceEnricher sources) {
        TreeMap<String, SortedSet<String>> ips = new TreeMap<>();
        TreeMap<String, SortedSet<String>> agents = new TreeMap<>();
        TreeMap<String, SortedSet<String>> apis = new TreeMap<>();
        for (Finding f : findings) {
            if (!credential.equals(f.credential()) || f.time() > to || f.lastTime() < from) {
                continue;
            }
            if (f.severity().compareTo(Severity.MEDIUM) >= 0) {
                for (String ip : f.sourceIps()) {
                    SourceInfo s = sources.enrich(ip);
                    if (s != null && s.publicIp()) {
                        ips.computeIfAbsent(ip, k -> new TreeSet<>()).add(f.detection());
                    }
                }
            }
            if (OFFENSIVE_USER_AGENT.equals(f.detection()) || NEW_USER_AGENT.equals(f.detection())) {
                for (String ua : f.userAgents()) {
                    agents.computeIfAbsent(ua, k -> new TreeSet<>()).add(f.detection());
                }
            }
            if (RARE_EVENT_PREVALENCE.equals(f.detection()) && !f.subject().isEmpty()) {
                apis.computeIfAbsent(f.subject(), k -> new TreeSet<>()).add(f.detection());
            }
        }
        return new Pivots(Collections.unmodifiableSortedMap(ips), Collections.unmodifiableSortedMap(agents),
                Collections.unmodifiableSortedMap(apis));
    }

    private static Pivots emptyPivots() {
        return new Pivots(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    private static void matchFinding(Finding f, Pivots p, Map<String, Acc> accs) {
        Acc a = null;
        for (String ip : f.sourceIps()) {
            if (p.ips().containsKey(ip)) {
                a = acc(accs, a, f.credential(), f.principalArn(), f.accessKeyId());
                a.finding(Pivot.IP, ip, f);
            }
        }
        for (String ua : f.userAgents()) {
            if (p.userAgents().containsKey(ua)) {
                a = acc(accs, a, f.credential(), f.principalArn(), f.accessKeyId());
                a.finding(Pivot.USER_AGENT, ua, f);
            }
        }
        TreeSet<String> apis = new TreeSet<>(f.eventNames());
        if (RARE_EVENT_PREVALENCE.equals(f.detection())) {
            apis.add(f.subject());
        }
        for (String api : apis) {
            if (p.rareApis().containsKey(api)) {
                a = acc(accs, a, f.credential(), f.principalArn(), f.accessKeyId());
                a.finding(Pivot.RARE_API, api, f);
            }
        }
    }

    private static void matchEvent(CloudTrailEvent e, Pivots p, Map<String, Acc> accs) {
        Acc a = null;
        String arn = e.principal().arn() != null ? e.principal().arn() : e.principal().key();
        if (e.sourceIp() != null && p.ips().containsKey(e.sourceIp())) {
            a = acc(accs, a, e.credential(), arn, e.accessKeyId());
            a.event(Pivot.IP, e.sourceIp(), e);
        }
        if (e.userAgent() != null && p.userAgents().containsKey(e.userAgent())) {
            a = acc(accs, a, e.credential(), arn, e.accessKeyId());
            a.event(Pivot.USER_AGENT, e.userAgent(), e);
        }
        if (e.eventName() != null && p.rareApis().containsKey(e.eventName())) {
            a = acc(accs, a, e.credential(), arn, e.accessKeyId());
            a.event(Pivot.RARE_API, e.eventName(), e);
        }
        if (a != null) {
            a.events++;
            a.seen(e.time());
        }
    }

    private static Acc acc(Map<String, Acc> accs, Acc known, String credential, String arn, String key) {
        if (known != null) {
            return known;
        }
        Acc a = accs.computeIfAbsent(credential, Acc::new);
        if (a.principalArn == null) {
            a.principalArn = arn;
        }
        if (a.accessKeyId == null) {
            a.accessKeyId = key;
        }
        return a;
    }

    /** What one other credential shares, being collected. */
    private static final class Acc {
        final String credential;
        String principalArn;
        String accessKeyId;
        long events;
        final TreeSet<String> findingIds = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        /** By {@code pivot-label:value}, sorted, so output order is deterministic. */
        final TreeMap<String, SharedAcc> shared = new TreeMap<>();

        Acc(String credential) {
            this.credential = credential;
        }

        void seen(long t) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }

        SharedAcc of(Pivot p, String value) {
            return shared.computeIfAbsent(p.label() + ":" + value, k -> new SharedAcc(p, value));
        }

        void finding(Pivot p, String value, Finding f) {
            SharedAcc s = of(p, value);
            s.findingIds.add(f.id());
            s.detections.add(f.detection());
            s.seen(f.time());
            s.seen(f.lastTime());
            findingIds.add(f.id());
            seen(f.time());
            seen(f.lastTime());
        }

        void event(Pivot p, String value, CloudTrailEvent e) {
            SharedAcc s = of(p, value);
            s.events++;
            s.seen(e.time());
            if (e.eventId() != null && s.eventIds.size() < MAX_IDS) {
                s.eventIds.add(e.eventId());
            }
        }

        Related toRelated() {
            List<Shared> l = new ArrayList<>();
            TreeSet<Pivot> kinds = new TreeSet<>();
            for (SharedAcc s : shared.values()) {
                kinds.add(s.pivot);
                l.add(new Shared(s.pivot, s.value, s.events, s.first, s.last,
                        s.findingIds.stream().limit(MAX_IDS).toList(),
                        Collections.unmodifiableSortedSet(s.detections), s.eventIds.stream().limit(MAX_IDS).toList()));
            }
            l.sort(Comparator.comparing(Shared::pivot).thenComparing(Shared::value));
            return new Related(credential, principalArn, accessKeyId, kinds.size(), List.copyOf(l), events,
                    findingIds.size(), first, last);
        }
    }

    private static final class SharedAcc {
        final Pivot pivot;
        final String value;
        long events;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final TreeSet<String> findingIds = new TreeSet<>();
        final TreeSet<String> detections = new TreeSet<>();
        final TreeSet<String> eventIds = new TreeSet<>();

        SharedAcc(Pivot pivot, String value) {
            this.pivot = pivot;
            this.value = value;
        }

        void seen(long t) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
    }
}
