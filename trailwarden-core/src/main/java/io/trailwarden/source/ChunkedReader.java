package io.trailwarden.source;

import io.trailwarden.event.CloudTrailEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Parses one large CloudTrail stream ({@code {"Records":[...]}}, or several such files concatenated) on
 * several threads, with exactly the records, order and reports of the one-thread parser.
 *
 * <p>Files are merged in order, so a large file used to be parsed by one thread while the next file's decoder
 * waited with a full queue: on an archive of large files the floor used 1.4 of 2 cores. Here the file's
 * thread only cuts the inflated stream into chunks of about {@value #CHUNK} bytes; a pool parses them and
 * the file's thread delivers their records in order.
 *
 * <p>A cut is made where one record ends and the next begins: at {@code },{"eventVersion":}, which CloudTrail
 * writes between records (eventVersion comes first). Such bytes cannot lie inside a JSON string (an
 * unescaped quote ends a string, and a string is never followed by a name), but they can lie inside a
 * record, for instance in an attacker's request parameters. Each chunk is parsed as a document of its own,
 * the synthetic {@code {"Records":[} before it and {@code ]}} after it, so a cut inside a record always
 * leaves that chunk unbalanced, hence a parse error. On any error, of a chunk or of the source, the rest of
 * the stream is parsed by the one-thread parser from the last chunk delivered whole, so a bad cut costs
 * speed, never records, and a malformed or truncated file is reported as the one-thread parser reports it.
 * Positions are bytes of the inflated stream (a CloudTrail file is one line: its columns are bytes too).
 */
final class ChunkedReader {
    static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    /** What follows the {@code '}'} that ends a record when CloudTrail's next record begins. */
    private static final byte[] NEXT = ",{\"eventVersion\":".getBytes(StandardCharsets.US_ASCII);
    static final int CHUNK = 4 << 20;

    /** What a pool thread made of one chunk. */
    record Parsed(List<CloudTrailEvent> events, List<CloudTrailFileReader.Deferred> problems, long records,
                  IOException failure) {
    }

    /**
     * A chunk: {@code buf[0, length)} is parsed; the stream's own bytes are {@code buf[contentStart, ...)}
     * (before it, the real or the synthetic prefix), the first of them at {@code streamStart} in the stream.
     * {@code comma} is where the stream's comma before the next record was (overwritten by the suffix), -1 for
     * the last chunk.
     */
    private static final class Part {
        byte[] buf;
        final int contentStart;
        final long streamStart;
        int length;
        int comma = -1;
        Future<Parsed> result;

        Part(byte[] buf, int contentStart, long streamStart) {
            this.buf = buf;
            this.contentStart = contentStart;
            this.streamStart = streamStart;
        }

        /** The stream's bytes of this chunk, from {@code from} (0 to include the prefix). */
        InputStream streamBytes(int from) {
            if (comma >= 0) {
                buf[comma] = ',';
                return new ByteArrayInputStream(buf, from, comma + 1 - from);
            }
            return new ByteArrayInputStream(buf, from, length - from);
        }
    }

    private final ExecutorService pool;
    private final Supplier<CloudTrailFileReader> parsers;
    private final int inFlight;
    private final int chunkSize;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /**
     * @param parsers the reader of the calling pool thread (readers are not thread-safe)
     * @param inFlight chunks cut ahead of delivery (bounds memory: about {@code inFlight + 1} chunks)
     */
    ChunkedReader(ExecutorService pool, Supplier<CloudTrailFileReader> parsers, int inFlight, int chunkSize) {
        this.pool = pool;
        this.parsers = parsers;
        this.inFlight = Math.max(1, inFlight);
        this.chunkSize = Math.max(chunkSize, PREFIX.length + 64);
    }

    /** Reads {@code in}, which the caller has seen begin with {@link #PREFIX}, into {@code counter}. */
    void read(InputFile file, InputStream in, CloudTrailFileReader.Counter counter, CloudTrailFileReader self)
            throws IOException {
        ArrayDeque<Part> pending = new ArrayDeque<>();
        Part cur = new Part(take(), 0, 0);
        int filled = 0;
        IOException sourceError = null;
        try {
            while (true) {
                int n;
                try {
                    n = in.read(cur.buf, filled, cur.buf.length - filled);
                } catch (IOException e) {
                    sourceError = e;
                    break;
                }
                if (n < 0) {
                    break;
                }
                filled += n;
                if (filled < cur.buf.length) {
                    continue;
                }
                int end = lastRecordEnd(cur.buf, PREFIX.length, filled);
                if (end < 0) {
                    // no record ends in a whole chunk (a huge record, or not CloudTrail's compact layout):
                    // rather than hold more, the rest is read by one thread
                    drain(file, pending, 0, counter, self); // on a failure, fallBack starts from that chunk
                    fallBack(file, pending, cur, filled, in, null, counter, self);
                    return;
                }
                int rest = filled - (end + 2);
                Part next = new Part(take(), PREFIX.length, cur.streamStart + end + 2 - cur.contentStart);
                System.arraycopy(PREFIX, 0, next.buf, 0, PREFIX.length);
                System.arraycopy(cur.buf, end + 2, next.buf, PREFIX.length, rest);
                cur.comma = end + 1;
                cur.buf[end + 1] = ']';
                cur.buf[end + 2] = '}';
                cur.length = end + 3;
                submit(file, cur, pending);
                cur = next;
                filled = PREFIX.length + rest;
                if (!drain(file, pending, inFlight, counter, self)) {
                    fallBack(file, pending, cur, filled, in, null, counter, self);
                    return;
                }
            }
            if (sourceError == null) {
                cur.length = filled;
                submit(file, cur, pending);
                cur = null;
            }
            if (!drain(file, pending, 0, counter, self) || sourceError != null) {
                fallBack(file, pending, cur, filled, in, sourceError, counter, self);
            }
        } finally {
            for (Part p : pending) {
                if (p.result != null) {
                    p.result.cancel(false);
                }
            }
        }
    }

    /**
     * Delivers pending chunks in order until at most {@code keep} are left; false at the first that failed (it
     * stays first in pending).
     */
    private boolean drain(InputFile file, ArrayDeque<Part> pending, int keep, CloudTrailFileReader.Counter counter,
                          CloudTrailFileReader self) throws IOException {
        while (pending.size() > keep) {
            if (!deliver(file, pending.peekFirst(), counter, self)) {
                return false;
            }
            recycle(pending.pollFirst());
        }
        return true;
    }

    private void submit(InputFile file, Part p, ArrayDeque<Part> pending) {
        byte[] buf = p.buf;
        int length = p.length;
        p.result = pool.submit(() -> parsers.get().parseChunk(file, buf, length));
        pending.addLast(p);
    }

    /** Delivers a parsed chunk's records and reports in order; false when it failed to parse. */
    private static boolean deliver(InputFile file, Part p, CloudTrailFileReader.Counter counter,
                                   CloudTrailFileReader self) throws IOException {
        Parsed r;
        try {
            r = p.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("decoding interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("parsing a chunk of " + file.display() + " failed", e.getCause());
        }
        if (r.failure() != null) {
            return false;
        }
        long base = p.streamStart - p.contentStart;
        for (CloudTrailFileReader.Deferred d : r.problems()) {
            self.reportSkipped(file, counter.index + d.index(), d.offset() < 0 ? -1 : base + d.offset(), d.message());
        }
        for (CloudTrailEvent e : r.events()) {
            counter.delivered++; // no skip: chunks are only cut on the first, strict reading
            counter.sink.accept(e);
        }
        counter.index += r.records();
        counter.handled = counter.index;
        return true;
    }

    /**
     * Parses the rest with the one-thread parser: from the first undelivered chunk (with its prefix), through
     * the later chunks and the unsubmitted bytes, then what the source has left, or its error.
     */
    private static void fallBack(InputFile file, ArrayDeque<Part> pending, Part cur, int filled, InputStream in,
                                 IOException sourceError, CloudTrailFileReader.Counter counter,
                                 CloudTrailFileReader self) throws IOException {
        List<InputStream> parts = new ArrayList<>();
        Part first = pending.isEmpty() ? cur : pending.peekFirst();
        for (Part p : pending) {
            p.result.cancel(false);
            parts.add(p.streamBytes(p == first ? 0 : p.contentStart));
        }
        if (cur != null) {
            int from = cur == first ? 0 : cur.contentStart;
            parts.add(new ByteArrayInputStream(cur.buf, from, filled - from));
        }
        if (sourceError != null) {
            parts.add(new InputStream() {
                @Override
                public int read() throws IOException {
                    throw sourceError;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw sourceError;
                }
            });
        } else {
            parts.add(in);
        }
        pending.clear();
        self.parseRest(file, new SequenceInputStream(Collections.enumeration(parts)), counter,
                first.streamStart - first.contentStart);
    }

    /**
     * The index of the {@code '}'} that ends the last record of {@code buf[from, to)} followed by the next
     * record's {@code ,{"eventVersion":} in full; -1 if none.
     */
    static int lastRecordEnd(byte[] buf, int from, int to) {
        for (int i = to - NEXT.length; i > from; i--) {
            if (buf[i] == ',' && buf[i - 1] == '}' && buf[i + 1] == '{' && matches(buf, i)) {
                return i - 1;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] buf, int at) {
        for (int k = 2; k < NEXT.length; k++) {
            if (buf[at + k] != NEXT[k]) {
                return false;
            }
        }
        return true;
    }

    private byte[] take() {
        byte[] b = free.pollFirst();
        return b != null ? b : new byte[chunkSize];
    }

    private void recycle(Part p) {
        if (p.buf.length == chunkSize && free.size() < inFlight + 2) {
            free.addFirst(p.buf);
        }
    }
}
