package io.trailwarden.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.engine.Engine;
import io.trailwarden.enrich.SourceInfoUnknown;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingJson;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.incident.IncidentCarry;
import io.trailwarden.profile.ProfileCodec;
import io.trailwarden.profile.ProfileStage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code --state} directory: versioned snapshot folders ({@code snapshot-000001}, ...), each
 * written whole, fsynced, then published by atomically replacing the {@code CURRENT} pointer. A
 * crash mid-write leaves the previous snapshot in force. The two newest snapshots are kept.
 */
public final class StateStore {
    /**
     * 2 added the findings carried into the next run's incidents ({@code incident-findings.jsonl},
     * {@code incident-credentials.jsonl}); a version-1 snapshot loads with none carried. 3 keeps the files read as
     * fingerprints in {@code files-read.bin} (see {@link FilesRead}) instead of a list of paths in {@code meta.json};
     * an older snapshot's list is read and fingerprinted.
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest format this version reads. */
    public static final int OLDEST_READABLE = 1;
    static final String CARRIED_FINDINGS = "incident-findings.jsonl";
    static final String CARRIED_CREDENTIALS = "incident-credentials.jsonl";
    static final String FILES_READ = "files-read.bin";
    private static final String CURRENT = "CURRENT";

    private final Path dir;

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** What a snapshot holds besides the engine: the files already read and the run's cumulative facts. */
    public static final class Meta {
        public FilesRead filesRead = new FilesRead();
        public long watermark = Long.MIN_VALUE;
        /** The findings and incident positions carried into the next run's incidents. */
        public IncidentCarry incidents = IncidentCarry.EMPTY;
    }

    /**
     * The watermark a snapshot of the engine keeps: a flushed engine (a hunt without {@code --state}) has moved
     * its watermark to infinity; the state keeps the real one, so that a later hunt resuming from it is not
     * stuck behind an infinite watermark.
     */
    public static long resumeWatermark(Engine engine) {
        return engine.watermark() == Long.MAX_VALUE ? engine.buffer().watermark() : engine.watermark();
    }

    /** The folder CURRENT points at, or null when there is no snapshot yet. */
    public Path current() throws IOException {
        Path p = dir.resolve(CURRENT);
        if (!Files.exists(p)) {
            return null;
        }
        String name = Files.readString(p, StandardCharsets.UTF_8).trim();
        Path snap = dir.resolve(name);
        if (name.isEmpty() || !Files.isDirectory(snap)) {
            throw new StateException("state " + dir + ": CURRENT points at '" + name + "', which does not exist");
        }
        return snap;
    }

    /** Reads only the profiles of the current snapshot (for triage); empty when there is no snapshot. */
    public ProfileStage loadProfiles(long retentionMs) throws IOException {
        ProfileStage stage = new ProfileStage(retentionMs);
        Path snap = current();
        if (snap == null) {
            return stage;
        }
        checkVersion(snap);
        try (DataInputStream in = open(snap.resolve("profiles.bin"))) {
            ProfileCodec.read(stage, in);
        }
        return stage;
    }

    private static void checkVersion(Path snap) throws IOException {
        JsonNode m = FindingJson.MAPPER.readTree(snap.resolve("meta.json").toFile());
        int version = m.path("format_version").asInt(-1);
        if (version < OLDEST_READABLE || version > FORMAT_VERSION) {
            throw new StateException("state " + snap + " has format version " + version + "; this Trailwarden reads versions "
                    + OLDEST_READABLE + " to " + FORMAT_VERSION + ". Use a matching Trailwarden or start a new --state directory.");
        }
    }

    /** Loads the current snapshot into a freshly built engine; returns its meta (empty when none). */
    public Meta load(Engine engine) throws IOException {
        Meta meta = new Meta();
        Path snap = current();
        if (snap == null) {
            return meta;
        }
        checkVersion(snap);
        JsonNode m = FindingJson.MAPPER.readTree(snap.resolve("meta.json").toFile());
        if (Files.exists(snap.resolve(FILES_READ))) {
            try (DataInputStream in = openPlain(snap.resolve(FILES_READ))) {
                meta.filesRead = FilesRead.read(in);
            }
        } else {
            m.path("files_read").forEach(f -> meta.filesRead.add(f.asText())); // format 1 and 2
        }
        meta.watermark = m.path("watermark").asLong(Long.MIN_VALUE);
        try (DataInputStream in = open(snap.resolve("engine.bin"))) {
            long maxTime = in.readLong();
            int buffered = in.readInt();
            List<CloudTrailEvent> events = new ArrayList<>(buffered);
            for (int i = 0; i < buffered; i++) {
                events.add(EventCodec.read(in));
            }
            engine.buffer().restore(maxTime, events);
            int dups = in.readInt();
            Map<String, Long> seen = new LinkedHashMap<>();
            for (int i = 0; i < dups; i++) {
                seen.put(Bin.readString(in), in.readLong());
            }
            engine.duplicates().restore(seen);
            long first = in.readLong();
            long base = in.readLong();
            byte[] bits = new byte[in.readInt()];
            in.readFully(bits);
            engine.coverage().restore(first, base, bits);
            int timers = in.readInt();
            List<Engine.Timer> pending = new ArrayList<>(timers);
            for (int i = 0; i < timers; i++) {
                pending.add(new Engine.Timer(in.readLong(), in.readInt(), Bin.readString(in)));
            }
            engine.restore(meta.watermark, remapTimers(pending, in, engine));
        }
        try (DataInputStream in = open(snap.resolve("profiles.bin"))) {
            ProfileCodec.read(engine.profiles(), in);
        }
        for (Engine.Slot<?> slot : engine.slots()) {
            Path f = snap.resolve("detector-" + slot.detector().id() + ".bin");
            if (Files.exists(f)) {
                try (DataInputStream in = open(f)) {
                    readSlot(slot, in);
                }
            }
        }
        Path open = snap.resolve("open-findings.jsonl");
        if (Files.exists(open)) {
            for (String line : Files.readAllLines(open, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = FindingJson.MAPPER.readTree(line);
                Finding f = FindingJson.read(n.get("finding"));
                engine.tracker().restore(f, n.get("window_end").asLong(), n.get("dirty").asBoolean());
            }
        }
        meta.incidents = readCarry(snap);
        return meta;
    }

    /** Timers are saved with detector ids, since the set of enabled detectors may change between runs. */
    private static List<Engine.Timer> remapTimers(List<Engine.Timer> saved, DataInputStream in, Engine engine)
            throws IOException {
        int n = in.readInt();
        List<String> savedIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            savedIds.add(in.readUTF());
        }
        Map<String, Integer> now = new TreeMap<>();
        for (int i = 0; i < engine.slots().size(); i++) {
            now.put(engine.slots().get(i).detector().id(), i);
        }
        List<Engine.Timer> out = new ArrayList<>();
        for (Engine.Timer t : saved) {
            Integer idx = now.get(savedIds.get(t.slot()));
            if (idx != null) {
                out.add(new Engine.Timer(t.time(), idx, t.key()));
            }
        }
        return out;
    }

    private static <S> void readSlot(Engine.Slot<S> slot, DataInputStream in) throws IOException {
        Detector<S> d = slot.detector();
        StateCodec<S> codec = d.codec();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = Bin.readString(in);
            slot.states().put(key, codec.read(in));
        }
    }

    /** Writes a new snapshot of the engine and publishes it. */
    public void save(Engine engine, Meta meta) throws IOException {
        Files.createDirectories(dir);
        int next = nextNumber();
        String name = String.format("snapshot-%06d", next);
        Path tmp = dir.resolve(name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        // The engine's, the profiles' and each detector's file are independent: written side by side, on as many
        // threads as there are cores (compressing 40 MB of state took a single thread about 2 s at 10M events).
        // Writing only reads the engine, and each state object is read by one thread.
        List<FileWrite> writes = new ArrayList<>();
        writes.add(new FileWrite("profiles.bin", out -> ProfileCodec.write(engine.profiles(), out)));
        writes.add(new FileWrite("engine.bin", out -> writeEngine(engine, out)));
        for (Engine.Slot<?> slot : engine.slots()) {
            writes.add(new FileWrite("detector-" + slot.detector().id() + ".bin", out -> writeSlot(slot, out)));
        }
        writeAll(tmp, writes);
        StringBuilder open = new StringBuilder();
        for (FindingTracker.Open o : engine.tracker().openWindows()) {
            ObjectNode n = FindingJson.MAPPER.createObjectNode();
            n.set("finding", FindingJson.MAPPER.readTree(FindingJson.toJson(o.finding(), SourceInfoUnknown::of)));
            n.put("window_end", o.windowEnd());
            n.put("dirty", o.dirty());
            open.append(FindingJson.MAPPER.writeValueAsString(n)).append('\n');
        }
        writeSynced(tmp.resolve("open-findings.jsonl"), open.toString().getBytes(StandardCharsets.UTF_8));
        writeCarry(tmp, meta.incidents);
        // not gzipped: fingerprints are random bytes, and 60,000 files a day make this the largest file of a long state
        try (DataOutputStream out = createPlain(tmp.resolve(FILES_READ))) {
            meta.filesRead.write(out);
        }
        ObjectNode m = FindingJson.MAPPER.createObjectNode();
        m.put("format_version", FORMAT_VERSION);
        m.put("watermark", resumeWatermark(engine));
        m.put("files_read_count", meta.filesRead.size());
        writeSynced(tmp.resolve("meta.json"), FindingJson.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(m));
        fsync(tmp);
        Path finalDir = dir.resolve(name);
        Files.move(tmp, finalDir, StandardCopyOption.ATOMIC_MOVE);
        Path pointerTmp = dir.resolve(CURRENT + ".tmp");
        writeSynced(pointerTmp, (name + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            Files.move(pointerTmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(pointerTmp, dir.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
        fsync(dir);
        pruneOld(name);
    }

    /** The carried findings, one JSON line each in carry order, and one line per credential, sorted. */
    private static void writeCarry(Path snap, IncidentCarry carry) throws IOException {
        StringBuilder fs = new StringBuilder();
        for (Finding f : carry.findings()) {
            fs.append(FindingJson.toJson(f, SourceInfoUnknown::of)).append('\n');
        }
        writeSynced(snap.resolve(CARRIED_FINDINGS), fs.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder cs = new StringBuilder();
        for (IncidentCarry.Credential c : carry.credentials().values()) {
            ObjectNode n = FindingJson.MAPPER.createObjectNode();
            n.put("credential", c.credential());
            if (c.anchor() == Long.MIN_VALUE) {
                n.putNull("anchor");
            } else {
                n.put("anchor", c.anchor());
            }
            n.put("members_from", c.membersFrom());
            ArrayNode incs = n.putArray("incidents");
            for (IncidentCarry.Emitted e : c.incidents()) {
                incs.addObject().put("incident_id", e.id()).put("first_time", e.firstTime()).put("digest", e.digest());
            }
            cs.append(FindingJson.MAPPER.writeValueAsString(n)).append('\n');
        }
        writeSynced(snap.resolve(CARRIED_CREDENTIALS), cs.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What a snapshot carries into the next run's incidents; nothing for a version-1 snapshot. */
    private static IncidentCarry readCarry(Path snap) throws IOException {
        Path fs = snap.resolve(CARRIED_FINDINGS);
        Path cs = snap.resolve(CARRIED_CREDENTIALS);
        if (!Files.exists(fs) || !Files.exists(cs)) {
            return IncidentCarry.EMPTY;
        }
        List<Finding> findings = new ArrayList<>();
        for (String line : Files.readAllLines(fs, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                findings.add(FindingJson.read(FindingJson.MAPPER.readTree(line)));
            }
        }
        Map<String, IncidentCarry.Credential> credentials = new TreeMap<>();
        for (String line : Files.readAllLines(cs, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = FindingJson.MAPPER.readTree(line);
            List<IncidentCarry.Emitted> incs = new ArrayList<>();
            for (JsonNode e : n.path("incidents")) {
                incs.add(new IncidentCarry.Emitted(e.get("incident_id").asText(), e.get("first_time").asLong(),
                        e.get("digest").asText()));
            }
            JsonNode anchor = n.get("anchor");
            String credential = n.get("credential").asText();
            credentials.put(credential, new IncidentCarry.Credential(credential,
                    anchor == null || anchor.isNull() ? Long.MIN_VALUE : anchor.asLong(), n.get("members_from").asLong(),
                    incs));
        }
        return new IncidentCarry(findings, credentials);
    }

    private static void writeEngine(Engine engine, DataOutputStream out) throws IOException {
        out.writeLong(engine.buffer().maxTime());
        List<CloudTrailEvent> buffered = engine.buffer().snapshot();
        out.writeInt(buffered.size());
        for (CloudTrailEvent e : buffered) {
            EventCodec.write(e, out);
        }
        Map<String, Long> seen = engine.duplicates().snapshot();
        out.writeInt(seen.size());
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            Bin.writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(engine.coverage().firstEventTime());
        out.writeLong(engine.coverage().baseHour());
        byte[] bits = engine.coverage().bits();
        out.writeInt(bits.length);
        out.write(bits);
        List<Engine.Timer> timers = engine.pendingTimers();
        out.writeInt(timers.size());
        for (Engine.Timer t : timers) {
            out.writeLong(t.time());
            out.writeInt(t.slot());
            Bin.writeString(out, t.key());
        }
        out.writeInt(engine.slots().size());
        for (Engine.Slot<?> s : engine.slots()) {
            out.writeUTF(s.detector().id());
        }
    }

    /** One file of a snapshot and what writes it. */
    private record FileWrite(String name, Writer writer) {
        interface Writer {
            void write(DataOutputStream out) throws IOException;
        }
    }

    /** Writes each file, gzipped and synced, several at a time; the first failure is thrown once all have ended. */
    private static void writeAll(Path tmp, List<FileWrite> writes) throws IOException {
        int threads = Math.min(writes.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trailwarden-state");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (FileWrite w : writes) {
                done.add(pool.submit(() -> {
                    try (DataOutputStream out = create(tmp.resolve(w.name()))) {
                        w.writer().write(out);
                    }
                    return null;
                }));
            }
            Throwable failed = null;
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while writing the state");
                }
            }
            if (failed instanceof IOException e) {
                throw e;
            }
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <S> void writeSlot(Engine.Slot<S> slot, DataOutputStream out) throws IOException {
        TreeMap<String, S> sorted = new TreeMap<>(slot.states());
        out.writeInt(sorted.size());
        StateCodec<S> codec = slot.detector().codec();
        for (Map.Entry<String, S> e : sorted.entrySet()) {
            Bin.writeString(out, e.getKey());
            codec.write(e.getValue(), out);
        }
    }

    private int nextNumber() throws IOException {
        int max = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "snapshot-*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    continue;
                }
                try {
                    max = Math.max(max, Integer.parseInt(n.substring("snapshot-".length())));
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
        return max + 1;
    }

    private void pruneOld(String keep) throws IOException {
        List<Path> snaps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "snapshot-*")) {
            ds.forEach(snaps::add);
        }
        snaps.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (int i = 0; i < snaps.size(); i++) {
            String n = snaps.get(i).getFileName().toString();
            boolean stale = n.endsWith(".tmp") || (i < snaps.size() - 2 && !n.equals(keep));
            if (stale) {
                deleteTree(snaps.get(i));
            }
        }
    }

    private static DataOutputStream create(Path f) throws IOException {
        OutputStream os = Files.newOutputStream(f);
        return new DataOutputStream(new BufferedOutputStream(new FastGzip(new SyncOnClose(os, f)), 1 << 16));
    }

    /**
     * gzip at deflate's fastest level. At 10M events the state is about 38 MB before compression: the default
     * level took 1.5 CPU s to compress it to 8.9 MB, the fastest 0.3 s to 11.0 MB. Every hunt saves its state,
     * so the seconds matter more than a quarter more disk.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** As {@link #create}, not gzipped. */
    private static DataOutputStream createPlain(Path f) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(new SyncOnClose(Files.newOutputStream(f), f), 1 << 16));
    }

    private static DataInputStream openPlain(Path f) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
    }

    private static DataInputStream open(Path f) throws IOException {
        InputStream is = Files.newInputStream(f);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(is, 1 << 16), 1 << 16));
    }

    private static void writeSynced(Path f, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }

    private static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open directories; the files themselves were synced
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Closing the file forces it to disk first. */
    private static final class SyncOnClose extends java.io.FilterOutputStream {
        private final Path path;

        SyncOnClose(OutputStream out, Path path) {
            super(out);
            this.path = path;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            super.close();
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }
}
