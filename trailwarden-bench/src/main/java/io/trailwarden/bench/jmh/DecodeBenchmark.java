package io.trailwarden.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.RecordDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding: records per second of one thread. {@code recordDecoder}: RecordDecoder over an in-memory CloudTrail file
 * (Jackson streaming, no I/O, no gzip), the path of whatever the byte reader declines; {@code fileReaderGzip}:
 * CloudTrailFileReader over the same file gzipped on disk (page cache), the hunt's per-file path: read whole,
 * inflated, decoded by the byte reader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
    private byte[] file;
    private JsonFactory factory;
    private RecordDecoder decoder;
    private CloudTrailFileReader reader;
    private InputFile gz;

    @Setup
    public void setup() throws IOException {
        Samples s = Samples.get();
        file = s.file;
        factory = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
        decoder = new RecordDecoder(factory);
        reader = new CloudTrailFileReader(Samples.QUIET, InputStream.nullInputStream());
        gz = new InputFile(s.gzFile, s.gzFile.toString(), 0, java.nio.file.Files.size(s.gzFile));
    }

    @Benchmark
    @OperationsPerInvocation(Samples.RECORDS)
    public void recordDecoder(Blackhole bh) throws Exception {
        try (JsonParser p = factory.createParser(file)) {
            p.nextToken(); // {
            p.nextFieldName(); // Records
            p.nextToken(); // [
            while (p.nextToken() == JsonToken.START_OBJECT) {
                bh.consume(decoder.decode(p));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Samples.RECORDS)
    public long fileReaderGzip(Blackhole bh) {
        return reader.read(gz, bh::consume);
    }
}
