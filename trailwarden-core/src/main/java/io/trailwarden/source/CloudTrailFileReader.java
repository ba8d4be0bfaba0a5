package io.trailwarden.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.trailwarden.event.CloudTrailEvent;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the records of one file, streaming: a CloudTrail log file ({@code {"Records":[...]}}), a bare
 * JSON array of records, or NDJSON (one record per line); gzip is detected by its magic bytes.
 * Problems are reported with the file and position and never stop the run. Invalid UTF-8 makes the
 * file be read again with replacement characters, skipping the records already delivered, so a stray
 * byte costs one field's text rather than the rest of the file. One instance per thread.
 */
public final class CloudTrailFileReader {
    private static final int BUFFER = 1 << 16;

    private final JsonFactory factory;
    private final RecordDecoder decoder;
    private final InputProblems problems;
    private final InputStream stdin;
    private final SmallFiles smallFiles = new SmallFiles();
    /** Decodes the common case from bytes; {@link #decoder} (Jackson) reads whatever it declines. */
    private final ByteRecordReader byteRecords;
    private final List<CloudTrailEvent> fromBytes = new ArrayList<>();
    /** Parses large CloudTrail files on a pool; null: one thread. */
    private ChunkedReader chunked;

    public CloudTrailFileReader(InputProblems problems) {
        this(problems, System.in);
    }

    public CloudTrailFileReader(InputProblems problems, InputStream stdin) {
        this.factory = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
        this.decoder = new RecordDecoder(factory);
        this.byteRecords = decoder.byteReader();
        this.problems = problems;
        this.stdin = stdin;
    }

    /**
     * Lets this reader parse a large CloudTrail file's chunks on {@code pool} (see {@link ChunkedReader}),
     * {@code parsers} giving the reader of each pool thread; {@code inFlight} chunks are cut ahead.
     */
    void parseLargeFilesOn(ExecutorService pool, Supplier<CloudTrailFileReader> parsers, int inFlight, int chunkSize) {
        this.chunked = new ChunkedReader(pool, parsers, inFlight, chunkSize);
    }

    /** Reads every record of {@code file}; returns the number delivered to {@code sink}. */
    public long read(InputFile file, Consumer<CloudTrailEvent> sink) {
        file = sized(file);
        Counter counter = new Counter(sink, 0);
        try {
            readOnce(file, counter, false);
        } catch (IOException e) {
            if (!isInvalidUtf8(e)) {
                problems.malformedFile(file.display(), position(counter, e), describe(e));
                return counter.delivered;
            }
            if (file.isStdin()) {
                // standard input cannot be read a second time
                problems.malformedFile(file.display(), position(counter, e), "invalid UTF-8 (" + firstLine(e)
                        + "); the rest of standard input was not read");
                return counter.delivered;
            }
            long delivered = counter.delivered;
            problems.skippedRecord(file.display(), "record " + (counter.handled + 1),
                    "invalid UTF-8 (" + firstLine(e) + "); file re-read with replacement characters");
            Counter again = new Counter(sink, counter.handled);
            try {
                readOnce(file, again, true);
            } catch (IOException e2) {
                problems.malformedFile(file.display(), position(again, e2), describe(e2));
            }
            return delivered + again.delivered;
        }
        return counter.delivered;
    }

    /** The file with its size on disk when the caller did not know it: the size picks how it is read. */
    private static InputFile sized(InputFile file) {
        if (file.isStdin() || file.size() > 0) {
            return file;
        }
        try {
            return new InputFile(file.path(), file.display(), file.orderTime(), Files.size(file.path()));
        } catch (IOException | RuntimeException e) {
            return file; // opening it will report the problem
        }
    }

    /**
     * Jackson reports bad UTF-8 in a byte stream as a parse error ("Invalid UTF-8 start byte ..."), and
     * a reader-based decoder as a {@link CharConversionException}: both mean the bytes, not the JSON, are bad.
     */
    private static boolean isInvalidUtf8(IOException e) {
        if (e instanceof CharConversionException) {
            return true;
        }
        if (e instanceof JsonParseException) {
            String m = ((JsonParseException) e).getOriginalMessage();
            return m != null && m.startsWith("Invalid UTF-8");
        }
        return false;
    }

    /** The first event time of a file, or {@link Long#MAX_VALUE}; used to order files without a name time. */
    public long firstEventTime(InputFile file) {
        long[] first = {Long.MAX_VALUE};
        InputProblems quiet = new InputProblems() {
            @Override
            public void malformedFile(String path, String position, String error) {
            }

            @Override
            public void skippedRecord(String path, String position, String error) {
            }
        };
        CloudTrailFileReader peek = new CloudTrailFileReader(quiet, stdin);
        Counter c = new Counter(e -> {
            first[0] = e.time();
            throw new StopReading();
        }, 0);
        try {
            peek.readOnce(file, c, true);
        } catch (StopReading | IOException ignored) {
            // first[0] holds what we found, if anything
        }
        return first[0];
    }

    private void readOnce(InputFile file, Counter sink, boolean lenient) throws IOException {
        if (!lenient && smallFiles.fits(file)) {
            SmallFiles.Bytes b = smallFiles.load(file);
            if (b != null) {
                readBytes(file, b, sink);
                return;
            }
        }
        try (InputStream raw = open(file)) {
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            int firstByte = firstNonSpace(in);
            if (firstByte < 0) {
                problems.malformedFile(file.display(), "byte 0", "empty file: no records");
                return;
            }
            if (!lenient && chunked != null && !file.isStdin() && file.size() > SmallFiles.MAX_FILE
                    && startsWith(in, ChunkedReader.PREFIX)) {
                chunked.read(file, in, sink, this);
                return;
            }
            try (JsonParser p = lenient ? factory.createParser(lenientReader(in)) : factory.createParser(in)) {
                parse(p, file, sink);
            }
        }
    }

    private void readBytes(InputFile file, SmallFiles.Bytes b, Counter sink) throws IOException {
        int start = b.offset();
        int end = b.offset() + b.length();
        while (start < end && (b.data()[start] == ' ' || b.data()[start] == '\n' || b.data()[start] == '\r'
                || b.data()[start] == '\t')) {
            start++;
        }
        if (start == end) {
            problems.malformedFile(file.display(), "byte 0", "empty file: no records");
            return;
        }
        try {
            if (byteRecords.read(b.data(), start, end, fromBytes)) {
                for (CloudTrailEvent e : fromBytes) {
                    sink.index++;
                    sink.accept(e);
                    sink.handled = sink.index;
                }
                return;
            }
        } finally {
            fromBytes.clear();
        }
        try (JsonParser p = factory.createParser(b.data(), b.offset(), b.length())) {
            decoder.readingFrom(p, b.data(), b.offset());
            parse(p, file, sink);
        } finally {
            decoder.readingFrom(null, null, 0);
        }
    }

    /** Parses one chunk of a large file (on a pool thread), deferring its reports to the in-order delivery. */
    ChunkedReader.Parsed parseChunk(InputFile file, byte[] buf, int length) {
        List<CloudTrailEvent> events = new ArrayList<>(Math.max(16, length >> 10));
        if (byteRecords.read(buf, 0, length, events)) {
            return new ChunkedReader.Parsed(events, List.of(), events.size(), null);
        }
        Counter c = new Counter(events::add, 0);
        c.deferred = new ArrayList<>();
        try (JsonParser p = factory.createParser(buf, 0, length)) {
            decoder.readingFrom(p, buf, 0);
            parse(p, file, c);
            return new ChunkedReader.Parsed(events, c.deferred, c.index, null);
        } catch (IOException e) {
            return new ChunkedReader.Parsed(null, null, 0, e);
        } finally {
            decoder.readingFrom(null, null, 0);
        }
    }

    /** The one-thread parser over the rest of a chunked file; positions are bytes, {@code byteBase} before {@code in}. */
    void parseRest(InputFile file, InputStream in, Counter counter, long byteBase) throws IOException {
        counter.byteBase = byteBase;
        try (JsonParser p = factory.createParser(in)) {
            parse(p, file, counter);
        }
    }

    void reportSkipped(InputFile file, long index, long byteOffset, String message) {
        problems.skippedRecord(file.display(), recordAtByte(index, byteOffset), message);
    }

    /** "record N (byte B)" in a chunked file; "record N" when the byte is not known (-1). */
    private static String recordAtByte(long index, long byteOffset) {
        return "record " + index + (byteOffset < 0 ? "" : " (byte " + byteOffset + ")");
    }

    private static boolean startsWith(BufferedInputStream in, byte[] prefix) throws IOException {
        in.mark(prefix.length);
        try {
            for (byte b : prefix) {
                if (in.read() != (b & 0xff)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    private void parse(JsonParser p, InputFile file, Counter sink) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
            readArray(file, p, sink);
        } else if (t == JsonToken.START_OBJECT) {
            readObjects(file, p, sink);
        } else {
            throw new JsonParseException(p, "expected a JSON object or array, found " + t);
        }
    }

    /**
     * One or more {"Records":[...]} containers (CloudTrail files, or several of them concatenated as by
     * {@code zcat *.json.gz | trailwarden hunt -}), or a sequence of root-level record objects (NDJSON).
     */
    private void readObjects(InputFile file, JsonParser p, Counter sink) throws IOException {
        String f = p.nextFieldName();
        if ("Records".equals(f)) {
            while (true) {
                if ("Records".equals(f)) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new JsonParseException(p, "\"Records\" is not an array");
                    }
                    readArray(file, p, sink);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        p.skipChildren(); // fields after Records, if any
                    }
                } else {
                    recordFromOpenObject(file, p, sink, f);
                }
                JsonToken t = p.nextToken();
                while (t != null && t != JsonToken.START_OBJECT) {
                    sink.index++;
                    if (sink.index > sink.skip) {
                        skipped(file, p, sink, "not a JSON object: " + t);
                    }
                    p.skipChildren();
                    sink.handled = sink.index;
                    t = p.nextToken();
                }
                if (t == null) {
                    return;
                }
                f = p.nextFieldName();
            }
        }
        // NDJSON or a single record: the first object is already open, its first field read.
        recordFromOpenObject(file, p, sink, f);
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            if (t == JsonToken.START_OBJECT) {
                record(file, p, sink);
            } else {
                sink.index++;
                if (sink.index > sink.skip) {
                    skipped(file, p, sink, "not a JSON object: " + t);
                }
                p.skipChildren();
                sink.handled = sink.index;
            }
        }
    }

    private void readArray(InputFile file, JsonParser p, Counter sink) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new EOFException("unexpected end of input inside the records array");
            }
            if (t == JsonToken.START_OBJECT) {
                record(file, p, sink);
            } else {
                sink.index++;
                if (sink.index > sink.skip) {
                    skipped(file, p, sink, "not a JSON object: " + t);
                }
                p.skipChildren();
                sink.handled = sink.index;
            }
        }
    }

    private void record(InputFile file, JsonParser p, Counter sink) throws IOException {
        sink.index++;
        if (sink.index <= sink.skip) {
            p.skipChildren();
            sink.handled = sink.index;
            return;
        }
        try {
            sink.accept(decoder.decode(p));
        } catch (RecordDecoder.BadRecord e) {
            skipped(file, p, sink, e.getMessage());
        }
        sink.handled = sink.index;
    }

    /** The first NDJSON object, whose START_OBJECT and first field name were consumed to sniff the format. */
    private void recordFromOpenObject(InputFile file, JsonParser p, Counter sink, String firstField) throws IOException {
        // Re-decoding from the middle of an object is not possible with the decoder's API, so the
        // first field is handled by letting the decoder see a synthetic view: simplest is to buffer
        // the object into a token buffer and decode from it.
        com.fasterxml.jackson.databind.util.TokenBuffer buf = new com.fasterxml.jackson.databind.util.TokenBuffer(p, null);
        buf.writeStartObject();
        if (firstField != null) {
            buf.writeFieldName(firstField);
            p.nextToken();
            buf.copyCurrentStructure(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                buf.copyCurrentStructure(p);
            }
        }
        buf.writeEndObject();
        try (JsonParser bp = buf.asParser()) {
            bp.nextToken();
            sink.index++;
            if (sink.index <= sink.skip) {
                sink.handled = sink.index;
                return;
            }
            try {
                sink.accept(decoder.decode(bp));
            } catch (RecordDecoder.BadRecord e) {
                skipped(file, null, sink, e.getMessage());
            }
            sink.handled = sink.index;
        }
    }

    private InputStream open(InputFile file) throws IOException {
        InputStream in = file.isStdin() ? new NonClosing(stdin) : Files.newInputStream(file.path());
        BufferedInputStream b = new BufferedInputStream(in, BUFFER);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        if (m1 == 0x1f && m2 == 0x8b) {
            GZIPInputStream gz = new GZIPInputStream(b, BUFFER);
            return file.isStdin() || file.size() > SmallFiles.MAX_FILE ? new ReadAheadInputStream(gz) : gz;
        }
        return b;
    }

    private static int firstNonSpace(BufferedInputStream in) throws IOException {
        while (true) {
            in.mark(4);
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            if (c == 0xEF) { // UTF-8 byte-order mark: the parser skips it itself
                in.reset();
                return c;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                in.reset();
                return c;
            }
        }
    }

    private static Reader lenientReader(InputStream in) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(in, d);
    }

    /** Reports a skipped record now, or defers it when parsing a chunk. */
    private void skipped(InputFile file, JsonParser p, Counter sink, String message) {
        if (sink.deferred != null) {
            sink.deferred.add(new Deferred(sink.index, p == null ? -1 : p.currentLocation().getByteOffset(), message));
        } else {
            problems.skippedRecord(file.display(), p == null ? "record " + sink.index : where(p, sink), message);
        }
    }

    private static String where(JsonParser p, Counter sink) {
        JsonLocation l = p.currentLocation();
        if (sink.byteBase != NO_BASE) {
            return recordAtByte(sink.index, sink.byteBase + l.getByteOffset());
        }
        return "record " + sink.index + " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** Where reading stopped: the line and column when the parser knows them, and the records read whole before. */
    private static String position(Counter c, IOException e) {
        if (e instanceof JsonParseException) {
            JsonLocation l = ((JsonParseException) e).getLocation();
            if (l != null && c.byteBase != NO_BASE && l.getByteOffset() >= 0) {
                return "byte " + (c.byteBase + l.getByteOffset()) + " (after record " + c.handled + ")";
            }
            if (l != null && l.getLineNr() > 0) {
                return "line " + l.getLineNr() + ", column " + l.getColumnNr() + " (after record " + c.handled + ")";
            }
        }
        return "after record " + c.handled;
    }

    private static String describe(IOException e) {
        if (e instanceof EOFException || e instanceof ZipException) {
            String m = e.getMessage() == null ? "" : ": " + e.getMessage();
            return "truncated or corrupt input" + m;
        }
        if (e instanceof JsonParseException) {
            return "malformed JSON: " + ((JsonParseException) e).getOriginalMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static final long NO_BASE = Long.MIN_VALUE;

    /** A skipped record of a chunk, reported when the chunk is delivered: its index in the chunk, byte offset in it. */
    record Deferred(long index, long offset, String message) {
    }

    /** Counts records and delivers those past {@code skip} (the re-read after invalid UTF-8). */
    static final class Counter {
        final Consumer<CloudTrailEvent> sink;
        final long skip;
        long index;
        long handled;
        long delivered;
        /** Positions are bytes from this offset when set (a chunked file); line and column otherwise. */
        long byteBase = NO_BASE;
        /** Reports held for in-order delivery (a chunk parsed on a pool thread); null: report at once. */
        List<Deferred> deferred;

        Counter(Consumer<CloudTrailEvent> sink, long skip) {
            this.sink = sink;
            this.skip = skip;
        }

        void accept(CloudTrailEvent e) {
            if (index > skip) {
                delivered++;
                sink.accept(e);
            }
        }
    }

    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading() {
            super(null, null, false, false);
        }
    }

    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
