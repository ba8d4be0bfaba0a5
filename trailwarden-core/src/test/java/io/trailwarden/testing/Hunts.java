package io.trailwarden.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.source.InputSelection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link Hunt} as the CLI would, with test defaults, and reads back what it wrote. */
public final class Hunts {
    private final List<String> paths = new ArrayList<>();
    private Path out;
    private Path state;
    private int threads = 2;
    private TrailwardenConfig config = TrailwardenConfig.defaults();
    private InputSelection selection = InputSelection.ALL;
    private byte[] stdin = new byte[0];

    private Hunts() {
    }

    public static Hunts of(Path... paths) {
        Hunts h = new Hunts();
        for (Path p : paths) {
            h.paths.add(p.toString());
        }
        return h;
    }

    public static Hunts ofStrings(String... paths) {
        Hunts h = new Hunts();
        h.paths.addAll(List.of(paths));
        return h;
    }

    public Hunts out(Path v) { out = v; return this; }
    public Hunts state(Path v) { state = v; return this; }
    public Hunts threads(int v) { threads = v; return this; }
    public Hunts config(TrailwardenConfig v) { config = v; return this; }
    public Hunts config(String yaml) { config = TrailwardenConfig.parse(yaml, "test.yaml"); return this; }
    public Hunts selection(InputSelection v) { selection = v; return this; }
    public Hunts stdin(byte[] v) { stdin = v; return this; }

    /** What one hunt produced. */
    public record Run(Hunt.Result result, String stderr, Path out) {
        public String findingsJsonl() {
            return text("findings.jsonl");
        }

        public String incidentsJsonl() {
            return text("incidents.jsonl");
        }

        public List<JsonNode> findingLines() {
            return lines("findings.jsonl");
        }

        public List<JsonNode> incidentLines() {
            return lines("incidents.jsonl");
        }

        public String ocsfJsonl() {
            return text("findings.ocsf.jsonl");
        }

        public List<JsonNode> ocsfLines() {
            return lines("findings.ocsf.jsonl");
        }

        public JsonNode runJson() {
            try {
                return new ObjectMapper().readTree(out.resolve("run.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String text(String name) {
            try {
                return Files.readString(out.resolve(name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<JsonNode> lines(String name) {
            ObjectMapper m = new ObjectMapper();
            List<JsonNode> l = new ArrayList<>();
            for (String line : text(name).split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        l.add(m.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return l;
        }
    }

    public Run run() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Hunt.Result r = Hunt.run(new HuntRequest(paths, selection, config, out, state, threads,
                    new BasicSourceEnricher(), new UserAgentParser(), ps, new ByteArrayInputStream(stdin),
                    HuntRequest.Progress.NONE));
            ps.flush();
            return new Run(r, err.toString(StandardCharsets.UTF_8), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
