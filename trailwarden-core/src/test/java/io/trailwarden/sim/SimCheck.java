package io.trailwarden.sim;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.source.CloudTrailFileReader;
import io.trailwarden.source.InputFile;
import io.trailwarden.source.InputProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Manual check: reads every file of a simulated archive and prints counts. */
public final class SimCheck {
    public static void main(String[] a) throws Exception {
        InputProblems p = new InputProblems() {
            public void malformedFile(String path, String position, String error) { System.out.println("BAD " + path + " " + error); }
            public void skippedRecord(String path, String position, String error) { System.out.println("SKIP " + path + " " + error); }
        };
        CloudTrailFileReader r = new CloudTrailFileReader(p);
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byPrincipal = new TreeMap<>();
        Map<String, Integer> byError = new TreeMap<>();
        Map<String, Integer> byDay = new TreeMap<>();
        long[] n = {0};
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) {
            files = s.filter(f -> f.toString().endsWith(".json.gz")).sorted().toList();
        }
        for (Path f : files) {
            r.read(new InputFile(f, f.toString(), 0, 0), e -> {
                n[0]++;
                byType.merge(String.valueOf(e.identity().type()), 1, Integer::sum);
                byPrincipal.merge(e.principal().key(), 1, Integer::sum);
                if (e.errorCode() != null) byError.merge(e.errorCode(), 1, Integer::sum);
                byDay.merge(io.trailwarden.util.Times.iso(e.time()).substring(0, 10), 1, Integer::sum);
            });
        }
        System.out.println(n[0] + " events in " + files.size() + " files");
        System.out.println(byType);
        System.out.println(byError);
        System.out.println(byDay);
        byPrincipal.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(Integer.parseInt(a.length > 1 ? a[1] : "40"))
                .forEach(e -> System.out.println(e.getValue() + "\t" + e.getKey()));
    }
}
