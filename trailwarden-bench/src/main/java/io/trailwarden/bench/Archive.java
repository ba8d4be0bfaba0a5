package io.trailwarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.sim.Simulator;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The cached benchmark archive of one (scale, seed, days): {@code small/} is the simulator's output as CloudTrail
 * delivers it (one file per account, region and five minutes), {@code large/} the same records concatenated, in the
 * order a hunt reads the small files, into files of about {@code largeMb} MB (several {@code {"Records":[...]}}
 * objects per file, one per line, as {@code zcat *.json.gz | gzip} would give). Each is complete only when its
 * marker ({@code small.done}, {@code large.done}, JSON with events, files and bytes) exists; a killed generation
 * has no marker and is redone.
 */
final class Archive {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final double scale;
    final long seed;
    final int days;

    Archive(Path cache, double scale, long seed, int days) {
        this.scale = scale;
        this.seed = seed;
        this.days = days;
        String s = scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale);
        this.dir = cache.resolve("sim-scale" + s + "-seed" + seed + "-days" + days + "-" + simulatorFingerprint());
    }

    /**
     * A digest of the simulator's compiled classes: an archive made by another simulator version is not reused
     * (the same options then give other events).
     */
    static String simulatorFingerprint() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.net.URL loc = Simulator.class.getProtectionDomain().getCodeSource().getLocation();
            Path src = Path.of(loc.toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(src)) {
                try (Stream<Path> s = Files.walk(src.resolve("io/trailwarden/sim"))) {
                    s.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(src.relativize(p).toString()));
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(src.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith("io/trailwarden/sim/") && n.endsWith(".class")).forEach(names::add);
                }
            }
            names.sort(null);
            for (String n : names) {
                try (InputStream in = Simulator.class.getClassLoader().getResourceAsStream(n)) {
                    md.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(in.readAllBytes());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (Exception e) {
            return "unknown";
        }
    }

    Path small() {
        return dir.resolve("small");
    }

    Path large() {
        return dir.resolve("large");
    }

    /** The folder a hunt is given: {@code small/AWSLogs} (not the labels next to it) or {@code large/}. */
    Path layout(String name) {
        return name.equals("small") ? small().resolve("AWSLogs") : large();
    }

    Path marker(String layout) {
        return dir.resolve(layout + ".done");
    }

    /** The marker's content, or null when the layout is not (completely) generated. */
    JsonNode info(String layout) throws IOException {
        Path m = marker(layout);
        return Files.exists(m) ? JSON.readTree(m.toFile()) : null;
    }

    /** Runs the simulator into {@code small/} (deleted first) and writes the marker. */
    void generateSmall(int threads) throws IOException {
        Files.deleteIfExists(marker("small"));
        Files.deleteIfExists(marker("large"));
        deleteTree(small());
        deleteTree(large());
        Simulator.Options d = Simulator.Options.defaults(small());
        Simulator.Result r = new Simulator(new Simulator.Options(small(), days, seed, scale, null, true,
                Simulator.DEFAULT_END, Math.max(1, threads), d.gzipLevel())).run();
        ObjectNode m = JSON.createObjectNode();
        m.put("layout", "small").put("scale", scale).put("seed", seed).put("days", days)
                .put("events", r.events()).put("files", r.files()).put("bytes", sizeOf(layout("small")))
                .put("generation_seconds", r.millis() / 1000.0);
        writeMarker("small", m);
    }

    /** Concatenates the small files, in hunt order, into files of about {@code largeMb} MB compressed. */
    void generateLarge(long events, int largeMb) throws IOException {
        Files.deleteIfExists(marker("large"));
        deleteTree(large());
        Files.createDirectories(large());
        long t0 = System.nanoTime();
        InputProblems quiet = new InputProblems() {
            @Override
            public void malformedFile(String path, String position, String error) {
            }

            @Override
            public void skippedRecord(String path, String position, String error) {
            }
        };
        List<InputFile> files = InputPlan.of(List.of(layout("small").toString()), InputSelection.ALL,
                new CloudTrailFileReader(quiet, InputStream.nullInputStream())).files();
        long target = largeMb * 1_000_000L;
        int part = 0;
        long inPart = Long.MAX_VALUE;
        OutputStream out = null;
        try {
            for (InputFile f : files) {
                if (inPart >= target) {
                    if (out != null) {
                        out.close();
                    }
                    part++;
                    Path p = large().resolve(String.format(Locale.ROOT, "trail-%04d.json.gz", part));
                    out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    }, 1 << 16);
                    inPart = 0;
                }
                byte[] json;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f.path()), 1 << 16)) {
                    json = in.readAllBytes();
                }
                int end = json.length;
                while (end > 0 && Character.isWhitespace(json[end - 1])) {
                    end--;
                }
                for (int i = 0; i < end; i++) {
                    if (json[i] == '\n' || json[i] == '\r') {
                        json[i] = ' '; // one object per line; a newline inside JSON is only ever whitespace
                    }
                }
                out.write(json, 0, end);
                out.write('\n');
                inPart += f.size();
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("layout", "large").put("scale", scale).put("seed", seed).put("days", days)
                .put("events", events).put("files", part).put("bytes", sizeOf(large()))
                .put("generation_seconds", (System.nanoTime() - t0) / 1e9);
        writeMarker("large", m);
    }

    private void writeMarker(String layout, ObjectNode m) throws IOException {
        Path tmp = dir.resolve(layout + ".done.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
        Files.move(tmp, marker(layout), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Bytes of the .json.gz files under {@code root}. */
    static long sizeOf(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".json.gz")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
