package io.trailwarden.cli;

import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.engine.Hunt;
import io.trailwarden.engine.HuntRequest;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.sim.Simulator;
import io.trailwarden.source.InputSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate a sample organisation with attacks (first run only), hunt it, print the incidents.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the sample and the output go (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of(".demo");

    @Option(names = "--fresh", description = "Regenerate the sample.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Path sample = dir.resolve("sample");
        Path labels = sample.resolve("labels.json");
        if (fresh || !Files.exists(labels)) {
            System.out.println("Generating a sample organisation (21 days, seed 1) in " + sample + " ...");
            Simulator.Result s = new Simulator(Simulator.Options.defaults(sample)).run();
            System.out.printf("  %,d events in %,d files (%,d KiB) in %.1f s%n", s.events(), s.files(), s.bytes() / 1024,
                    s.millis() / 1000.0);
        }
        Path out = dir.resolve("out");
        Enrichment enrichment = Enrichment.open(null);
        System.out.println("Hunting " + sample.resolve("AWSLogs") + " (" + enrichment.description() + ") ...\n");
        Hunt.Result r = Hunt.run(new HuntRequest(List.of(sample.resolve("AWSLogs").toString()), InputSelection.ALL,
                TrailwardenConfig.defaults(), out, null, Runtime.getRuntime().availableProcessors(),
                enrichment.sources(), enrichment.agents(), System.err, System.in, HuntRequest.Progress.NONE));
        Terminal.printIncidents(System.out, r.incidents(), enrichment.sources(), 15);
        System.out.println();
        System.out.println(Terminal.summary(r));
        System.out.println("\nThe attacks the simulator planted are in " + labels + ". Next:");
        System.out.println("  ./trailwarden evaluate --labels " + labels + " --findings " + out.resolve("findings.jsonl")
                + " --incidents " + out.resolve("incidents.jsonl"));
        if (!r.incidents().isEmpty()) {
            String top = r.incidents().get(0).credential();
            System.out.println("  ./trailwarden triage --key " + top + " --out " + out + " " + sample.resolve("AWSLogs"));
            System.out.println("  ./trailwarden scope --key " + top + " --out " + out + " " + sample.resolve("AWSLogs"));
        }
        return 0;
    }
}
