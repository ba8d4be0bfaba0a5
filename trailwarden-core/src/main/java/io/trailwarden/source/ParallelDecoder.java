package io.trailwarden.source;

import io.trailwarden.event.CloudTrailEvent;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Decodes files on several threads and hands their events to one consumer in file order, so the
 * result never depends on the thread count. Each file streams through a small bounded queue of
 * batches: a 2 GB file never sits in memory. At least {@code threads + 1} files are in flight, and up
 * to {@value #MAX_AHEAD} while together they are under {@value #MAX_AHEAD_BYTES} bytes on disk.
 */
public final class ParallelDecoder implements AutoCloseable {
    private static final int BATCH = 2048;
    /**
     * Files decoded ahead of the consumer: at least one per thread plus one, more while they are small (up
     * to these bounds), so that threads are not parked and woken for every five-minute file of a few KB.
     * Not more: when detection is the slower side, everything decoded ahead waits in the heap, and 8 MB of
     * files on disk (some 100,000 events) made the 10M-event hunt cost 4 CPU s more than 2 MB (garbage
     * collection copying them, and events evicted from the cache before the engine reads them), while the
     * decode floor ran as fast with either.
     */
    private static final int MAX_AHEAD = 256;
    private static final long MAX_AHEAD_BYTES = 2L << 20;
    private static final List<CloudTrailEvent> END = new ArrayList<>(0);

    /** Receives each file's events, then the end of the file. */
    public interface Sink {
        void event(CloudTrailEvent e);

        void fileDone(InputFile file, long records);
    }

    private final int threads;
    private final InputProblems problems;
    private final InputStream stdin;
    private final ExecutorService pool;
    /** Parses chunks of large files (see {@link ChunkedReader}); separate from {@link #pool}, whose threads may wait on a full queue. */
    private final ExecutorService chunkPool;
    private final ThreadLocal<CloudTrailFileReader> readers;
    /** The problems of the file a decoding thread is reading, while it reads it (see {@link Job#reports}). */
    private final ThreadLocal<InputProblems> fileProblems = new ThreadLocal<>();
    /** What the readers report to: the reading file's own list, or the caller's when no file is being read. */
    private final InputProblems routed = new InputProblems() {
        @Override
        public void malformedFile(String path, String position, String error) {
            target().malformedFile(path, position, error);
        }

        @Override
        public void skippedRecord(String path, String position, String error) {
            target().skippedRecord(path, position, error);
        }

        private InputProblems target() {
            InputProblems p = fileProblems.get();
            return p != null ? p : problems;
        }
    };

    public ParallelDecoder(int threads, InputProblems problems, InputStream stdin) {
        this.threads = Math.max(1, threads);
        this.problems = problems;
        this.stdin = stdin;
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "trailwarden-decode");
            t.setDaemon(true);
            return t;
        });
        this.chunkPool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "trailwarden-parse");
            t.setDaemon(true);
            return t;
        });
        this.readers = ThreadLocal.withInitial(() -> {
            CloudTrailFileReader reader = new CloudTrailFileReader(routed, stdin);
            reader.parseLargeFilesOn(chunkPool, this::reader, this.threads + 1, ChunkedReader.CHUNK);
            return reader;
        });
    }

    private CloudTrailFileReader reader() {
        return readers.get();
    }

    /** Decodes {@code files}, handing their events to {@code sink} in file order. */
    public void decode(List<InputFile> files, Sink sink) throws InterruptedException {
        BlockingQueue<Object> days = new ArrayBlockingQueue<>(2);
        days.add(files);
        days.add(END);
        decode(new Feed(days), sink);
    }

    /**
     * Decodes every file of {@code plan}, one day after another, as {@link InputPlan#forEachDay} lists them.
     * The listing runs on a thread of its own, at most one day ahead, and the decoding window runs on across the
     * days: listing a day's folders (some 5,000 files) and finishing the last files of the day before are not
     * pauses in which the decoding threads wait. The events reach {@code sink} in the plan's order as before.
     */
    public void decode(InputPlan plan, Sink sink) throws InterruptedException {
        BlockingQueue<Object> days = new ArrayBlockingQueue<>(1);
        Thread lister = new Thread(() -> {
            Object last = END;
            try {
                plan.forEachDay(days::put);
            } catch (InterruptedException e) {
                return; // the consumer has stopped
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                days.put(last);
            } catch (InterruptedException e) {
                // the consumer has stopped
            }
        }, "trailwarden-list");
        lister.setDaemon(true);
        lister.start();
        try {
            decode(new Feed(days), sink);
        } finally {
            lister.interrupt();
        }
    }

    private void decode(Feed feed, Sink sink) throws InterruptedException {
        ArrayDeque<Job> inFlight = new ArrayDeque<>();
        long aheadBytes = 0;
        while (true) {
            // Jobs in flight are the file being consumed and those after it; aheadBytes is their size on disk.
            while (inFlight.size() < MAX_AHEAD) {
                InputFile next = feed.peek(inFlight.isEmpty());
                if (next == null || inFlight.size() >= threads + 1 && aheadBytes + next.size() > MAX_AHEAD_BYTES) {
                    break;
                }
                feed.take();
                Job j = new Job(next);
                aheadBytes += next.size();
                inFlight.add(j);
                pool.execute(j);
            }
            Job j = inFlight.poll();
            if (j == null) {
                return;
            }
            aheadBytes -= j.file.size();
            while (true) {
                List<CloudTrailEvent> batch = j.queue.take();
                if (batch == END) {
                    break;
                }
                for (CloudTrailEvent e : batch) {
                    sink.event(e);
                }
            }
            j.reports.replayTo(problems);
            sink.fileDone(j.file, j.records);
        }
    }

    /** The files to decode, from a queue of lists of files ended by {@link #END} (or an exception of the lister). */
    private static final class Feed {
        private final BlockingQueue<Object> lists;
        private List<?> current = List.of();
        private int next;
        private boolean ended;
        private Throwable failure;

        Feed(BlockingQueue<Object> lists) {
            this.lists = lists;
        }

        /**
         * The next file without taking it; null at the end, or when {@code wait} is false and the next list is not
         * there yet.
         */
        InputFile peek(boolean wait) throws InterruptedException {
            while (next == current.size()) {
                if (ended) {
                    // The lister's failure comes once the files listed before it are consumed, as it did when
                    // the consumer listed each day itself.
                    if (wait && failure instanceof RuntimeException e) {
                        throw e;
                    }
                    if (wait && failure instanceof Error e) {
                        throw e;
                    }
                    return null;
                }
                Object o = wait ? lists.take() : lists.poll();
                if (o == null) {
                    return null;
                }
                if (o == END) {
                    ended = true;
                } else if (o instanceof Throwable t) {
                    ended = true;
                    failure = t;
                } else {
                    current = (List<?>) o;
                    next = 0;
                }
            }
            return (InputFile) current.get(next);
        }

        void take() {
            next++;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        chunkPool.shutdownNow();
    }

    private final class Job implements Runnable {
        final InputFile file;
        final BlockingQueue<List<CloudTrailEvent>> queue = new ArrayBlockingQueue<>(8);
        /**
         * The file's problems, reported to the caller when the file's turn comes: in file order whatever thread
         * read it, so that the messages and run.json's list of malformed files are the same from run to run.
         * Published to the consumer by the queue's END.
         */
        final ProblemList reports = new ProblemList();
        volatile long records;

        Job(InputFile file) {
            this.file = file;
        }

        @Override
        public void run() {
            List<CloudTrailEvent>[] batch = new List[] {new ArrayList<>(BATCH)};
            Consumer<CloudTrailEvent> sink = e -> {
                batch[0].add(e);
                if (batch[0].size() >= BATCH) {
                    put(batch[0]);
                    batch[0] = new ArrayList<>(BATCH);
                }
            };
            fileProblems.set(reports);
            try {
                records = readers.get().read(file, sink);
            } catch (RuntimeException e) {
                reports.malformedFile(file.display(), "unknown", "unexpected error: " + e);
            } finally {
                fileProblems.remove();
                if (!batch[0].isEmpty()) {
                    put(batch[0]);
                }
                put(END);
            }
        }

        private void put(List<CloudTrailEvent> b) {
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("decoding interrupted", e);
            }
        }
    }

    /** Problems kept in the order reported, to be replayed. */
    private static final class ProblemList implements InputProblems {
        private record Problem(boolean malformed, String path, String position, String error) {
        }

        private final List<Problem> list = new ArrayList<>(0);

        @Override
        public void malformedFile(String path, String position, String error) {
            list.add(new Problem(true, path, position, error));
        }

        @Override
        public void skippedRecord(String path, String position, String error) {
            list.add(new Problem(false, path, position, error));
        }

        void replayTo(InputProblems to) {
            for (Problem p : list) {
                if (p.malformed()) {
                    to.malformedFile(p.path(), p.position(), p.error());
                } else {
                    to.skippedRecord(p.path(), p.position(), p.error());
                }
            }
        }
    }
}
