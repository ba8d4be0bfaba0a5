package io.trailwarden.engine;

import io.trailwarden.detect.Coverage;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.order.DuplicateFilter;
import io.trailwarden.order.ReorderBuffer;
import io.trailwarden.profile.History;
import io.trailwarden.profile.ProfileStage;
import io.trailwarden.source.InputSelection;
import io.trailwarden.util.IdentityMemo;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local runner: orders events, drops duplicates, enriches, profiles, and runs every detector on
 * its keyed state with event-time timers. Single-threaded and deterministic: the same events in give
 * the same findings out, in the same order.
 */
public final class Engine {

    /**
     * One detector with its keyed states.
     *
     * <p>Two savings on the per-event path, neither visible in the map's contents: the last key and its
     * state are remembered, because consecutive events often share a key (the organisation, a country, a
     * busy principal), so a repeat skips the hash look-up; and a new key's state enters the map only when
     * the detector leaves something in it, so a key that is created and emptied by the same event (a
     * stateless detector's finding, an event ignored after keying) costs no put and remove. The memo is
     * dropped whenever a state leaves the map. {@link #states()} is for snapshots: read it, or fill it
     * before the first event (a put over a remembered key would not be seen).
     */
    public static final class Slot<S> {
        final int index;
        final Detector<S> detector;
        final KeyedStates<S> states = new KeyedStates<>();
        /** The key of the last event's state still in {@link #states}, or null; and that state. */
        private String lastKey;
        private S lastState;

        Slot(int index, Detector<S> detector) {
            this.index = index;
            this.detector = detector;
        }

        public Detector<S> detector() { return detector; }
        public Map<String, S> states() { return states; }

        void onEvent(EnrichedEvent e, Context ctx) {
            String k = detector.keyOf(e);
            if (k == null) {
                return;
            }
            S s;
            boolean fresh = false;
            if (k == lastKey || k.equals(lastKey)) {
                s = lastState;
            } else {
                s = states.get(k);
                if (s == null) {
                    s = detector.newState();
                    fresh = true;
                }
            }
            ctx.bind(index, k);
            detector.onEvent(s, e, ctx);
            if (detector.isEmpty(s)) {
                if (!fresh) {
                    states.remove(k);
                }
                lastKey = null;
                lastState = null;
            } else {
                if (fresh) {
                    states.put(k, s);
                }
                lastKey = k;
                lastState = s;
            }
        }

        void onTimer(String k, long time, Context ctx) {
            S s = states.get(k);
            if (s == null) {
                return;
            }
            ctx.bind(index, k);
            detector.onTimer(s, time, ctx);
            if (detector.isEmpty(s)) {
                states.remove(k);
                lastKey = null;
                lastState = null;
            }
        }
    }

    /** An event-time timer of one detector key. */
    public record Timer(long time, int slot, String key) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(time, o.time);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(slot, o.slot);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    final class Context implements DetectorContext {
        private int slot;
        private String key;

        void bind(int slot, String key) {
            this.slot = slot;
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public Coverage coverage() {
            return coverage;
        }

        @Override
        public void registerTimer(long time) {
            Timer t = new Timer(time, slot, key);
            if (timerSet.add(t)) {
                timers.add(t);
            }
        }

        @Override
        public void emit(Finding.Draft finding) {
            tracker.emit(finding);
        }
    }

    private final List<Slot<?>> slots = new ArrayList<>();
    /** The slots again, for the per-event loop: the list's iterator was allocated on every event. */
    private final Slot<?>[] slotArray;
    /** Refilled for every event: detectors read it during {@code onEvent} only (see {@link History}). */
    private final History eventHistory = History.empty(0);
    private final EngineOptions options;
    private final SourceEnricher sources;
    private final UserAgentParser agentParser;
    private final Map<String, UserAgentInfo> agentCache = new HashMap<>();
    // The decoder interns source IPs and user agents, so an identity memo answers most events without the
    // enricher's map or the parser's cache; an equal string in another instance just takes those, same answer.
    private final IdentityMemo<SourceInfo> sourceMemo;
    private final IdentityMemo<UserAgentInfo> agentMemo;
    private final FindingTracker tracker;
    private final InputSelection selection;
    private final ReorderBuffer buffer;
    private final DuplicateFilter duplicates;
    private final ProfileStage profiles;
    private final DataCoverage coverage = new DataCoverage();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Set<Timer> timerSet = new HashSet<>();
    private final Context ctx = new Context();
    private final RunStats stats = new RunStats();
    private long watermark = Long.MIN_VALUE;
    /** Created once: a lambda capturing {@code this} would be allocated on every release. */
    private final Consumer<CloudTrailEvent> processInOrder = ev -> process(ev, false);

    public Engine(List<Detector<?>> detectors, EngineOptions options, SourceEnricher sources,
                  UserAgentParser agentParser, FindingTracker tracker, InputSelection selection) {
        for (Detector<?> d : detectors) {
            slots.add(new Slot<>(slots.size(), d));
        }
        this.slotArray = slots.toArray(new Slot<?>[0]);
        this.options = options;
        this.sources = sources;
        this.sourceMemo = new IdentityMemo<>(sources::enrich, 1 << 14);
        this.agentParser = agentParser;
        this.agentMemo = new IdentityMemo<>(this::parseAgent, 1 << 12);
        this.tracker = tracker;
        this.selection = selection;
        this.buffer = new ReorderBuffer(options.lateness());
        this.duplicates = new DuplicateFilter(options.lateness() + Times.HOUR);
        this.profiles = new ProfileStage(options.profileRetention());
    }

    /** Takes one decoded event in arrival order. */
    public void accept(CloudTrailEvent e) {
        stats.recordsDecoded++;
        if (!selection.keepsTime(e.time()) || !selection.keepsAccount(e.accountId())
                || !selection.keepsRegion(e.region())) {
            stats.recordsFiltered++;
            return;
        }
        if (buffer.isLate(e)) {
            process(e, true);
            return;
        }
        buffer.add(e);
        long wm = buffer.watermark();
        if (wm > watermark) {
            buffer.release(wm, processInOrder);
            advance(wm);
        }
    }

    /**
     * Ends the input. With {@code flush}, the watermark moves to infinity: every open window closes
     * and flushes. Without, open bins, windows and the reorder buffer stay for the next run's state.
     */
    public void finish(boolean flush) {
        if (flush) {
            buffer.releaseAll(processInOrder);
            advance(Long.MAX_VALUE);
        }
    }

    private void advance(long wm) {
        watermark = wm;
        while (!timers.isEmpty() && timers.peek().time() <= wm) {
            Timer t = timers.poll();
            timerSet.remove(t);
            slots.get(t.slot()).onTimer(t.key(), t.time(), ctx);
        }
        tracker.advance(wm);
        if (wm != Long.MAX_VALUE) {
            profiles.sweep(wm);
        }
    }

    private void process(CloudTrailEvent e, boolean late) {
        if (!duplicates.firstTime(e.eventId(), e.time(), watermark)) {
            stats.duplicates++;
            return;
        }
        if (late) {
            stats.lateEvents++;
        }
        coverage.add(e.time());
        SourceInfo source = sourceMemo.get(e.sourceIp());
        UserAgentInfo agent = agentMemo.get(e.userAgent());
        History history = profiles.observe(e, source, agent, eventHistory);
        stats.saw(e.time(), e.accountId(), e.principal().key(), profiles.current());
        EnrichedEvent ee = new EnrichedEvent(e, source, agent, history, late);
        Slot<?>[] a = slotArray;
        for (int i = 0; i < a.length; i++) {
            a[i].onEvent(ee, ctx);
        }
    }

    private UserAgentInfo parseAgent(String ua) {
        String k = ua == null ? "" : ua;
        UserAgentInfo a = agentCache.get(k);
        if (a == null) {
            if (agentCache.size() > 100_000) {
                agentCache.clear();
            }
            a = agentParser.parse(ua);
            agentCache.put(k, a);
        }
        return a;
    }

    public long watermark() { return watermark; }
    public RunStats stats() { return stats; }
    public List<Slot<?>> slots() { return slots; }
    public ProfileStage profiles() { return profiles; }
    public DataCoverage coverage() { return coverage; }
    public ReorderBuffer buffer() { return buffer; }
    public DuplicateFilter duplicates() { return duplicates; }
    public FindingTracker tracker() { return tracker; }
    public EngineOptions options() { return options; }

    public List<Timer> pendingTimers() {
        List<Timer> l = new ArrayList<>(timerSet);
        l.sort(null);
        return l;
    }

    /** Restores engine-level state from a snapshot; detector states are put into {@link #slots()} directly. */
    public void restore(long watermark, List<Timer> pending) {
        this.watermark = watermark;
        for (Timer t : pending) {
            if (timerSet.add(t)) {
                timers.add(t);
            }
        }
    }
}
