package io.trailwarden.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What a measured part costs its process: wall and CPU time, peak resident set (VmHWM) and heap, read inside the
 * child JVM that ran only that part.
 */
final class Measure {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final ThreadCpu threads = new ThreadCpu();
    private long startNanos;
    private long startCpu;

    Measure() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter em) {
                em.addNotificationListener((n, h) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    maxAfterGc.accumulateAndGet(used, Math::max);
                    gcCount.incrementAndGet();
                    gcMillis.addAndGet(info.getGcInfo().getDuration());
                }, null, null);
            }
        }
    }

    void start() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        threads.start();
        startCpu = processCpuNanos();
        startNanos = System.nanoTime();
    }

    /** Ends the measurement; the numbers go into {@code r}. */
    void stop(Map<String, Object> r) {
        long wall = System.nanoTime() - startNanos;
        long cpu = processCpuNanos() - startCpu;
        long poolPeaks = 0;
        long committed = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                poolPeaks += p.getPeakUsage().getUsed();
                committed += p.getPeakUsage().getCommitted();
            }
        }
        r.put("wall_seconds", wall / 1e9);
        r.put("cpu_seconds", cpu / 1e9);
        r.put("thread_cpu_seconds", threads.stop());
        r.put("peak_rss_bytes", statusKb("VmHWM") * 1024);
        r.put("heap_max_after_gc_bytes", maxAfterGc.get());
        r.put("heap_peak_used_bytes", poolPeaks);
        r.put("heap_peak_committed_bytes", committed);
        r.put("gc_count", gcCount.get());
        r.put("gc_seconds", gcMillis.get() / 1e3);
        r.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** A line of /proc/self/status in kB (VmHWM = peak resident set), or -1 where there is none. */
    static long statusKb(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The 1-minute load average, or -1. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
