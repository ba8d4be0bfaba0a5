package io.trailwarden.enrich;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal MaxMind DB (format 2.0) writer for tests: a binary trie with 32-bit records, a data section holding
 * maps, strings, unsigned integers and arrays, and the metadata map. Enough to make GeoLite2-like and
 * ip-location-db-like files that {@code com.maxmind.db.Reader} reads. Spec: maxmind.github.io/MaxMind-DB.
 */
final class MmdbTestWriter {
    private final int ipVersion;
    private final String databaseType;
    private final List<int[]> nodes = new ArrayList<>(); // [left, right]; -1 empty, >=0 node, <= -2 data index
    private final List<Map<String, Object>> data = new ArrayList<>();

    MmdbTestWriter(int ipVersion, String databaseType) {
        this.ipVersion = ipVersion;
        this.databaseType = databaseType;
        nodes.add(new int[] {-1, -1});
    }

    /** Inserts a network, e.g. {@code ("3.82.0.0", 16, map)}; in an IPv6 tree, IPv4 networks go under ::/96. */
    MmdbTestWriter insert(String address, int prefix, Map<String, Object> record) {
        IpAddress a = IpAddress.parse(address);
        int bits;
        long hi;
        long lo;
        if (ipVersion == 4) {
            if (a.isV6()) {
                throw new IllegalArgumentException("IPv6 network in an IPv4 tree");
            }
            bits = 32;
            hi = a.lo() << 32;
            lo = 0;
        } else {
            bits = 128;
            if (a.isV6()) {
                hi = a.hi();
                lo = a.lo();
            } else {
                hi = 0;
                lo = a.lo();
                prefix += 96;
            }
        }
        data.add(record);
        int dataRef = -2 - (data.size() - 1);
        int node = 0;
        for (int d = 0; d < prefix; d++) {
            long word = d < 64 ? hi : lo;
            int bit = (int) ((word >>> (63 - (d % 64))) & 1);
            if (d == prefix - 1) {
                nodes.get(node)[bit] = dataRef;
            } else {
                int next = nodes.get(node)[bit];
                if (next < 0) {
                    nodes.add(new int[] {-1, -1});
                    next = nodes.size() - 1;
                    nodes.get(node)[bit] = next;
                }
                node = next;
            }
        }
        if (bits < prefix) {
            throw new IllegalArgumentException("prefix too long");
        }
        return this;
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream dataSection = new ByteArrayOutputStream();
        int[] offsets = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            offsets[i] = dataSection.size();
            encode(dataSection, data.get(i));
        }
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] n : nodes) {
            for (int r : n) {
                long v;
                if (r == -1) {
                    v = nodeCount;
                } else if (r >= 0) {
                    v = r;
                } else {
                    v = (long) nodeCount + 16 + offsets[-2 - r];
                }
                out.write((int) (v >>> 24));
                out.write((int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            }
        }
        out.write(new byte[16]);
        dataSection.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", (long) nodeCount);
        meta.put("record_size", 32L);
        meta.put("ip_version", (long) ipVersion);
        meta.put("database_type", databaseType);
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", 2L);
        meta.put("binary_format_minor_version", 0L);
        meta.put("build_epoch", 1_700_000_000L);
        meta.put("description", Map.of("en", "Trailwarden test database"));
        encode(out, meta);
        Files.write(file, out.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static void encode(ByteArrayOutputStream out, Object v) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            int len = 0;
            for (long t = n; t != 0; t >>>= 8) {
                len++;
            }
            if (n <= 0xffffffffL) {
                control(out, 6, len); // uint32
            } else {
                control(out, 9, len); // uint64
            }
            for (int i = len - 1; i >= 0; i--) {
                out.write((int) (n >>> (8 * i)));
            }
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                encode(out, e.getKey());
                encode(out, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            control(out, 11, l.size());
            for (Object o : l) {
                encode(out, o);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        byte[] ext;
        if (size < 29) {
            sizeBits = size;
            ext = new byte[0];
        } else if (size < 285) {
            sizeBits = 29;
            ext = new byte[] {(byte) (size - 29)};
        } else {
            int s = size - 285;
            sizeBits = 30;
            ext = new byte[] {(byte) (s >>> 8), (byte) s};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(ext);
    }
}
