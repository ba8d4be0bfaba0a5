package io.trailwarden.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The public CloudTrail samples in {@code ../shared/datasets} (next to the repository), for tests. When the folder
 * is absent the calling test is skipped with a message, unless {@code -Dtrailwarden.requireDatasets=true}, which
 * makes it fail instead.
 */
final class DatasetSamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetSamples() {
    }

    /** The datasets folder, or skip (or fail, when required) the current test. */
    static Path folder() {
        Path found = find();
        if (found == null) {
            String msg = "../shared/datasets not found from " + Path.of("").toAbsolutePath()
                    + " (-Dtrailwarden.datasets=DIR points at it)";
            if (Boolean.getBoolean("trailwarden.requireDatasets")) {
                Assertions.fail(msg + ": required, since trailwarden.requireDatasets=true");
            }
            Assumptions.abort(msg + ": this dataset test is skipped");
        }
        return found;
    }

    private static Path find() {
        String prop = System.getProperty("trailwarden.datasets");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("datasets");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }

    /** Every distinct value of every JSON field named {@code field}, and of CSV columns named {@code csvColumn}. */
    static TreeSet<String> distinctValues(String field, String csvColumn) {
        TreeSet<String> out = new TreeSet<>();
        for (Path f : files()) {
            String text = read(f);
            String name = f.getFileName().toString();
            if (name.contains(".csv")) {
                List<List<String>> rows = csv(text);
                if (rows.isEmpty()) {
                    continue;
                }
                int col = rows.get(0).indexOf(csvColumn);
                for (int i = 1; col >= 0 && i < rows.size(); i++) {
                    if (rows.get(i).size() > col) {
                        out.add(rows.get(i).get(col));
                    }
                }
                continue;
            }
            if (!(name.contains(".json") || name.contains(".ndjson"))) {
                continue;
            }
            // one JSON document, or many (NDJSON): read every value; the deliberately broken fixture stops early
            try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> it =
                         JSON.readerFor(JsonNode.class).readValues(text)) {
                while (it.hasNextValue()) {
                    collect(it.nextValue(), field, out);
                }
            } catch (IOException | RuntimeException broken) {
                // keep what was read before the damage
            }
        }
        return out;
    }

    private static void collect(JsonNode n, String field, TreeSet<String> out) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(field) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                }
                collect(e.getValue(), field, out);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                collect(c, field, out);
            }
        }
    }

    private static List<Path> files() {
        try (Stream<Path> s = Files.walk(folder())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try (InputStream in = f.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(f), 65536) : Files.newInputStream(f)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cur.toString());
                cur.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cur.toString());
                cur.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || !row.isEmpty()) {
            row.add(cur.toString());
            rows.add(row);
        }
        return rows;
    }
}
