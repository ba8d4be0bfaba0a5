package io.trailwarden.cli;

import io.trailwarden.config.TrailwardenConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Print the configuration defaults, or check a trailwarden.yaml.")
public final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--defaults", description = "Print every key, its default and the seed or decision it comes from.")
    boolean defaults;

    @Option(names = "--check", paramLabel = "FILE", description = "Validate a trailwarden.yaml (unknown keys are errors).")
    Path check;

    @Override
    public Integer call() {
        if (check != null) {
            TrailwardenConfig c = TrailwardenConfig.load(check);
            System.out.println(check + ": OK (" + c.detectors().size() + " detections enabled, "
                    + c.allowlist().size() + " allowlist rules)");
            return 0;
        }
        System.out.print(TrailwardenConfig.describeDefaults());
        return 0;
    }
}
