package io.trailwarden.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small benchmark (a main, not a test: no timing is asserted anywhere). It measures user-agent parsing,
 * source look-ups (uncached and cached, bundled subset and, when installed, the full databases) and the cost of
 * enrichment relative to decoding CloudTrail with Jackson's streaming parser, the engine's hot path.
 *
 * <p>Run: {@code java -Xmx1g -cp <test classpath> io.trailwarden.enrich.EnrichmentBenchmark [UA_LIST_FILE]};
 * {@code TRAILWARDEN_DATA} selects the folder setup-geo installed into. docs/enrichment.md has the results.
 */
public final class EnrichmentBenchmark {

    private static volatile Object sink;
    private static final int EVENTS = 200_000;
    /** -Dbench.intern=true interns sourceIPAddress and userAgent while decoding, as a decoder may. */
    private static final boolean INTERN = Boolean.getBoolean("bench.intern");
    /** -Dbench.only=ip or ua measures one half of the enrichment. */
    private static final String ONLY = System.getProperty("bench.only", "");

    public static void main(String[] args) throws Exception {
        List<String> agents = new ArrayList<>(List.of(
                "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84",
                "aws-cli/2.15.59 md/awscrt#0.19.19 ua/2.0 os/macos#22.6.0 md/arch#arm64 lang/python#3.11.11"
                        + " md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off"
                        + " md/command#sts.get-caller-identity",
                "Boto3/1.26.2 Python/3.10.8 Linux/4.14.294-220.533.amzn2.x86_64 exec-env/AWS_ECS_FARGATE"
                        + " Botocore/1.29.2",
                "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/3.76.1"
                        + " (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.157"
                        + " (go1.19.3; darwin; arm64) HashiCorp-terraform-exec/0.17.3",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36",
                "aws-sdk-go-v2/1.21.0 os/linux lang/go#1.21.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.22.0",
                "AWS Internal", "cloudformation.amazonaws.com", "console.amazonaws.com"));
        if (args.length > 0) {
            agents.addAll(Files.readAllLines(Path.of(args[0])));
        }
        UserAgentParser parser = new UserAgentParser();
        // 1. user agents, uncached
        for (int round = 0; round < 3; round++) {
            int n = 0;
            long t0 = System.nanoTime();
            while (n < 2_000_000) {
                for (String ua : agents) {
                    sink = parser.parse(ua);
                    n++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("user agents: %,.0f parses/s (%d distinct agents, uncached)%n", n / s, agents.size());
        }

        // 2. source look-ups
        Enrichment bundled = Enrichment.bundled();
        lookups("bundled subset", bundled);
        long t0 = System.nanoTime();
        Enrichment best = Enrichment.open(null);
        System.out.printf("open(): %.0f ms, %s%n", (System.nanoTime() - t0) / 1e6, best.description());
        if (!best.isBundledOnly()) {
            lookups("full databases", best);
        }

        // 3. enrichment against decoding
        byte[] ndjson = events(EVENTS, agents);
        System.out.printf("events: %,d bytes, %,d events%n", ndjson.length, EVENTS);
        for (Enrichment e : best.isBundledOnly() ? List.of(bundled) : List.of(bundled, best)) {
            // alternate plain and enriched runs; the best of each is its undisturbed speed (the machine may be
            // shared), the median of the paired ratios shows the spread
            int rounds = 15;
            double plain = 0;
            double enriched = 0;
            double[] cost = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double p = decode(ndjson, null, null);
                double q = decode(ndjson, e.newSources(), parser);
                plain = Math.max(plain, p);
                enriched = Math.max(enriched, q);
                cost[round] = 100 * (1 - q / p);
            }
            System.out.printf("%s: decode %,.0f events/s, decode+enrich %,.0f events/s (best of %d alternating runs,"
                            + " thread CPU time, cold cache each run): enrichment costs %.1f%% (%.0f ns/event);"
                            + " median of paired runs %.1f%%%n",
                    e.isBundledOnly() ? "bundled subset" : "full databases", plain, enriched, rounds,
                    100 * (1 - enriched / plain), 1e9 / enriched - 1e9 / plain, median(cost));
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    private static void lookups(String label, Enrichment e) {
        Random r = new Random(1);
        int n = 1_000_000;
        String[] random = new String[n];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt();
            random[i] = ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        }
        String[] random6 = new String[200_000];
        for (int i = 0; i < random6.length; i++) {
            random6[i] = String.format("2%03x:%x:%x::%x", r.nextInt(0x1000), r.nextInt(0x10000),
                    r.nextInt(0x10000), r.nextInt(0x10000));
        }
        for (int round = 0; round < 2; round++) {
            GeoSourceEnricher s = e.newSources();
            long t0 = System.nanoTime();
            for (String ip : random) {
                sink = s.enrich(ip);
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            GeoSourceEnricher s6 = e.newSources();
            long t1 = System.nanoTime();
            for (String ip : random6) {
                sink = s6.enrich(ip);
            }
            double sec6 = (System.nanoTime() - t1) / 1e9;
            // cached: 5,000 distinct addresses, as a day of an organisation's CloudTrail
            GeoSourceEnricher c = e.newSources();
            long t2 = System.nanoTime();
            for (int i = 0; i < 5_000_000; i++) {
                sink = c.enrich(random[i % 5_000]);
            }
            double secCached = (System.nanoTime() - t2) / 1e9;
            System.out.printf("%s: %,.0f uncached IPv4 look-ups/s, %,.0f uncached IPv6 look-ups/s,"
                    + " %,.0f cached look-ups/s%n", label, n / sec, random6.length / sec6, 5_000_000 / secCached);
        }
    }

    /** Synthetic CloudTrail records (one per line) with 5,000 source addresses of the catalogue and the agents. */
    private static byte[] events(int n, List<String> agents) throws IOException {
        Random r = new Random(7);
        List<SubsetCatalogue.Range> ranges = SubsetCatalogue.load().ranges();
        String[] ips = new String[5_000];
        for (int i = 0; i < ips.length; i++) {
            ips[i] = i % 10 == 0 ? "AWS Internal" : ranges.get(r.nextInt(ranges.size())).randomAddress(r);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 900);
        JsonFactory f = new JsonFactory();
        for (int i = 0; i < n; i++) {
            try (JsonGenerator g = f.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("eventVersion", "1.08");
                g.writeObjectFieldStart("userIdentity");
                g.writeStringField("type", "IAMUser");
                g.writeStringField("principalId", "AIDA" + (i % 50));
                g.writeStringField("arn", "arn:aws:iam::123456789012:user/user" + (i % 50));
                g.writeStringField("accountId", "123456789012");
                g.writeStringField("accessKeyId", "AKIA" + (100000 + i % 70));
                g.writeStringField("userName", "user" + (i % 50));
                g.writeEndObject();
                g.writeStringField("eventTime", "2026-11-23T10:" + (10 + i % 50) + ":00Z");
                g.writeStringField("eventSource", "s3.amazonaws.com");
                g.writeStringField("eventName", i % 3 == 0 ? "GetObject" : "ListBuckets");
                g.writeStringField("awsRegion", "us-east-1");
                g.writeStringField("sourceIPAddress", ips[(int) (Math.abs(r.nextGaussian()) * 700) % ips.length]);
                g.writeStringField("userAgent", agents.get(r.nextInt(agents.size())));
                g.writeObjectFieldStart("requestParameters");
                g.writeStringField("bucketName", "bucket-" + (i % 20));
                g.writeStringField("key", "path/to/object-" + i + ".json");
                g.writeStringField("Host", "bucket-" + (i % 20) + ".s3.amazonaws.com");
                g.writeEndObject();
                g.writeNullField("responseElements");
                g.writeStringField("requestID", Long.toHexString(r.nextLong()));
                g.writeStringField("eventID", java.util.UUID.randomUUID().toString());
                g.writeBooleanField("readOnly", true);
                g.writeStringField("eventType", "AwsApiCall");
                g.writeBooleanField("managementEvent", false);
                g.writeStringField("recipientAccountId", "123456789012");
                g.writeStringField("eventCategory", "Data");
                g.writeObjectFieldStart("tlsDetails");
                g.writeStringField("tlsVersion", "TLSv1.3");
                g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Decodes every record (top-level and userIdentity strings), optionally enriching source and agent. */
    private static double decode(byte[] ndjson, SourceEnricher sources, UserAgentParser parser) throws IOException {
        JsonFactory f = new JsonFactory();
        Map<String, UserAgentInfo> uaCache = new HashMap<>();
        Map<String, String> intern = new HashMap<>();
        long t0 = CPU.getCurrentThreadCpuTime();
        int events = 0;
        try (JsonParser p = f.createParser(ndjson)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String ip = null;
                String ua = null;
                String name;
                while ((name = p.nextFieldName()) != null) {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.START_OBJECT) {
                        if (name.equals("userIdentity")) {
                            while (p.nextFieldName() != null) {
                                p.nextToken();
                                sink = p.getText();
                            }
                        } else {
                            p.skipChildren();
                        }
                    } else if (t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    } else if (name.equals("sourceIPAddress")) {
                        ip = INTERN ? intern.computeIfAbsent(p.getText(), k -> k) : p.getText();
                    } else if (name.equals("userAgent")) {
                        ua = INTERN ? intern.computeIfAbsent(p.getText(), k -> k) : p.getText();
                    } else {
                        sink = p.getText();
                    }
                }
                if (sources != null) {
                    if (!ONLY.equals("ua")) {
                        sink = sources.enrich(ip);
                    }
                    if (!ONLY.equals("ip")) {
                        sink = uaCache.computeIfAbsent(ua, parser::parse);
                    }
                }
                events++;
            }
        }
        return events / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
    }

    /** Decoding is timed in thread CPU time, so that other processes on a shared machine disturb it less. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
}
