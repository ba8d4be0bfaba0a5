package io.trailwarden.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source (a {@code GZIPInputStream} over a large file) on another thread, a few chunks ahead,
 * so that inflating and JSON parsing of one file run on two cores. Files are merged in order, so a large
 * file's parser would otherwise do both alone while the next file's decoder waits with a full queue.
 * At most {@value #AHEAD} chunks of {@value #CHUNK} bytes are held. An error of the source is thrown
 * where the reader reaches it, as if it were reading the source itself.
 */
final class ReadAheadInputStream extends InputStream {
    static final int CHUNK = 1 << 18;
    static final int AHEAD = 4;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trailwarden-inflate");
        t.setDaemon(true);
        return t;
    });

    private record Chunk(byte[] data, int length, IOException error) {
        static final Chunk END = new Chunk(new byte[0], -1, null);
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(AHEAD);
    private volatile boolean closed;
    private Chunk current;
    private int pos;

    ReadAheadInputStream(InputStream source) {
        this.source = source;
        THREADS.execute(this::fill);
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] b = new byte[CHUNK];
                int n = source.readNBytes(b, 0, CHUNK);
                if (n > 0 && !offer(new Chunk(b, n, null))) {
                    return;
                }
                if (n < CHUNK) {
                    offer(Chunk.END);
                    return;
                }
            }
        } catch (IOException e) {
            offer(new Chunk(null, 0, e));
        } catch (RuntimeException e) {
            offer(new Chunk(null, 0, new IOException(e)));
        }
    }

    /** Waits for room unless the reader has gone; false when it has. */
    private boolean offer(Chunk c) {
        try {
            while (!closed) {
                if (chunks.offer(c, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private boolean next() throws IOException {
        if (current == Chunk.END) {
            return false;
        }
        if (current != null && pos < current.length()) {
            return true;
        }
        try {
            current = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading interrupted");
        }
        pos = 0;
        if (current.error() != null) {
            IOException e = current.error();
            current = Chunk.END;
            throw e;
        }
        return current != Chunk.END;
    }

    @Override
    public int read() throws IOException {
        return next() ? current.data()[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        chunks.clear();
        source.close();
    }
}
