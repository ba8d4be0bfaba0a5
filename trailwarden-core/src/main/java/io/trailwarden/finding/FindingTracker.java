package io.trailwarden.finding;

import io.trailwarden.enrich.SourceEnricher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Dedup, suppression and allowlists. A finding keyed (detection, credential, subject) that repeats
 * within the suppression window of its first firing merges into it; when the window closes and
 * something merged, the finding is written again with the same id.
 */
public final class FindingTracker {

    /** A finding whose suppression window is still open. */
    public static final class Open {
        final Finding finding;
        final long windowEnd;
        boolean dirty;

        Open(Finding finding, long windowEnd, boolean dirty) {
            this.finding = finding;
            this.windowEnd = windowEnd;
            this.dirty = dirty;
        }

        public Finding finding() { return finding; }
        public long windowEnd() { return windowEnd; }
        public boolean dirty() { return dirty; }
    }

    private final long suppressWindow;
    private final List<AllowRule> allowlist;
    private final SourceEnricher sources;
    private final FindingSink sink;
    private final Map<String, Open> open = new HashMap<>();
    private final PriorityQueue<Open> byWindowEnd = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.windowEnd, b.windowEnd);
        return c != 0 ? c : a.finding.id().compareTo(b.finding.id());
    });
    private final Map<String, Long> suppressedByRule = new LinkedHashMap<>();
    private long emitted;

    public FindingTracker(long suppressWindow, List<AllowRule> allowlist, SourceEnricher sources, FindingSink sink) {
        this.suppressWindow = suppressWindow;
        this.allowlist = List.copyOf(allowlist);
        this.sources = sources;
        this.sink = sink;
        for (AllowRule r : allowlist) {
            suppressedByRule.put(r.name(), 0L);
        }
    }

    public void emit(Finding.Draft d) {
        for (AllowRule r : allowlist) {
            if (r.matches(d, sources)) {
                suppressedByRule.merge(r.name(), 1L, Long::sum);
                return;
            }
        }
        String key = d.detection() + '\u0000' + d.credential() + '\u0000' + (d.subject() == null ? "" : d.subject());
        Open o = open.get(key);
        if (o != null && d.time() < o.windowEnd && d.time() >= o.finding.time()) {
            o.finding.merge(d);
            o.dirty = true;
            return;
        }
        if (o != null && d.time() >= o.windowEnd) {
            close(o);
            open.remove(key);
        } else if (o != null) {
            // An earlier repeat (a late event): it merges rather than opening a finding before the first.
            o.finding.merge(d);
            o.dirty = true;
            return;
        }
        Finding f = d.build();
        Open n = new Open(f, f.time() + suppressWindow, false);
        open.put(key, n);
        byWindowEnd.add(n);
        emitted++;
        sink.accept(f, false);
    }

    /** Closes every window that ends at or before {@code watermark}. */
    public void advance(long watermark) {
        while (!byWindowEnd.isEmpty() && byWindowEnd.peek().windowEnd <= watermark) {
            Open o = byWindowEnd.poll();
            String key = o.finding.detection() + '\u0000' + o.finding.credential() + '\u0000' + o.finding.subject();
            if (open.get(key) == o) {
                open.remove(key);
            }
            if (o.dirty) {
                sink.accept(o.finding, true);
                o.dirty = false;
            }
        }
    }

    private void close(Open o) {
        byWindowEnd.remove(o);
        if (o.dirty) {
            sink.accept(o.finding, true);
            o.dirty = false;
        }
    }

    /** The windows still open, in closing order (saved with the state). */
    public List<Open> openWindows() {
        return byWindowEnd.stream().sorted(byWindowEnd.comparator()).toList();
    }

    /** Restores an open window from a snapshot. */
    public void restore(Finding f, long windowEnd, boolean dirty) {
        Open o = new Open(f, windowEnd, dirty);
        open.put(f.detection() + '\u0000' + f.credential() + '\u0000' + f.subject(), o);
        byWindowEnd.add(o);
    }

    public Map<String, Long> suppressedByRule() {
        return suppressedByRule;
    }

    public long emitted() {
        return emitted;
    }
}
