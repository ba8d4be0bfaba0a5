package io.trailwarden.testing;

import static io.trailwarden.testing.TrailFiles.rec;

import io.trailwarden.util.Times;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Two days of CloudTrail (2024-03-01 and 02) in the S3 layout, one file per 10 minutes (events of
 * (slot − 10 min, slot], delivered at slot + 5 min, shuffled inside the file), with background users
 * and offensive-user-agent activity that exercises the engine's edges when the detection's window is
 * short ({@link #CONFIG}: 10 minutes, so every Kali call more than 10 minutes after the last fires):
 * <ul>
 *   <li>mallory: Kali at 09:00, 09:20, 09:40 (three firings merged into one finding, count 3), 10:30 and
 *       10:45 (a second finding, count 2); the 09:20 record is delivered twice (a duplicate); day 2 09:00 again;</li>
 *   <li>the ci-deploy role: Kali at 23:05, 23:20, 23:40 and day 2 00:00: one finding (count 4) whose
 *       suppression window is open, with a merged repeat, when day 1's files end (23:49, watermark 23:34);
 *       the 23:40 call is still in the reorder buffer then;</li>
 *   <li>trent: Kali at 23:45 on day 1, in the reorder buffer when day 1's files end;</li>
 *   <li>dave: Kali at 14:00, delivered in the 15:20 file: a late event.</li>
 * </ul>
 */
public final class TwoDayArchive {
    public static final String CONFIG = "detections:\n  offensive-user-agent:\n    window: 10m\n";
    public static final String DAY1 = "2024-03-01";
    public static final String DAY2 = "2024-03-02";

    private TwoDayArchive() {
    }

    /** Writes the archive under {@code root}; returns {@code root/AWSLogs}. */
    public static Path write(Path root) {
        TreeMap<Long, List<TrailFiles.Rec>> slots = new TreeMap<>();
        Random rnd = new Random(42);
        long start = Times.parseUserTime(DAY1);
        long end = start + 2 * Times.DAY;
        int n = 0;
        String[][] users = {{"alice", "AKIAALICE0000000001", "198.51.100.7"}, {"bob", "AKIABOB00000000002", "198.51.100.8"},
                {"carol", "AKIACAROL000000003", "203.0.113.9"}};
        for (long t = start; t < end; t += 7 * Times.MINUTE) {
            String[] u = users[rnd.nextInt(users.length)];
            long at = t + rnd.nextInt(7 * 60) * 1000L;
            String[] apis = {"ListBuckets", "DescribeInstances", "GetCallerIdentity", "ListUsers"};
            add(slots, rec(String.format("bg-%05d", n++), Times.iso(at), apis[rnd.nextInt(apis.length)])
                    .user(u[0], u[1]).ip(u[2]));
        }
        // day 1's last file ends at 23:50: a call at 23:49 puts the watermark at 23:34
        add(slots, rec("bg-last", "2024-03-01T23:49:00Z", "ListBuckets").user("alice", "AKIAALICE0000000001"));
        kali(slots, "m1", "2024-03-01T09:00:00Z", "mallory", "AKIAMALLORY0000001");
        TrailFiles.Rec dup = kali(slots, "m2", "2024-03-01T09:20:00Z", "mallory", "AKIAMALLORY0000001");
        kali(slots, "m3", "2024-03-01T09:40:00Z", "mallory", "AKIAMALLORY0000001");
        kali(slots, "m4", "2024-03-01T10:30:00Z", "mallory", "AKIAMALLORY0000001");
        kali(slots, "m5", "2024-03-01T10:45:00Z", "mallory", "AKIAMALLORY0000001");
        kali(slots, "m6", "2024-03-02T09:00:00Z", "mallory", "AKIAMALLORY0000001");
        slots.get(slot(Times.parseUserTime("2024-03-01T09:50:00Z"))).add(dup); // delivered again in the next file
        role(slots, "r1", "2024-03-01T23:05:00Z");
        role(slots, "r1b", "2024-03-01T23:20:00Z");
        role(slots, "r2", "2024-03-01T23:40:00Z");
        role(slots, "r3", "2024-03-02T00:00:00Z");
        kali(slots, "t1", "2024-03-01T23:45:00Z", "trent", "AKIATRENT000000001");
        TrailFiles.Rec late = kali(null, "d1", "2024-03-01T14:00:00Z", "dave", "AKIADAVE0000000001");
        slots.get(slot(Times.parseUserTime("2024-03-01T15:20:00Z"))).add(late);

        for (var e : slots.entrySet()) {
            List<TrailFiles.Rec> recs = new ArrayList<>(e.getValue());
            Collections.shuffle(recs, rnd);
            long delivery = e.getKey() + 5 * Times.MINUTE;
            TrailFiles.writeGzip(TrailFiles.s3(root, TrailFiles.ACCOUNT, "us-east-1", Times.iso(delivery),
                    String.format("f%06d", (e.getKey() / Times.MINUTE) % 1_000_000)), TrailFiles.records(recs));
        }
        return root.resolve("AWSLogs");
    }

    /** The folder of one day's files (by delivery date). */
    public static Path day(Path root, String day) {
        return root.resolve("AWSLogs").resolve(TrailFiles.ACCOUNT).resolve("CloudTrail").resolve("us-east-1")
                .resolve(day.replace('-', '/'));
    }

    private static long slot(long t) {
        long len = 10 * Times.MINUTE;
        return Math.floorDiv(t + len - 1, len) * len; // the end of (slot - 10 min, slot]
    }

    private static void add(TreeMap<Long, List<TrailFiles.Rec>> slots, TrailFiles.Rec r) {
        long t = Times.parseUserTime(r.n.get("eventTime").asText());
        slots.computeIfAbsent(slot(t), k -> new ArrayList<>()).add(r);
    }

    private static TrailFiles.Rec kali(TreeMap<Long, List<TrailFiles.Rec>> slots, String id, String time, String user,
                                       String key) {
        TrailFiles.Rec r = rec(id, time, "GetCallerIdentity").user(user, key).ip("192.0.2.66").kali();
        if (slots != null) {
            add(slots, r);
        }
        return r;
    }

    private static void role(TreeMap<Long, List<TrailFiles.Rec>> slots, String id, String time) {
        add(slots, rec(id, time, "ListSecrets").kali().ip("192.0.2.77").raw("userIdentity",
                "{\"type\":\"AssumedRole\",\"principalId\":\"AROACI:runner-1\",\"arn\":\"arn:aws:sts::"
                        + TrailFiles.ACCOUNT + ":assumed-role/ci-deploy/runner-1\",\"accountId\":\"" + TrailFiles.ACCOUNT
                        + "\",\"accessKeyId\":\"ASIACIDEPLOY000001\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                        + "\"arn\":\"arn:aws:iam::" + TrailFiles.ACCOUNT + ":role/ci-deploy\",\"userName\":\"ci-deploy\"}}}"));
    }
}
