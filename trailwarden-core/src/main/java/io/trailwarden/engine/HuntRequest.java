package io.trailwarden.engine;

import io.trailwarden.config.TrailwardenConfig;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.source.InputSelection;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a hunt needs.
 *
 * @param paths     files, folders ({@code -} for standard input)
 * @param stateDir  the {@code --state} directory, or null: then the end of input flushes every window and
 *                  the final state is saved to {@code <out>/state} for triage
 * @param problems  where one line per bad file or record is written (stderr)
 */
public record HuntRequest(List<String> paths, InputSelection selection, TrailwardenConfig config, Path outDir,
                          Path stateDir, int threads, SourceEnricher sources, UserAgentParser agents,
                          PrintStream problems, InputStream stdin, Progress progress) {

    /** Told as files finish, for a progress bar. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void start(int files, long bytes) {
        }

        default void fileDone(String path, long bytes, long events) {
        }

        default void finish() {
        }
    }
}
