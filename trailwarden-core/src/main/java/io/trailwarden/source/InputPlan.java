package io.trailwarden.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a run, in the order they are read: (timestamp in the CloudTrail file name, path),
 * files without one by their first event.
 */
public final class InputPlan {
    private final List<InputFile> files;
    private final int digestOrInsightSkipped;
    private final long totalBytes;

    private InputPlan(List<InputFile> files, int skipped) {
        this.files = List.copyOf(files);
        this.digestOrInsightSkipped = skipped;
        this.totalBytes = files.stream().mapToLong(InputFile::size).sum();
    }

    public List<InputFile> files() {
        return files;
    }

    public int digestOrInsightSkipped() {
        return digestOrInsightSkipped;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Finds the files under {@code paths} ({@code -} is standard input). A path that does not exist is
     * an {@link IllegalArgumentException}: a usage error, not a bad file.
     */
    public static InputPlan of(List<String> paths, InputSelection selection, CloudTrailFileReader peeker) {
        List<InputFile> found = new ArrayList<>();
        int[] skipped = {0};
        boolean stdin = false;
        for (String p : paths) {
            if (p.equals("-")) {
                stdin = true;
                continue;
            }
            Path path = Path.of(p);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
            if (Files.isDirectory(path)) {
                walk(path, selection, found, skipped, peeker);
            } else if (CloudTrailPath.isDigestOrInsight(path.toString())) {
                skipped[0]++;
            } else {
                found.add(describe(path, peeker));
            }
        }
        found.sort(Comparator.comparingLong(InputFile::orderTime).thenComparing(f -> f.path().toString()));
        if (stdin) {
            found.add(InputFile.stdin());
        }
        return new InputPlan(dedupe(found), skipped[0]);
    }

    private static List<InputFile> dedupe(List<InputFile> files) {
        List<InputFile> out = new ArrayList<>(files.size());
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (InputFile f : files) {
            if (f.isStdin() || seen.add(f.path().toAbsolutePath().normalize())) {
                out.add(f);
            }
        }
        return out;
    }

    private static void walk(Path root, InputSelection selection, List<InputFile> found, int[] skipped,
                             CloudTrailFileReader peeker) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(root) && name.startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String[] after = segmentsAfterAwsLogs(dir);
                    if (after != null && CloudTrailPath.canSkipFolder(after, selection)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!attrs.isRegularFile() || !CloudTrailPath.isCandidate(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (CloudTrailPath.isDigestOrInsight(file.toString())) {
                        skipped[0]++;
                    } else {
                        found.add(describe(file, peeker));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static String[] segmentsAfterAwsLogs(Path dir) {
        int n = dir.getNameCount();
        for (int i = 0; i < n; i++) {
            if (dir.getName(i).toString().equals("AWSLogs")) {
                String[] s = new String[n - i - 1];
                for (int j = i + 1; j < n; j++) {
                    s[j - i - 1] = dir.getName(j).toString();
                }
                return s;
            }
        }
        return null;
    }

    private static InputFile describe(Path path, CloudTrailFileReader peeker) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = 0;
        }
        long t = CloudTrailPath.fileNameTime(path.getFileName().toString());
        if (t == Long.MIN_VALUE) {
            InputFile f = new InputFile(path, path.toString(), Long.MAX_VALUE, size);
            t = peeker.firstEventTime(f);
        }
        return new InputFile(path, path.toString(), t, size);
    }
}
