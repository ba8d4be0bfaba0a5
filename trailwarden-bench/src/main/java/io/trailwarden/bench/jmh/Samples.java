package io.trailwarden.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.sim.Simulator;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputPlan;
import io.trailwarden.source.InputProblems;
import io.trailwarden.source.InputSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Realistic inputs for the micro-benchmarks, made once per JVM: two days of the simulated organisation at scale 1
 * (no attacks), its events in hunt order, and one CloudTrail file of {@link #RECORDS} of its records.
 */
final class Samples {
    static final int RECORDS = 2000;
    static final InputProblems QUIET = new InputProblems() {
        @Override
        public void malformedFile(String path, String position, String error) {
        }

        @Override
        public void skippedRecord(String path, String position, String error) {
        }
    };

    /** Real agents besides the simulator's: offensive tools, distributions, SDKs, consoles, services. */
    static final List<String> EXTRA_AGENTS = List.of(
            "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84",
            "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.5.0-kali3-amd64 md/arch#x86_64 lang/python#3.11.8"
                    + " md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.11",
            "TruffleHog", "Pacu (Rhino Security Labs) Boto3/1.26.2 Python/3.10.8 Linux/5.19.0-parrot1-amd64",
            "aws-cli/2.15.59 md/awscrt#0.19.19 ua/2.0 os/macos#22.6.0 md/arch#arm64 lang/python#3.11.11"
                    + " md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off"
                    + " md/command#sts.get-caller-identity",
            "Boto3/1.26.2 Python/3.10.8 Linux/4.14.294-220.533.amzn2.x86_64 exec-env/AWS_ECS_FARGATE Botocore/1.29.2",
            "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/3.76.1"
                    + " (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.157"
                    + " (go1.19.3; darwin; arm64) HashiCorp-terraform-exec/0.17.3",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36",
            "aws-sdk-go-v2/1.21.0 os/linux lang/go#1.21.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.22.0",
            "aws-sdk-java/2.20.162 Linux/5.10.197-186.748.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.8+7-LTS"
                    + " Java/17.0.8 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
            "AWS Internal", "cloudformation.amazonaws.com", "console.amazonaws.com", "");

    private static Samples instance;

    final Path dir;
    final List<CloudTrailEvent> events;
    /** An uncompressed {"Records":[...]} file of {@link #RECORDS} records. */
    final byte[] file;
    /** The same file, gzipped, on disk (the reader's real path). */
    final Path gzFile;

    private Samples() throws IOException {
        dir = Files.createTempDirectory("trailwarden-jmh");
        Simulator.Options d = Simulator.Options.defaults(dir);
        new Simulator(new Simulator.Options(dir, 2, 1, 1.0, List.of(), false, Simulator.DEFAULT_END, 2,
                d.gzipLevel())).run();
        List<InputFile> files = InputPlan.of(List.of(dir.resolve("AWSLogs").toString()), InputSelection.ALL,
                new CloudTrailFileReader(QUIET, InputStream.nullInputStream())).files();
        CloudTrailFileReader reader = new CloudTrailFileReader(QUIET, InputStream.nullInputStream());
        List<CloudTrailEvent> all = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (InputFile f : files) {
            reader.read(f, all::add);
            if (records.size() < RECORDS) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f.path()))) {
                    for (JsonNode r : m.readTree(in).path("Records")) {
                        if (records.size() < RECORDS) {
                            records.add(r);
                        }
                    }
                }
            }
        }
        if (records.size() < RECORDS) {
            throw new IllegalStateException("the sample has only " + records.size() + " records");
        }
        events = List.copyOf(all);
        file = m.writeValueAsBytes(root);
        gzFile = dir.resolve("sample.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzFile), 1 << 16)) {
            out.write(file);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    }

    static synchronized Samples get() {
        if (instance == null) {
            try {
                instance = new Samples();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }
}
