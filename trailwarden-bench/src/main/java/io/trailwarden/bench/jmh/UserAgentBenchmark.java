package io.trailwarden.bench.jmh;

import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * UserAgentParser.parse, uncached, over every distinct agent of the sample plus real offensive, SDK, browser and
 * service agents, in turn. (The engine caches parses by string; this is the miss path.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class UserAgentBenchmark {
    private UserAgentParser parser;
    private String[] agents;
    private int i;

    @Setup
    public void setup() {
        Set<String> distinct = new LinkedHashSet<>(Samples.EXTRA_AGENTS);
        for (CloudTrailEvent e : Samples.get().events) {
            if (e.userAgent() != null) {
                distinct.add(e.userAgent());
            }
        }
        List<String> l = new ArrayList<>(distinct);
        agents = l.toArray(String[]::new);
        parser = new UserAgentParser();
        System.out.println("# " + agents.length + " distinct agents");
    }

    @Benchmark
    public UserAgentInfo parse() {
        String a = agents[i];
        i = i + 1 == agents.length ? 0 : i + 1;
        return parser.parse(a);
    }
}
