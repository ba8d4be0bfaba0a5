package io.trailwarden.finding;

import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.event.CloudTrailEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One finding: what fired, on which credential, from where, and the numbers that made it fire.
 * Repeats inside the suppression window merge into it (DETECTIONS.md, Dedup and suppression).
 */
public final class Finding {
    public static final int MAX_EVENT_IDS = 20;

    private final String id;
    private final String detection;
    private final String credential;
    private final String subject;
    private final String title;
    private final Severity severity;
    private final int risk;
    private final long time;
    private long lastTime;
    private long count;
    private final String accountId;
    private final String principalArn;
    private final String principalType;
    private final String userName;
    private final String sessionName;
    private final String accessKeyId;
    private final TreeSet<String> sourceIps;
    private final TreeSet<String> userAgents;
    private final TreeSet<String> eventNames;
    private final Map<String, Object> evidence;
    private final List<String> mitre;
    private final String explanation;
    private final List<String> eventIds;
    private final boolean late;

    private Finding(Draft d) {
        this.detection = d.detection;
        this.credential = d.credential;
        this.subject = d.subject == null ? "" : d.subject;
        this.title = d.title;
        this.severity = d.severity;
        this.risk = d.risk;
        this.time = d.time;
        this.lastTime = Math.max(d.time, d.lastTime);
        this.count = d.count;
        this.accountId = d.accountId;
        this.principalArn = d.principalArn;
        this.principalType = d.principalType;
        this.userName = d.userName;
        this.sessionName = d.sessionName;
        this.accessKeyId = d.accessKeyId;
        this.sourceIps = new TreeSet<>(d.sourceIps);
        this.userAgents = new TreeSet<>(d.userAgents);
        this.eventNames = new TreeSet<>(d.eventNames);
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(d.evidence));
        this.mitre = List.copyOf(d.mitre);
        this.explanation = d.explanation;
        this.eventIds = new ArrayList<>(d.eventIds.subList(0, Math.min(MAX_EVENT_IDS, d.eventIds.size())));
        this.late = d.late;
        this.id = idOf(detection, credential, subject, time);
    }

    /** A draft pre-filled with who, where and what from one event. */
    public static Draft draft(String detection, EnrichedEvent e) {
        return new Draft(detection).fromEvent(e.event()).late(e.late());
    }

    /** An empty draft, for findings that summarise many events (a window, a bin). */
    public static Draft draft(String detection) {
        return new Draft(detection);
    }

    /** Hash of detection, credential, subject and the time of the first event: stable across runs. */
    static String idOf(String detection, String credential, String subject, long time) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String s = detection + '\u0000' + credential + '\u0000' + subject + '\u0000' + time;
            byte[] h = md.digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                b.append(Character.forDigit((h[i] >> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges a repeat inside the suppression window. */
    void merge(Draft d) {
        count += d.count;
        lastTime = Math.max(lastTime, Math.max(d.time, d.lastTime));
        sourceIps.addAll(d.sourceIps);
        userAgents.addAll(d.userAgents);
        eventNames.addAll(d.eventNames);
        for (String id : d.eventIds) {
            if (eventIds.size() >= MAX_EVENT_IDS) {
                break;
            }
            if (!eventIds.contains(id)) {
                eventIds.add(id);
            }
        }
    }

    public String id() { return id; }
    public String detection() { return detection; }
    public String credential() { return credential; }
    public String subject() { return subject; }
    public String title() { return title; }
    public Severity severity() { return severity; }
    public int risk() { return risk; }
    public long time() { return time; }
    public long lastTime() { return lastTime; }
    public long count() { return count; }
    public String accountId() { return accountId; }
    public String principalArn() { return principalArn; }
    public String principalType() { return principalType; }
    public String userName() { return userName; }
    public String sessionName() { return sessionName; }
    public String accessKeyId() { return accessKeyId; }
    public java.util.SortedSet<String> sourceIps() { return Collections.unmodifiableSortedSet(sourceIps); }
    public java.util.SortedSet<String> userAgents() { return Collections.unmodifiableSortedSet(userAgents); }
    public java.util.SortedSet<String> eventNames() { return Collections.unmodifiableSortedSet(eventNames); }
    public Map<String, Object> evidence() { return evidence; }
    public List<String> mitre() { return mitre; }
    public String explanation() { return explanation; }
    public List<String> eventIds() { return Collections.unmodifiableList(eventIds); }
    public boolean late() { return late; }

    /** What a detector fills in; {@link io.trailwarden.detect.DetectorContext#emit} turns it into a finding. */
    public static final class Draft {
        private final String detection;
        private String credential;
        private String subject;
        private String title;
        private Severity severity = Severity.LOW;
        private int risk;
        private long time = Long.MIN_VALUE;
        private long lastTime = Long.MIN_VALUE;
        private long count = 1;
        private String accountId;
        private String principalArn;
        private String principalType;
        private String userName;
        private String sessionName;
        private String accessKeyId;
        private final TreeSet<String> sourceIps = new TreeSet<>();
        private final TreeSet<String> userAgents = new TreeSet<>();
        private final TreeSet<String> eventNames = new TreeSet<>();
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private final List<String> mitre = new ArrayList<>();
        private String explanation;
        private final List<String> eventIds = new ArrayList<>();
        private boolean late;

        Draft(String detection) {
            this.detection = detection;
        }

        /** Who made the call, when, from where, with what: taken from the event. */
        public Draft fromEvent(CloudTrailEvent e) {
            credential = e.credential();
            time = e.time();
            lastTime = e.time();
            accountId = e.accountId();
            principalArn = e.principal().arn() != null ? e.principal().arn() : e.principal().key();
            principalType = e.identity().type();
            userName = e.identity().userName() != null ? e.identity().userName() : e.identity().issuerName();
            sessionName = e.principal().sessionName();
            accessKeyId = e.accessKeyId();
            addEvent(e);
            return this;
        }

        /** Adds an event's IP, agent, name and id without changing who the finding is about. */
        public Draft addEvent(CloudTrailEvent e) {
            if (e.sourceIp() != null) {
                sourceIps.add(e.sourceIp());
            }
            if (e.userAgent() != null) {
                userAgents.add(e.userAgent());
            }
            if (e.eventName() != null) {
                eventNames.add(e.eventName());
            }
            if (e.eventId() != null && eventIds.size() < MAX_EVENT_IDS && !eventIds.contains(e.eventId())) {
                eventIds.add(e.eventId());
            }
            if (time == Long.MIN_VALUE || e.time() < time) {
                time = e.time();
            }
            lastTime = Math.max(lastTime, e.time());
            return this;
        }

        public Draft credential(String v) { credential = v; return this; }
        public Draft subject(String v) { subject = v; return this; }
        public Draft title(String v) { title = v; return this; }
        public Draft severity(Severity v) { severity = v; return this; }
        public Draft risk(int v) { risk = v; return this; }
        public Draft time(long v) { time = v; return this; }
        public Draft lastTime(long v) { lastTime = v; return this; }
        public Draft count(long v) { count = v; return this; }
        public Draft accountId(String v) { accountId = v; return this; }
        public Draft principalArn(String v) { principalArn = v; return this; }
        public Draft principalType(String v) { principalType = v; return this; }
        public Draft userName(String v) { userName = v; return this; }
        public Draft sessionName(String v) { sessionName = v; return this; }
        public Draft accessKeyId(String v) { accessKeyId = v; return this; }
        public Draft sourceIp(String v) { if (v != null) { sourceIps.add(v); } return this; }
        public Draft userAgent(String v) { if (v != null) { userAgents.add(v); } return this; }
        public Draft eventName(String v) { if (v != null) { eventNames.add(v); } return this; }
        public Draft eventId(String v) {
            if (v != null && eventIds.size() < MAX_EVENT_IDS && !eventIds.contains(v)) {
                eventIds.add(v);
            }
            return this;
        }
        public Draft evidence(String k, Object v) { evidence.put(k, v); return this; }
        public Draft mitre(String... ids) { mitre.addAll(List.of(ids)); return this; }
        public Draft explanation(String v) { explanation = v; return this; }
        public Draft late(boolean v) { late = v; return this; }

        public String detection() { return detection; }
        public String credential() { return credential; }
        public String subject() { return subject; }
        public long time() { return time; }
        public String principalArn() { return principalArn; }
        public java.util.Set<String> sourceIps() { return Collections.unmodifiableSet(sourceIps); }
        public java.util.Set<String> userAgents() { return Collections.unmodifiableSet(userAgents); }

        public Finding build() {
            if (credential == null || time == Long.MIN_VALUE || title == null) {
                throw new IllegalStateException(detection + ": a finding needs a credential, a time and a title");
            }
            return new Finding(this);
        }
    }
}
