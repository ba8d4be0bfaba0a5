package io.trailwarden.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code trailwarden bench jfr FILE.jfr [N]}: where a recording spent its CPU and allocations, without a GUI:
 * top methods by own samples (self), Trailwarden methods by samples with them on the stack (total), per thread
 * name, and the top allocation sites (first Trailwarden frame) by sampled weight.
 */
final class JfrTop {
    private JfrTop() {
    }

    static void main(List<String> args) throws IOException {
        Path file = Path.of(args.get(0));
        int n = args.size() > 1 ? Integer.parseInt(args.get(1)) : 25;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocSite = new HashMap<>();
        Map<String, Long> allocType = new HashMap<>();
        Map<String, Long> selfBy = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", ""), 1L, Long::sum);
                // lambda frames (hidden classes, whose names JFR may not resolve reliably) count for their caller,
                // as in 'jfr print'
                List<RecordedFrame> frames = st.getFrames().stream().filter(f -> !name(f).contains("$$Lambda")).toList();
                if (frames.isEmpty()) {
                    continue;
                }
                self.merge(name(frames.get(0)), 1L, Long::sum);
                String caller = "?";
                for (RecordedFrame f : frames) {
                    if (name(f).startsWith("io.trailwarden.")) {
                        caller = name(f) + ":" + f.getLineNumber();
                        break;
                    }
                }
                selfBy.merge(name(frames.get(0)) + "  <- " + caller, 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = name(f);
                    if (m.startsWith("io.trailwarden.") && seen.add(m)) {
                        total.merge(m, 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long w = e.getLong("weight");
                allocTotal += w;
                String cls = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
                allocType.merge(cls, w, Long::sum);
                RecordedStackTrace st = e.getStackTrace();
                String site = "?";
                if (st != null) {
                    for (RecordedFrame f : st.getFrames()) {
                        String m = name(f);
                        if (m.startsWith("io.trailwarden.")) {
                            site = m + ":" + f.getLineNumber();
                            break;
                        }
                    }
                }
                allocSite.merge(site + "  (" + cls + ")", w, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d execution samples, %.1f GB allocation sampled%n", file, samples, allocTotal / 1e9);
        print("threads (samples)", threads, samples, n);
        print("self (top frame)", self, samples, n);
        print("self, with the first Trailwarden frame below it", selfBy, samples, n);
        print("total (Trailwarden frames on the stack)", total, samples, n);
        print("allocation by type", allocType, allocTotal, n);
        print("allocation by first Trailwarden frame", allocSite, allocTotal, n);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> m, long all, int n) {
        System.out.println();
        System.out.println(title + ":");
        Map<String, Long> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * v / Math.max(1, all), k));
    }
}
