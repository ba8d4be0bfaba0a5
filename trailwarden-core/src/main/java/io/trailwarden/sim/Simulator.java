package io.trailwarden.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailwarden.evaluate.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a simulated organisation's CloudTrail as AWS delivers it to S3, with labelled attacks and benign traps,
 * and {@code labels.json}. Streams day by day: only one day's events (and the few delivered after midnight) are
 * held in memory. The same options give byte-identical files.
 */
public final class Simulator {
    /** The period ends at this instant unless told otherwise, so archives are reproducible. */
    public static final LocalDate DEFAULT_END = LocalDate.of(2026, 11, 1);
    static final long FILE_WINDOW = 5 * 60_000L;

    /**
     * @param attacks null for every attack, empty for none, else attack ids
     * @param traps   whether to include the benign traps
     * @param threads file-writing threads (output does not depend on it)
     */
    public record Options(Path out, int days, long seed, double scale, List<String> attacks, boolean traps,
                          LocalDate end, int threads, int gzipLevel) {
        public Options {
            if (days < 1) {
                throw new IllegalArgumentException("--days must be at least 1");
            }
            if (!(scale > 0) || scale > 1000) {
                throw new IllegalArgumentException("--scale must be in (0, 1000]");
            }
        }

        public static Options defaults(Path out) {
            return new Options(out, 21, 1, 1.0, null, true, DEFAULT_END, 2, Deflater.BEST_SPEED);
        }
    }

    public record Result(long events, long files, long bytes, long millis, Path labels, Labels labelSet) {
    }

    private final Options o;
    private final AddressBook book;
    private final JsonFactory json = JsonFactory.builder().build();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final java.util.concurrent.ConcurrentHashMap<Path, Boolean> createdDirs = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<GzipBuffer> buffers;

    public Simulator(Options options, AddressBook book) {
        this.o = options;
        this.book = book;
        this.buffers = ThreadLocal.withInitial(() -> new GzipBuffer(options.gzipLevel()));
    }

    public Simulator(Options options) {
        this(options, AddressBook.bundled());
    }

    /** The known attack and trap ids. */
    public static List<String> attackIds() {
        return Attacks.IDS;
    }

    public static List<String> trapIds() {
        return Traps.IDS;
    }

    public Result run() throws IOException {
        long t0 = System.nanoTime();
        long end = o.end().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long start = end - o.days() * 86_400_000L;
        LocalDate first = o.end().minusDays(o.days());
        Scenario.Period period = new Scenario.Period(start, end, o.days(), o.scale(),
                first.getDayOfWeek().getValue());
        World world = new World(o.seed(), o.scale(), book);
        List<Scenario> attacks = new ArrayList<>();
        for (String id : o.attacks() == null ? Attacks.IDS : o.attacks()) {
            attacks.add(Attacks.create(id));
        }
        List<Scenario> traps = new ArrayList<>();
        if (o.traps()) {
            for (String id : Traps.IDS) {
                traps.add(Traps.create(id));
            }
        }
        for (Scenario s : traps) {
            s.prepare(world, period);
        }
        for (Scenario s : attacks) {
            s.prepare(world, period);
        }
        List<Actor> actors = new ArrayList<>(world.actors);
        actors.addAll(traps);
        actors.addAll(attacks);

        Files.createDirectories(o.out());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()), r -> {
            Thread t = new Thread(r, "simulate-writer");
            t.setDaemon(true);
            return t;
        });
        long events = 0;
        List<Ev> pending = new ArrayList<>();
        long flushedBefore = Long.MIN_VALUE;
        try {
            for (int d = 0; d < o.days(); d++) {
                long dayStart = start + d * 86_400_000L;
                Actor.Day day = new Actor.Day(d, dayStart, DayOfWeek.from(first.plusDays(d)).getValue(), start, end,
                        o.days());
                List<Ev> today = new ArrayList<>();
                for (Actor a : actors) {
                    a.day(day, Rng.of(o.seed(), Rng.hash(a.id), d), today::add);
                }
                for (Ev e : today) {
                    if (e.time < start || e.time >= end) {
                        continue;
                    }
                    // An event whose file window was already written (a person's day began before UTC midnight)
                    // is delivered late, in the next file: CloudTrail does the same.
                    e.delivery = Math.max(e.time + deliveryDelay(e), flushedBefore);
                    pending.add(e);
                    events++;
                }
                long flushBefore = d == o.days() - 1 ? Long.MAX_VALUE : dayStart + 86_400_000L;
                pending = flush(pending, flushBefore, pool);
                flushedBefore = flushBefore;
            }
        } finally {
            pool.shutdown();
        }
        List<Labels.Entry> a = new ArrayList<>();
        for (Scenario s : attacks) {
            a.add(entry(s));
        }
        List<Labels.Entry> tr = new ArrayList<>();
        for (Scenario s : traps) {
            tr.add(entry(s));
        }
        Labels labels = new Labels(o.seed(), o.scale(), o.days(), start, end, events, files.get(), a, tr);
        Path labelFile = o.out().resolve("labels.json");
        labels.write(labelFile);
        return new Result(events, files.get(), bytes.get(), (System.nanoTime() - t0) / 1_000_000, labelFile, labels);
    }

    /** A few minutes usually; some events land in a later file; rarely, for background events, much later. */
    static long deliveryDelay(Ev e) {
        long x = Rng.mix(e.uid ^ 0x64656c6976657279L);
        double u = (x >>> 11) * 0x1.0p-53;
        long y = Rng.mix(x);
        double v = (y >>> 11) * 0x1.0p-53;
        long delay = 40_000L + (long) (v * 250_000);
        if (u < 0.04) {
            delay += 300_000L + (long) (v * 420_000);
        } else if (u < 0.0415 && e.mayBeVeryLate) {
            delay += 960_000L + (long) (v * 1_800_000);
        }
        return delay;
    }

    private static Labels.Entry entry(Scenario s) {
        List<Labels.SessionRef> sessions = new ArrayList<>();
        for (String x : s.sessions) {
            int i = x.indexOf('\n');
            sessions.add(new Labels.SessionRef(x.substring(0, i), x.substring(i + 1)));
        }
        return new Labels.Entry(s.id, s.type, s.description, List.copyOf(s.accessKeys), List.copyOf(s.principalArns),
                sessions, List.copyOf(s.credentials), List.copyOf(s.ips),
                s.start == Long.MAX_VALUE ? Long.MIN_VALUE : s.start, s.end, List.copyOf(s.detections),
                new java.util.TreeMap<>(s.notExpected), s.allowlistAsOrg, List.copyOf(s.firesUntilAllowlisted),
                s.events);
    }

    /** Writes every file whose delivery window closes before {@code before}; returns the events kept. */
    private List<Ev> flush(List<Ev> pending, long before, ExecutorService pool) throws IOException {
        List<Ev> ready = new ArrayList<>();
        List<Ev> keep = new ArrayList<>();
        for (Ev e : pending) {
            long window = Math.floorDiv(e.delivery, FILE_WINDOW) * FILE_WINDOW;
            if (window + FILE_WINDOW <= before) {
                ready.add(e);
            } else {
                keep.add(e);
            }
        }
        ready.sort(Comparator.comparing((Ev e) -> e.account).thenComparing(e -> e.region)
                .thenComparingLong(e -> Math.floorDiv(e.delivery, FILE_WINDOW)).thenComparingLong(e -> e.time)
                .thenComparingLong(e -> e.uid));
        List<Future<?>> jobs = new ArrayList<>();
        int i = 0;
        while (i < ready.size()) {
            Ev f = ready.get(i);
            long w = Math.floorDiv(f.delivery, FILE_WINDOW);
            int j = i;
            while (j < ready.size() && ready.get(j).account.equals(f.account) && ready.get(j).region.equals(f.region)
                    && Math.floorDiv(ready.get(j).delivery, FILE_WINDOW) == w) {
                j++;
            }
            List<Ev> file = ready.subList(i, j);
            jobs.add(pool.submit(() -> {
                writeFile(f.account, f.region, (w + 1) * FILE_WINDOW, file);
                return null;
            }));
            i = j;
        }
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                throw new IOException(c);
            }
        }
        return keep;
    }

    /** The S3 key CloudTrail gives a file, relative to the bucket root. */
    static String key(String account, String region, long fileTime, long seed) {
        String iso = IsoTime.format(fileTime);
        String name = account + "_CloudTrail_" + region + "_" + IsoTime.compact(fileTime) + "_"
                + Ids.alnum(Rng.hash(seed + "/" + account + "/" + region + "/" + fileTime), 16) + ".json.gz";
        return "AWSLogs/" + account + "/CloudTrail/" + region + "/" + iso.substring(0, 4) + "/" + iso.substring(5, 7)
                + "/" + iso.substring(8, 10) + "/" + name;
    }

    private void writeFile(String account, String region, long fileTime, List<Ev> events) throws IOException {
        Path path = o.out().resolve(key(account, region, fileTime, o.seed()));
        Path dir = path.getParent();
        createdDirs.computeIfAbsent(dir, d -> {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Boolean.TRUE;
        });
        GzipBuffer buf = buffers.get();
        buf.start();
        try (JsonGenerator g = json.createGenerator(buf.stream(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Ev e : events) {
                EventWriter.write(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        buf.finish();
        try (OutputStream out = Files.newOutputStream(path)) {
            buf.writeTo(out);
        }
        files.incrementAndGet();
        bytes.addAndGet(buf.size());
    }

    /**
     * A gzip member built in memory with a reused deflater: the same bytes GZIPOutputStream writes (header with
     * mtime 0), without allocating a deflater and buffers for each of the many small files.
     */
    private static final class GzipBuffer {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private final Bytes bytes = new Bytes();
        private CheckedOutputStream checked;
        private DeflaterOutputStream deflating;

        GzipBuffer(int level) {
            deflater = new Deflater(level, true);
        }

        void start() {
            bytes.reset();
            bytes.write(HEADER, 0, HEADER.length);
            deflater.reset();
            crc.reset();
            deflating = new DeflaterOutputStream(bytes, deflater, 1 << 16);
            checked = new CheckedOutputStream(deflating, crc);
        }

        OutputStream stream() {
            return checked;
        }

        void finish() throws IOException {
            deflating.finish();
            int n = (int) deflater.getBytesRead();
            long c = crc.getValue();
            byte[] trailer = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
                (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
            bytes.write(trailer, 0, 8);
        }

        void writeTo(OutputStream out) throws IOException {
            bytes.writeTo(out);
        }

        int size() {
            return bytes.size();
        }

        /** A ByteArrayOutputStream whose close does nothing (the generator closes its target). */
        private static final class Bytes extends java.io.ByteArrayOutputStream {
            Bytes() {
                super(1 << 16);
            }
        }
    }
}
