package io.trailwarden.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per group of threads of this process (decoding, parsing, inflating, the engine's {@code main}, the JIT
 * compilers, GC), read from {@code /proc/self/task} on Linux. Pool threads end before a part does, so the tasks are
 * sampled every {@value #PERIOD_MS} ms and each thread's last reading is kept; a thread's time before
 * {@link #start} is subtracted. Where the hunt spends its CPU beside the floor is what this is for: it showed that
 * on large files the hunt used 1.5 of the 2 cores (one file parsed at a time) and that compilation costs the hunt
 * about 10 CPU s more than the floor. Elsewhere than Linux it reports nothing.
 */
final class ThreadCpu {
    private static final long PERIOD_MS = 250;
    /** USER_HZ: the unit of utime and stime in {@code /proc}; 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> atStart = new HashMap<>();
    private final Map<String, Long> ticks = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private volatile boolean running;
    private Thread sampler;

    void start() {
        sample(atStart, null);
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                sample(ticks, names);
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** CPU seconds since {@link #start} by thread group, largest first; empty where /proc is missing. */
    Map<String, Double> stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(ticks, names);
        Map<String, Long> byGroup = new TreeMap<>();
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            String group = group(names.get(e.getKey()));
            if (group.startsWith("bench-thread")) {
                continue;
            }
            long t = e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
            byGroup.merge(group, t, Long::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() / TICKS_PER_SECOND));
        return out;
    }

    /**
     * A short label for a thread's name (Linux keeps 15 characters): the engine runs on the JVM's main thread,
     * which Linux names after the process ("java"); numbers of pool threads are dropped.
     */
    static String group(String name) {
        String n = name == null ? "?" : name.trim().replaceAll("[#\\-]?\\d+$", "").trim();
        return switch (n) {
            case "java" -> "main";
            case "trailwarden-dec" -> "decode";
            case "trailwarden-par" -> "parse";
            case "trailwarden-inf" -> "inflate";
            case "C2 CompilerThre" -> "C2";
            case "C1 CompilerThre" -> "C1";
            case "GC Thread" -> "GC";
            default -> n;
        };
    }

    private static void sample(Map<String, Long> into, Map<String, String> namesInto) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    // the name in parentheses may hold spaces: fields count from after its ')'
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String tid = t.getFileName().toString();
                    into.put(tid, cpu);
                    if (namesInto != null) {
                        namesInto.putIfAbsent(tid, Files.readString(t.resolve("comm")));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its last sample stands
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to report
        }
    }
}
