package io.trailwarden.engine;

import io.trailwarden.detect.Detector;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.finding.OcsfFinding;
import io.trailwarden.incident.Incident;
import io.trailwarden.incident.IncidentResume;
import io.trailwarden.incident.IncidentJson;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.ParallelDecoder;
import io.trailwarden.state.FilesRead;
import io.trailwarden.state.StateStore;
import io.trailwarden.util.Text;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A hunt: read the archive in order, run every detection, write findings, incidents and run.json. */
public final class Hunt {

    /** A file or record that could not be read. */
    public record Problem(String path, String position, String error) {
    }

    /** What a hunt produced. */
    public record Result(RunStats stats, List<Finding> findings, List<Incident> incidents, List<Problem> malformedFiles,
                         long filesRead, int filesSkipped, int filesAlreadyRead, Map<String, String> warmupEnded,
                         Map<String, Long> suppressed, double wallSeconds, long peakHeapBytes, Path outDir) {
    }

    private Hunt() {
    }

    public static Result run(HuntRequest req) throws IOException, InterruptedException {
        long started = System.nanoTime();
        resetPeaks();
        Files.createDirectories(req.outDir());
        List<Problem> malformed = new ArrayList<>();
        long[] skippedRecords = {0};
        InputProblems problems = new InputProblems() {
            @Override
            public synchronized void malformedFile(String path, String position, String error) {
                malformed.add(new Problem(path, position, error));
                req.problems().println("trailwarden: " + Text.escapeControl(path) + ": " + position + ": "
                        + Text.escapeControl(error));
            }

            @Override
            public synchronized void skippedRecord(String path, String position, String error) {
                skippedRecords[0]++;
                if (skippedRecords[0] <= 20) {
                    req.problems().println("trailwarden: " + Text.escapeControl(path) + ": " + position
                            + ": record skipped: " + Text.escapeControl(error));
                } else if (skippedRecords[0] == 21) {
                    req.problems().println("trailwarden: more records skipped; run.json counts them all");
                }
            }
        };

        Map<String, Finding> finalFindings = new LinkedHashMap<>();
        Path findingsPath = req.outDir().resolve("findings.jsonl");
        Path ocsfPath = req.outDir().resolve("findings.ocsf.jsonl");
        try (BufferedWriter findingsOut = Files.newBufferedWriter(findingsPath, StandardCharsets.UTF_8);
             BufferedWriter ocsfOut = Files.newBufferedWriter(ocsfPath, StandardCharsets.UTF_8)) {
            FindingTracker tracker = new FindingTracker(req.config().engineOptions().suppressWindow(),
                    req.config().allowlist(), req.sources(), (f, update) -> {
                finalFindings.put(f.id(), f);
                try {
                    findingsOut.write(FindingJson.toJson(f, req.sources()));
                    findingsOut.write('\n');
                    // The same finding as an OCSF Detection Finding: Create when first written, Update when its
                    // suppression window closes with merged repeats (same finding_info.uid).
                    ocsfOut.write(OcsfFinding.toJson(f, update, req.sources()));
                    ocsfOut.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<Detector<?>> detectors = req.config().detectors();
            Engine engine = new Engine(detectors, req.config().engineOptions(), req.sources(), req.agents(), tracker,
                    req.selection());
            StateStore store = req.stateDir() == null ? null : new StateStore(req.stateDir());
            StateStore.Meta meta = store == null ? new StateStore.Meta() : store.load(engine);

            // Listed after the state is loaded, so that files it has read are left out (and out of the progress).
            InputPlan plan = InputPlan.of(req.paths(), req.selection(), new CloudTrailFileReader(problems, req.stdin()),
                    f -> meta.filesRead.contains(stateName(f)));
            int alreadyRead = plan.skippedCount();
            req.progress().start(plan.fileCount(), plan.totalBytes());
            // This run's files join the state's set once decoding ends: meanwhile the plan, listing each day on a
            // thread of its own, asks that set which files earlier runs read (a FilesRead is not thread-safe).
            FilesRead readNow = new FilesRead();
            long[] filesRead = {0};
            long[] filteredBefore = {0};
            try (ParallelDecoder decoder = new ParallelDecoder(req.threads(), problems, req.stdin())) {
                // One day of files listed at a time: the whole list of a long archive would not fit the heap.
                decoder.decode(plan, new ParallelDecoder.Sink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        engine.accept(e);
                    }

                    @Override
                    public void fileDone(InputFile file, long records) {
                        filesRead[0]++;
                        // A file whose records the selection (--since/--until/--account/--region) partly left
                        // out is not remembered as read: a later, wider run over the same state reads it again,
                        // and the duplicate filter drops the records already processed near the boundary.
                        long filtered = engine.stats().recordsFiltered;
                        if (!file.isStdin() && filtered == filteredBefore[0]) {
                            readNow.add(stateName(file));
                        }
                        filteredBefore[0] = filtered;
                        req.progress().fileDone(file.display(), file.size(), records);
                    }
                });
            }
            meta.filesRead.addAll(readNow);
            req.progress().finish();
            engine.finish(store == null);

            // Incidents continue those of the state's earlier runs: the findings it carried plus this run's
            // (the latest version of each: a finding whose window is still open may have grown since it was
            // written). Only incidents this run created or changed are written, whole.
            List<Finding> findings = new ArrayList<>(finalFindings.values());
            Map<String, Finding> latest = new LinkedHashMap<>(finalFindings);
            Set<String> stillOpen = new HashSet<>();
            for (FindingTracker.Open o : engine.tracker().openWindows()) {
                latest.put(o.finding().id(), o.finding());
                stillOpen.add(o.finding().id());
            }
            IncidentResume.Resumed resumed = IncidentResume.resume(meta.incidents, latest.values(), stillOpen,
                    engine.profiles(), ip -> req.sources().enrich(ip).publicIp(),
                    i -> IncidentJson.toJson(i, req.sources()), StateStore.resumeWatermark(engine));
            List<Incident> incidents = resumed.changed();
            try (BufferedWriter w = Files.newBufferedWriter(req.outDir().resolve("incidents.jsonl"), StandardCharsets.UTF_8)) {
                for (String line : resumed.lines()) {
                    w.write(line);
                    w.write('\n');
                }
            }
            findingsOut.flush();
            ocsfOut.flush();
            meta.incidents = resumed.carry();
            if (store != null) {
                store.save(engine, meta);
            } else {
                new StateStore(req.outDir().resolve("state")).save(engine, meta);
            }
            RunStats stats = engine.stats();
            stats.recordsSkipped = skippedRecords[0];
            Map<String, String> warmup = new LinkedHashMap<>();
            for (Detector<?> d : detectors) {
                long first = engine.coverage().firstEventTime();
                long end = first == Long.MAX_VALUE ? Long.MAX_VALUE : first + d.warmup().toMillis();
                warmup.put(d.id(), end <= stats.lastEventTime ? io.trailwarden.util.Times.iso(end) : null);
            }
            malformed.sort((a, b) -> a.path().compareTo(b.path()) != 0 ? a.path().compareTo(b.path())
                    : a.position().compareTo(b.position()));
            double wall = (System.nanoTime() - started) / 1e9;
            Result r = new Result(stats, findings, incidents, List.copyOf(malformed), filesRead[0],
                    plan.digestOrInsightSkipped(), alreadyRead, warmup,
                    new LinkedHashMap<>(tracker.suppressedByRule()), wall, peakHeap(), req.outDir());
            RunReport.write(r, req.outDir().resolve("run.json"));
            return r;
        }
    }

    /** How a file is remembered in the state: its absolute path. */
    static String stateName(InputFile f) {
        return stateName(f.path());
    }

    static String stateName(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
