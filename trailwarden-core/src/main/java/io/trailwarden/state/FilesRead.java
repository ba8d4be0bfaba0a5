package io.trailwarden.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The files a state has read, as 128-bit fingerprints of their absolute paths (the first half of a SHA-256).
 *
 * <p>Why not the paths: the set only grows (a file is remembered so that no later run reads it twice, and a
 * file's records may be older than anything the state still holds), and an organisation's trail delivers
 * some 60,000 files a day (13 accounts × 17 regions × one file per five minutes). As strings, 90 days of them
 * took about 1 GB on disk and several in the heap; as fingerprints, 16 bytes each in memory and on disk. A
 * collision would make a run skip a file it never read; with 128 bits its odds stay below 10^-20 for a billion
 * files. SHA-256 rather than a faster hash because file names are chosen by whoever can write to the bucket.
 *
 * <p>Open addressing over one {@code long[]} (two longs a slot, all-zero is free), at most three quarters full
 * (the fingerprints are uniform, so probe runs stay short; 5.7M files take 134 MB of heap). Written
 * sorted, so that the same set is the same bytes whatever order the files were read in.
 */
public final class FilesRead {
    private static final int MAGIC = 0x54574652; // "TWFR"

    private final MessageDigest sha256;
    private long[] slots = new long[2 * 64];
    private int size;

    public FilesRead() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return size;
    }

    public boolean contains(String path) {
        long[] f = fingerprint(path);
        return find(f[0], f[1]) >= 0;
    }

    /** Adds the file; false when it was already there. */
    public boolean add(String path) {
        long[] f = fingerprint(path);
        return add(f[0], f[1]);
    }

    /** Adds every file of {@code other}. */
    public void addAll(FilesRead other) {
        long[] o = other.slots;
        for (int i = 0; i < o.length; i += 2) {
            if (o[i] != 0 || o[i + 1] != 0) {
                add(o[i], o[i + 1]);
            }
        }
    }

    private long[] fingerprint(String path) {
        ByteBuffer b = ByteBuffer.wrap(sha256.digest(path.getBytes(StandardCharsets.UTF_8)));
        long hi = b.getLong();
        long lo = b.getLong();
        return new long[] {hi, hi == 0 && lo == 0 ? 1 : lo}; // all-zero marks a free slot
    }

    private boolean add(long hi, long lo) {
        if (find(hi, lo) >= 0) {
            return false;
        }
        if (overFull(size + 1, slots.length / 2)) {
            long[] old = slots;
            slots = new long[2 * old.length];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0 || old[i + 1] != 0) {
                    put(old[i], old[i + 1]);
                }
            }
        }
        put(hi, lo);
        size++;
        return true;
    }

    /** More than three quarters full. */
    private static boolean overFull(long entries, int capacity) {
        return 4 * entries > 3L * capacity;
    }

    /** The slot index (even) of the fingerprint, or -1. */
    private int find(long hi, long lo) {
        int mask = slots.length / 2 - 1;
        for (int i = home(hi, mask); ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == hi && l == lo) {
                return 2 * i;
            }
            if (h == 0 && l == 0) {
                return -1;
            }
        }
    }

    private void put(long hi, long lo) {
        int mask = slots.length / 2 - 1;
        int i = home(hi, mask);
        while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
            i = (i + 1) & mask;
        }
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
    }

    /** The fingerprint is a cryptographic hash: its low bits are already uniform. */
    private static int home(long hi, int mask) {
        return (int) hi & mask;
    }

    /** Writes the set, sorted. */
    public void write(DataOutputStream out) throws IOException {
        long[] sorted = new long[2 * size];
        int n = 0;
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0 || slots[i + 1] != 0) {
                sorted[n++] = slots[i];
                sorted[n++] = slots[i + 1];
            }
        }
        sortPairs(sorted, 0, size - 1);
        out.writeInt(MAGIC);
        out.writeInt(size);
        for (long v : sorted) {
            out.writeLong(v);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static FilesRead read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a files-read table");
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count of files read: " + n);
        }
        FilesRead r = new FilesRead();
        int capacity = 64;
        while (overFull(n, capacity)) {
            capacity <<= 1;
        }
        r.slots = new long[2 * capacity]; // sized once: no growing while reading
        for (int i = 0; i < n; i++) {
            r.add(in.readLong(), in.readLong());
        }
        return r;
    }

    /** Sorts pairs [2i, 2i+1] for i in [from, to] by (hi, lo), unsigned: a quicksort on the pairs in place. */
    private static void sortPairs(long[] a, int from, int to) {
        while (to - from > 16) {
            int mid = (from + to) >>> 1;
            long ph = a[2 * mid];
            long pl = a[2 * mid + 1];
            int i = from;
            int j = to;
            while (i <= j) {
                while (compare(a, i, ph, pl) < 0) {
                    i++;
                }
                while (compare(a, j, ph, pl) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            // recurse into the smaller side, loop on the larger: the stack stays logarithmic
            if (j - from < to - i) {
                sortPairs(a, from, j);
                from = i;
            } else {
                sortPairs(a, i, to);
                to = j;
            }
        }
        for (int i = from + 1; i <= to; i++) {
            for (int j = i; j > from && compare(a, j, a[2 * (j - 1)], a[2 * (j - 1) + 1]) < 0; j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static int compare(long[] a, int i, long hi, long lo) {
        int c = Long.compareUnsigned(a[2 * i], hi);
        return c != 0 ? c : Long.compareUnsigned(a[2 * i + 1], lo);
    }

    private static void swap(long[] a, int i, int j) {
        long h = a[2 * i];
        long l = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = h;
        a[2 * j + 1] = l;
    }
}
