package io.trailwarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trailwarden}: finds stolen and misused AWS credentials in CloudTrail. */
@Command(name = "trailwarden", mixinStandardHelpOptions = true, versionProvider = Main.BuildVersion.class,
        description = "Finds stolen and misused AWS credentials in CloudTrail.",
        subcommands = {DemoCommand.class, HuntCommand.class, SimulateCommand.class, EvaluateCommand.class, TriageCommand.class, ScopeCommand.class, EnrichCommand.class, UaCommand.class,
                SetupGeoCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** {@code --version}: the version Maven built. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trailwarden " + (io.trailwarden.util.Version.CURRENT == null ? "(unknown version)"
                    : io.trailwarden.util.Version.CURRENT)};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line; exit 0 when the run completed, 2 for usage errors, 1 for a failed run. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // messages may quote input (paths, values): never let them drive the terminal
            cmd.getErr().println("trailwarden: " + io.trailwarden.util.Text.escapeControl(String.valueOf(ex.getMessage())));
            if (System.getenv("TRAILWARDEN_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return ex instanceof UsageError || ex instanceof io.trailwarden.config.ConfigException ? 2 : 1;
        });
        cl.setExitCodeExceptionMapper(ex -> 2);
        return cl.execute(args);
    }

    /** A mistake in how the command was called: exit 2. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
