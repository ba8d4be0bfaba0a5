package io.trailwarden.bench.jmh;

import io.trailwarden.enrich.Enrichment;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.event.CloudTrailEvent;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Source enrichment (geo, AS organisation, network class) with the databases a hunt would use
 * ({@code Enrichment.open(null)}: setup-geo's full databases when installed, else the bundled subset).
 * {@code sampleMix}: the engine's path, the sample's sourceIPAddress values in event order (IPs repeat, the cache
 * answers most). {@code randomPublicMiss}: 2^20 distinct random public IPv4 addresses in turn, more than the 200k
 * cache holds, so every look-up is a miss.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class GeoBenchmark {
    private SourceEnricher cached;
    private SourceEnricher misses;
    private String[] sample;
    private String[] random;
    private int i;
    private int j;

    @Setup
    public void setup() {
        Enrichment en = Enrichment.open(null);
        System.out.println("# " + en.description());
        cached = en.newSources();
        misses = en.newSources();
        sample = Samples.get().events.stream().map(CloudTrailEvent::sourceIp).filter(s -> s != null)
                .toArray(String[]::new);
        SplittableRandom r = new SplittableRandom(1);
        random = new String[1 << 20];
        for (int k = 0; k < random.length; k++) {
            int a;
            do {
                a = 1 + r.nextInt(223);
            } while (a == 10 || a == 127 || a == 100 || a == 172 || a == 192 || a == 169);
            random[k] = a + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        }
    }

    @Benchmark
    public SourceInfo sampleMix() {
        String ip = sample[i];
        i = i + 1 == sample.length ? 0 : i + 1;
        return cached.enrich(ip);
    }

    @Benchmark
    public SourceInfo randomPublicMiss() {
        String ip = random[j];
        j = (j + 1) & (random.length - 1);
        return misses.enrich(ip);
    }
}
