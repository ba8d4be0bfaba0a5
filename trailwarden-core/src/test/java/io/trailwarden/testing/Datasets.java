package io.trailwarden.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The public CloudTrail samples in {@code shared/datasets}, found beside the repository (CI clones the
 * project with {@code shared/} next to it: {@code ../shared/datasets} from the repository root).
 * Tests that read them are skipped, with a message, when the folder is absent, unless the system
 * property {@code trailwarden.requireDatasets} is {@code true}: then they fail.
 */
public final class Datasets {
    public static final String PROPERTY = "trailwarden.requireDatasets";

    private Datasets() {
    }

    /** {@code shared/datasets/<name>}, or the test is skipped (or fails when datasets are required). */
    public static Path dir(String name) {
        Path root = findRoot();
        Path d = root == null ? null : root.resolve(name);
        if (d == null || !Files.isDirectory(d)) {
            String why = "dataset folder shared/datasets/" + name + " not found above " + Path.of("").toAbsolutePath();
            if (Boolean.getBoolean(PROPERTY)) {
                fail(why + " (required: -D" + PROPERTY + "=true)");
            }
            Assumptions.abort(why + ": test skipped (set -D" + PROPERTY + "=true to make this a failure)");
        }
        return d;
    }

    /** One file of a dataset folder. */
    public static Path file(String folder, String fileName) {
        Path f = dir(folder).resolve(fileName);
        if (!Files.isRegularFile(f)) {
            fail("dataset file missing: " + f);
        }
        return f;
    }

    /** The nearest {@code shared/datasets} folder walking up from the working directory, or null. */
    static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("datasets");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }
}
