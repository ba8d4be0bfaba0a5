package io.trailwarden.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The size of a hunt's saved state: per detection, the keys held and their serialised bytes (uncompressed, as the
 * detector's codec writes them, key strings included); for profiles, the principals tracked and their bytes.
 */
final class StateSize {
    private StateSize() {
    }

    static Map<String, Object> of(Path stateDir) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        Path current = stateDir.resolve("CURRENT");
        if (!Files.exists(current)) {
            return r;
        }
        Path snap = stateDir.resolve(Files.readString(current, StandardCharsets.UTF_8).trim());
        long total = 0;
        long totalGz = 0;
        Map<String, Object> detectors = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(snap, "*.bin")) {
            java.util.List<Path> files = new java.util.ArrayList<>();
            ds.forEach(files::add);
            files.sort(null);
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.equals("files-read.bin")) { // not gzipped: a magic number, a count, 16 bytes a file
                    long size = Files.size(f);
                    total += size;
                    totalGz += size;
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("files", (size - 8) / 16);
                    e.put("bytes", size);
                    r.put("files-read", e);
                    continue;
                }
                long[] countAndBytes = count(f, name.equals("profiles.bin") ? 8 : 0);
                long gz = Files.size(f);
                total += countAndBytes[1];
                totalGz += gz;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("entries", countAndBytes[0]);
                e.put("bytes", countAndBytes[1]);
                e.put("gzip_bytes", gz);
                e.put("bytes_per_entry", countAndBytes[0] == 0 ? 0 : countAndBytes[1] / countAndBytes[0]);
                if (name.equals("profiles.bin")) {
                    r.put("profiles", e);
                } else if (name.startsWith("detector-")) {
                    detectors.put(name.substring("detector-".length(), name.length() - ".bin".length()), e);
                } else {
                    e.remove("entries");
                    e.remove("bytes_per_entry");
                    r.put(name.substring(0, name.length() - ".bin".length()), e);
                }
            }
        }
        r.put("detectors", detectors);
        r.put("total_bytes", total);
        r.put("total_gzip_bytes", totalGz);
        return r;
    }

    /** The leading entry count (after {@code skip} bytes) and the uncompressed length of a snapshot file. */
    private static long[] count(Path f, int skip) throws IOException {
        try (InputStream raw = new GZIPInputStream(Files.newInputStream(f), 1 << 16);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            long n;
            try {
                in.skipNBytes(skip);
                n = in.readInt();
            } catch (java.io.EOFException e) {
                return new long[] {0, 0};
            }
            long bytes = skip + 4;
            byte[] buf = new byte[1 << 16];
            int k;
            while ((k = in.read(buf)) > 0) {
                bytes += k;
            }
            return new long[] {n, bytes};
        }
    }
}
