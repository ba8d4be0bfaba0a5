package io.trailwarden.source;

import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The files of a run, in the order they are read: (timestamp in the CloudTrail file name, path), files without
 * one by their first event, standard input last; a file named twice is read once.
 *
 * <p>The order is global, but the files are not held all at once: an organisation's trail delivers some 60,000
 * files a day, and at about 600 bytes of heap per listed file, 90 days of it (5.7M files) would take 3.4 GB
 * before the first record is read. So the listing keeps only, per folder whose files all carry a CloudTrail
 * name time within two days (CloudTrail's own {@code YYYY/MM/DD} folders), the folder and its days; such a folder
 * is listed again when its day comes, and {@link #forEachDay} hands out one day of files at a time. Any other
 * file (an explicit file, a folder of exports without CloudTrail names, a folder spanning more days) is described
 * up front, as before. Both give exactly the order of sorting every file at once.
 */
public final class InputPlan {
    private static final Comparator<InputFile> ORDER =
            Comparator.comparingLong(InputFile::orderTime).thenComparing(f -> f.path().toString());
    /** The bucket of files without a known time (ordered last, before standard input). */
    private static final long NO_DAY = Long.MAX_VALUE;

    /** Files described up front, by day of their order time. */
    private final TreeMap<Long, List<InputFile>> loose = new TreeMap<>();
    /** Folders listed again when their day comes, under each day they hold files of. */
    private final TreeMap<Long, List<Path>> folders = new TreeMap<>();
    private final Predicate<Path> skip;
    private boolean stdin;
    private int digestOrInsightSkipped;
    private int fileCount;
    private long totalBytes;
    private int skippedCount;

    private InputPlan(Predicate<Path> skip) {
        this.skip = skip;
    }

    /** Receives one day of files at a time, in reading order. */
    public interface DayConsumer {
        void accept(List<InputFile> files) throws InterruptedException;
    }

    /**
     * Every file, in reading order (held at once: for small inputs and tools; a hunt uses {@link #forEachDay}).
     */
    public List<InputFile> files() {
        List<InputFile> all = new ArrayList<>();
        try {
            forEachDay(all::addAll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("listing interrupted", e);
        }
        return all;
    }

    /** The files, one day after another (standard input in the last batch), leaving out those {@code skip} took. */
    public void forEachDay(DayConsumer to) throws InterruptedException {
        TreeSet<Long> days = new TreeSet<>(loose.keySet());
        days.addAll(folders.keySet());
        for (long day : days) {
            List<InputFile> batch = new ArrayList<>(loose.getOrDefault(day, List.of()));
            for (Path folder : folders.getOrDefault(day, List.of())) {
                relist(folder, day, batch);
            }
            batch.sort(ORDER);
            List<InputFile> unique = dedupe(batch);
            if (!unique.isEmpty()) {
                to.accept(unique);
            }
        }
        if (stdin) {
            to.accept(List.of(InputFile.stdin()));
        }
    }

    /** Files described up front rather than listed again on their day (tests: what the plan holds). */
    int heldFiles() {
        return loose.values().stream().mapToInt(List::size).sum();
    }

    public int digestOrInsightSkipped() {
        return digestOrInsightSkipped;
    }

    /** Files to read (standard input included), as listed: a file named twice counts twice. */
    public int fileCount() {
        return fileCount;
    }

    /** Bytes on disk of {@link #fileCount}'s files. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Files the plan's {@code skip} test left out (a state's files already read). */
    public int skippedCount() {
        return skippedCount;
    }

    /**
     * Finds the files under {@code paths} ({@code -} is standard input). A path that does not exist is
     * an {@link IllegalArgumentException}: a usage error, not a bad file.
     */
    public static InputPlan of(List<String> paths, InputSelection selection, CloudTrailFileReader peeker) {
        return of(paths, selection, peeker, p -> false);
    }

    /** As {@link #of(List, InputSelection, CloudTrailFileReader)}, leaving out the files {@code skip} takes. */
    public static InputPlan of(List<String> paths, InputSelection selection, CloudTrailFileReader peeker,
                               Predicate<Path> skip) {
        InputPlan plan = new InputPlan(skip);
        for (String p : paths) {
            if (p.equals("-")) {
                plan.stdin = true;
                continue;
            }
            Path path = Path.of(p);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
            if (Files.isDirectory(path)) {
                plan.walk(path, selection, peeker);
            } else if (CloudTrailPath.isDigestOrInsight(path.toString())) {
                plan.digestOrInsightSkipped++;
            } else {
                long size = sizeOf(path);
                if (plan.count(path, size)) {
                    plan.addLoose(describe(path, size, peeker));
                }
            }
        }
        if (plan.stdin) {
            plan.fileCount++;
        }
        return plan;
    }

    /** Counts a listed file; false when {@code skip} takes it. */
    private boolean count(Path file, long size) {
        if (skip.test(file)) {
            skippedCount++;
            return false;
        }
        fileCount++;
        totalBytes += size;
        return true;
    }

    private void addLoose(InputFile f) {
        loose.computeIfAbsent(dayOf(f.orderTime()), d -> new ArrayList<>()).add(f);
    }

    private static long dayOf(long time) {
        return time == Long.MAX_VALUE ? NO_DAY : Math.floorDiv(time, Times.DAY) * Times.DAY;
    }

    private static List<InputFile> dedupe(List<InputFile> files) {
        List<InputFile> out = new ArrayList<>(files.size());
        Set<Path> seen = new HashSet<>();
        for (InputFile f : files) {
            if (seen.add(f.path().toAbsolutePath().normalize())) {
                out.add(f);
            }
        }
        return out;
    }

    /** One folder's candidate files while the walk is inside it. */
    private static final class Folder {
        final Path dir;
        final List<Path> files = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        long firstTime = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        boolean untimed;

        Folder(Path dir) {
            this.dir = dir;
        }
    }

    private void walk(Path root, InputSelection selection, CloudTrailFileReader peeker) {
        Deque<Folder> open = new ArrayDeque<>();
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
                    open.push(new Folder(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!attrs.isRegularFile() || !CloudTrailPath.isCandidate(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (CloudTrailPath.isDigestOrInsight(file.toString())) {
                        digestOrInsightSkipped++;
                        return FileVisitResult.CONTINUE;
                    }
                    if (!count(file, attrs.size())) {
                        return FileVisitResult.CONTINUE;
                    }
                    Folder f = open.peek();
                    long t = CloudTrailPath.fileNameTime(name);
                    if (t == Long.MIN_VALUE) {
                        f.untimed = true;
                    } else {
                        f.firstTime = Math.min(f.firstTime, t);
                        f.lastTime = Math.max(f.lastTime, t);
                    }
                    f.files.add(file);
                    f.sizes.add(attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    close(open.pop(), peeker);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps a folder of CloudTrail-named files within two days as just its path (listed again on each of its days);
     * describes any other folder's files now: a flat folder of months of files would otherwise be listed again once
     * per day.
     */
    private void close(Folder f, CloudTrailFileReader peeker) {
        if (f.files.isEmpty()) {
            return;
        }
        long firstDay = dayOf(f.firstTime);
        long lastDay = dayOf(f.lastTime);
        if (!f.untimed && lastDay - firstDay <= Times.DAY) {
            for (long d = firstDay; d <= lastDay; d += Times.DAY) {
                folders.computeIfAbsent(d, k -> new ArrayList<>()).add(f.dir);
            }
            return;
        }
        for (int i = 0; i < f.files.size(); i++) {
            addLoose(describe(f.files.get(i), f.sizes.get(i), peeker));
        }
    }

    /** The folder's files of one day, as the walk found them. */
    private void relist(Path folder, long day, List<InputFile> out) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path file : ds) {
                String name = file.getFileName().toString();
                if (!CloudTrailPath.isCandidate(name) || CloudTrailPath.isDigestOrInsight(file.toString())) {
                    continue;
                }
                long t = CloudTrailPath.fileNameTime(name);
                if (t == Long.MIN_VALUE || dayOf(t) != day || skip.test(file)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    continue; // removed since the listing
                }
                if (attrs.isRegularFile()) {
                    out.add(new InputFile(file, file.toString(), t, attrs.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
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

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    private static InputFile describe(Path path, long size, CloudTrailFileReader peeker) {
        long t = CloudTrailPath.fileNameTime(path.getFileName().toString());
        if (t == Long.MIN_VALUE) {
            InputFile f = new InputFile(path, path.toString(), Long.MAX_VALUE, size);
            t = peeker.firstEventTime(f);
        }
        return new InputFile(path, path.toString(), t, size);
    }
}
