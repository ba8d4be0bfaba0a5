package io.trailwarden.state;

import static io.trailwarden.testing.TrailFiles.rec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwarden.testing.Hunts;
import io.trailwarden.testing.TrailFiles;
import io.trailwarden.testing.TwoDayArchive;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents across {@code --state} runs: taking the last line of each {@code incident_id} over the runs
 * (dropping the ones a later line supersedes) gives the incidents of one hunt over all the days.
 *
 * <p>The archive: an alice call every 20 minutes on 2024-03-01, 02 and 05 (the watermark: day 1's last file
 * ends at 23:50, so day 1 ends at watermark 23:35), one file per 10 minutes, and Kali (or TruffleHog, or
 * Parrot) calls, each of which fires {@code offensive-user-agent} ({@link TwoDayArchive#CONFIG}: every call
 * more than 10 minutes after the last fires; a repeat within 60 minutes merges):
 * <ul>
 *   <li>mallory: day 1 20:00 and day 2 08:00: one incident across the runs;</li>
 *   <li>erin: day 1 09:00 and 20:30, day 2 08:30 (within 24 h of 09:00) and 10:00 (25 h after): two incidents,
 *       the second starting on day 2;</li>
 *   <li>victor: day 1 22:00 from 203.0.113.70; wendy: day 2 03:00 with TruffleHog from the same IP: each
 *       related to the other across the runs, by the IP only;</li>
 *   <li>carol: day 1 01:00: an incident day 2 does not touch;</li>
 *   <li>yvonne: Kali on day 1 23:00; a Parrot call of day 1 22:30 delivered late, in a day-2 file: the
 *       incident starts at 22:30, so day 1's incident (starting 23:00) is superseded;</li>
 *   <li>zed: day 5 12:00.</li>
 * </ul>
 */
class IncidentsAcrossRunsTest {
    static final String DAY1 = "2024-03-01";
    static final String DAY2 = "2024-03-02";
    static final String DAY5 = "2024-03-05";
    static final String PARROT_UA = "aws-cli/1.27.0 Python/3.9.2 Linux/6.0.0-12parrot1-amd64 botocore/1.29.0";
    static final String MALLORY = "AKIAMALLORY0000001";
    static final String ERIN = "AKIAERIN0000000001";
    static final String VICTOR = "AKIAVICTOR00000001";
    static final String WENDY = "AKIAWENDY000000001";
    static final String CAROL = "AKIACAROL000000001";
    static final String YVONNE = "AKIAYVONNE00000001";
    static final String ZED = "AKIAZED00000000001";

    @TempDir
    Path dir;
    Path archive;

    @BeforeEach
    void writeArchive() {
        archive = dir.resolve("archive");
        TreeMap<Long, List<TrailFiles.Rec>> slots = new TreeMap<>();
        int n = 0;
        for (String day : List.of(DAY1, DAY2, DAY5)) {
            long start = Times.parseUserTime(day);
            for (long t = start; t < start + Times.DAY; t += 20 * Times.MINUTE) {
                add(slots, Times.iso(t), rec(String.format("bg-%05d", n++), Times.iso(t), "ListBuckets"));
            }
            add(slots, day + "T23:50:00Z", rec("bg-last-" + day, day + "T23:50:00Z", "ListBuckets"));
        }
        attacker(slots, "m1", DAY1 + "T20:00:00Z", "mallory", MALLORY, "203.0.113.50", TrailFiles.KALI_UA);
        attacker(slots, "m2", DAY2 + "T08:00:00Z", "mallory", MALLORY, "203.0.113.50", TrailFiles.KALI_UA);
        attacker(slots, "e1", DAY1 + "T09:00:00Z", "erin", ERIN, "203.0.113.60", TrailFiles.KALI_UA);
        attacker(slots, "e2", DAY1 + "T20:30:00Z", "erin", ERIN, "203.0.113.60", TrailFiles.KALI_UA);
        attacker(slots, "e3", DAY2 + "T08:30:00Z", "erin", ERIN, "203.0.113.60", TrailFiles.KALI_UA);
        attacker(slots, "e4", DAY2 + "T10:00:00Z", "erin", ERIN, "203.0.113.60", TrailFiles.KALI_UA);
        attacker(slots, "v1", DAY1 + "T22:00:00Z", "victor", VICTOR, "203.0.113.70", TrailFiles.KALI_UA);
        attacker(slots, "w1", DAY2 + "T03:00:00Z", "wendy", WENDY, "203.0.113.70", "TruffleHog");
        attacker(slots, "c1", DAY1 + "T01:00:00Z", "carol", CAROL, "203.0.113.90", TrailFiles.KALI_UA);
        attacker(slots, "y1", DAY1 + "T23:00:00Z", "yvonne", YVONNE, "203.0.113.80", TrailFiles.KALI_UA);
        attacker(slots, "z1", DAY5 + "T12:00:00Z", "zed", ZED, "203.0.113.99", TrailFiles.KALI_UA);
        // yvonne's Parrot call of 22:30 arrives in a file delivered at 01:05 on day 2: a late event in every run
        slots.get(Times.parseUserTime(DAY2 + "T01:00:00Z")).add(rec("y0", DAY1 + "T22:30:00Z", "ListUsers")
                .user("yvonne", YVONNE).ip("203.0.113.80").agent(PARROT_UA));
        for (Map.Entry<Long, List<TrailFiles.Rec>> e : slots.entrySet()) {
            TrailFiles.writeGzip(TrailFiles.s3(archive, TrailFiles.ACCOUNT, "us-east-1",
                    Times.iso(e.getKey() + 5 * Times.MINUTE), String.format("f%06d", e.getKey() / Times.MINUTE % 1_000_000)),
                    TrailFiles.records(e.getValue()));
        }
    }

    private static void add(TreeMap<Long, List<TrailFiles.Rec>> slots, String time, TrailFiles.Rec r) {
        long len = 10 * Times.MINUTE;
        long slot = Math.floorDiv(Times.parseUserTime(time) + len - 1, len) * len;
        slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(r);
    }

    private static void attacker(TreeMap<Long, List<TrailFiles.Rec>> slots, String id, String time, String user, String key,
                                 String ip, String agent) {
        add(slots, time, rec(id, time, "ListUsers").user(user, key).ip(ip).agent(agent));
    }

    private Path day(String day) {
        return archive.resolve("AWSLogs").resolve(TrailFiles.ACCOUNT).resolve("CloudTrail").resolve("us-east-1")
                .resolve(day.replace('-', '/'));
    }

    private Hunts.Run hunt(String out, Path state, Path... inputs) {
        return Hunts.of(inputs).out(dir.resolve(out)).state(state).config(TwoDayArchive.CONFIG).run();
    }

    /** The last line of each incident id over the runs, without the incidents a later line supersedes. */
    static Map<String, String> lastVersions(Hunts.Run... runs) {
        Map<String, String> byId = new TreeMap<>();
        ObjectMapper m = new ObjectMapper();
        for (Hunts.Run r : runs) {
            for (String line : r.incidentsJsonl().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    JsonNode n = m.readTree(line);
                    if (n.has("superseded_by")) {
                        byId.remove(n.get("incident_id").asText());
                    } else {
                        byId.put(n.get("incident_id").asText(), line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return byId;
    }

    private static JsonNode incidentOf(Map<String, String> lines, String credential, String firstTime) {
        ObjectMapper m = new ObjectMapper();
        return lines.values().stream().map(l -> {
            try {
                return m.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(n -> n.get("credential").asText().equals(credential) && n.get("first_time").asText().equals(firstTime))
                .findFirst().orElseThrow(() -> new AssertionError("no incident of " + credential + " at " + firstTime));
    }

    private static List<String> findingTimes(JsonNode incident) {
        List<String> l = new ArrayList<>();
        incident.get("findings").forEach(f -> l.add(f.get("time").asText()));
        return l;
    }

    private static List<String> related(JsonNode incident) {
        List<String> l = new ArrayList<>();
        incident.get("related_credentials").forEach(r -> l.add(r.get("credential").asText()));
        return l;
    }

    /** The credential of each incident line. */
    private static List<String> credentials(java.util.Collection<String> lines) {
        ObjectMapper m = new ObjectMapper();
        List<String> l = new ArrayList<>();
        for (String line : lines) {
            try {
                l.add(m.readTree(line).get("credential").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return l;
    }

    private static Map<String, String> byId(Hunts.Run r) {
        return lastVersions(r);
    }

    /** Day 1 then day 2, hunted with one state, and both days in one hunt with a state of its own. */
    private record TwoRunsAndOne(Hunts.Run day1, Hunts.Run day2, Hunts.Run both) {
    }

    private TwoRunsAndOne twoRunsAndOne() {
        Path split = dir.resolve("state-split");
        Hunts.Run day1 = hunt("day1", split, day(DAY1));
        Hunts.Run day2 = hunt("day2", split, day(DAY2));
        return new TwoRunsAndOne(day1, day2, hunt("both", dir.resolve("state-both"), day(DAY1), day(DAY2)));
    }

    @Test
    void anIncidentWhoseFindingsFallOnDayOneAndDayTwoIsTheIncidentOneRunOverBothDaysGives() {
        TwoRunsAndOne runs = twoRunsAndOne();
        Hunts.Run day1 = runs.day1(), day2 = runs.day2(), both = runs.both();
        assertThat(day1.findingsJsonl() + day2.findingsJsonl()).as("findings, as before").isEqualTo(both.findingsJsonl());

        Map<String, String> one = byId(both);
        assertThat(lastVersions(day1, day2)).isEqualTo(one);

        JsonNode mallory = incidentOf(one, MALLORY, DAY1 + "T20:00:00Z");
        assertThat(findingTimes(mallory)).containsExactly(DAY1 + "T20:00:00Z", DAY2 + "T08:00:00Z");
        // day 2 writes the incident whole, under day 1's id, with day 1's finding
        JsonNode written = incidentOf(byId(day2), MALLORY, DAY1 + "T20:00:00Z");
        assertThat(written.get("incident_id").asText()).isEqualTo(mallory.get("incident_id").asText());
        assertThat(findingTimes(written)).containsExactly(DAY1 + "T20:00:00Z", DAY2 + "T08:00:00Z");
        assertThat(written.get("risk_sum").asInt()).isEqualTo(2 * 47);
        assertThat(day2.findingLines()).as("findings.jsonl holds only day 2's findings")
                .noneSatisfy(f -> assertThat(f.get("time").asText()).startsWith(DAY1 + "T20:00"));
    }

    @Test
    void aDayTwoFindingMoreThan24HoursAfterTheStartOfADayOneIncidentStartsANewOneAsInOneRun() {
        TwoRunsAndOne runs = twoRunsAndOne();
        Hunts.Run day1 = runs.day1(), day2 = runs.day2(), both = runs.both();
        Map<String, String> one = byId(both);
        assertThat(lastVersions(day1, day2)).isEqualTo(one);

        // 08:30 on day 2 is within 24 hours of 09:00 on day 1; 10:00 is not, though it is within 24 hours of 20:30
        JsonNode first = incidentOf(byId(day2), ERIN, DAY1 + "T09:00:00Z");
        assertThat(findingTimes(first)).containsExactly(DAY1 + "T09:00:00Z", DAY1 + "T20:30:00Z", DAY2 + "T08:30:00Z");
        JsonNode second = incidentOf(byId(day2), ERIN, DAY2 + "T10:00:00Z");
        assertThat(findingTimes(second)).containsExactly(DAY2 + "T10:00:00Z");
        assertThat(credentials(one.values())).filteredOn(ERIN::equals).hasSize(2);
    }

    @Test
    void credentialsAreRelatedAcrossTheRunBoundaryBothWays() {
        TwoRunsAndOne runs = twoRunsAndOne();
        Hunts.Run day1 = runs.day1(), day2 = runs.day2(), both = runs.both();
        assertThat(lastVersions(day1, day2)).isEqualTo(byId(both));

        // victor's incident gains no finding on day 2, but wendy, from its attacker IP, now relates to it
        assertThat(related(incidentOf(byId(day1), VICTOR, DAY1 + "T22:00:00Z"))).doesNotContain(WENDY);
        JsonNode victor = incidentOf(byId(day2), VICTOR, DAY1 + "T22:00:00Z");
        assertThat(related(victor)).contains(WENDY);
        JsonNode wendyInVictor = null;
        for (JsonNode r : victor.get("related_credentials")) {
            if (r.get("credential").asText().equals(WENDY)) {
                wendyInVictor = r;
            }
        }
        assertThat(wendyInVictor.get("shared_ips").get(0).asText()).isEqualTo("203.0.113.70");
        // and wendy's incident, all on day 2, relates victor through victor's day-1 finding
        assertThat(related(incidentOf(byId(day2), WENDY, DAY2 + "T03:00:00Z"))).contains(VICTOR);
    }

    @Test
    void anIncidentDayTwoDoesNotChangeIsNotWrittenAgain() {
        Path split = dir.resolve("state-split");
        Hunts.Run day1 = hunt("day1", split, day(DAY1));
        Hunts.Run day2 = hunt("day2", split, day(DAY2));
        assertThat(credentials(byId(day1).values())).contains(CAROL);
        assertThat(credentials(byId(day2).values())).doesNotContain(CAROL).contains(MALLORY);
        assertThat(day2.result().incidents()).noneSatisfy(i -> assertThat(i.credential()).isEqualTo(CAROL));
        assertThat(day2.runJson().get("incidents").asInt()).isEqualTo(day2.result().incidents().size());
    }

    @Test
    void aLateFindingBeforeADayOneIncidentStartsItEarlierAndSupersedesDayOnesId() {
        TwoRunsAndOne runs = twoRunsAndOne();
        Hunts.Run day1 = runs.day1(), day2 = runs.day2(), both = runs.both();
        assertThat(lastVersions(day1, day2)).isEqualTo(byId(both));

        String dayOneId = incidentOf(byId(day1), YVONNE, DAY1 + "T23:00:00Z").get("incident_id").asText();
        JsonNode now = incidentOf(byId(both), YVONNE, DAY1 + "T22:30:00Z");
        assertThat(findingTimes(now)).containsExactly(DAY1 + "T22:30:00Z", DAY1 + "T23:00:00Z");
        assertThat(day2.incidentLines()).anySatisfy(l -> {
            assertThat(l.get("incident_id").asText()).isEqualTo(dayOneId);
            assertThat(l.get("credential").asText()).isEqualTo(YVONNE);
            assertThat(l.get("superseded_by").asText()).isEqualTo(now.get("incident_id").asText());
        });
        assertThat(day2.findingLines()).anySatisfy(f -> assertThat(f.get("late").asBoolean()).isTrue());
    }

    @Test
    void theTwoDayArchiveHuntedInTwoRunsGivesTheIncidentsOfOneRun() {
        Path tw = TwoDayArchive.write(dir.resolve("two")).getParent();
        Path split = dir.resolve("tw-split");
        Hunts.Run day1 = hunt("tw1", split, TwoDayArchive.day(tw, TwoDayArchive.DAY1));
        Hunts.Run day2 = hunt("tw2", split, TwoDayArchive.day(tw, TwoDayArchive.DAY2));
        Hunts.Run both = hunt("twboth", dir.resolve("tw-both"), tw.resolve("AWSLogs"));
        // day 1 ends with ci-deploy's finding open, holding a merged repeat; day 2 merges one more and closes it
        assertThat(lastVersions(day1, day2)).isEqualTo(byId(both)).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void carriedFindingsAgeOutSoTheStateStaysBounded() throws IOException {
        Path split = dir.resolve("state-split");
        hunt("day1", split, day(DAY1));
        hunt("day2", split, day(DAY2));
        Path snap2 = new StateStore(split).current();
        List<String> carried2 = Files.readAllLines(snap2.resolve(StateStore.CARRIED_FINDINGS), StandardCharsets.UTF_8);
        assertThat(carried2).as("day 2 carries day 1's incidents").anySatisfy(l -> assertThat(l).contains(CAROL));
        assertThat(Files.readString(snap2.resolve(StateStore.CARRIED_CREDENTIALS))).contains(MALLORY, ERIN, CAROL);

        Hunts.Run day5 = hunt("day5", split, day(DAY5));
        Path snap5 = new StateStore(split).current();
        List<String> carried5 = Files.readAllLines(snap5.resolve(StateStore.CARRIED_FINDINGS), StandardCharsets.UTF_8);
        long watermark = new ObjectMapper().readTree(snap5.resolve("meta.json").toFile()).get("watermark").asLong();
        assertThat(watermark).isEqualTo(Times.parseUserTime(DAY5 + "T23:35:00Z"));
        assertThat(carried5).singleElement().asString().contains(ZED);
        assertThat(Files.readAllLines(snap5.resolve(StateStore.CARRIED_CREDENTIALS), StandardCharsets.UTF_8))
                .singleElement().asString().contains(ZED);
        // zed's incident is the only one day 5 writes: the aged-out ones are not written again
        assertThat(day5.incidentLines()).singleElement().satisfies(i -> assertThat(i.get("credential").asText()).isEqualTo(ZED));
    }

    @Test
    void aVersionOneSnapshotWithoutCarriedFindingsStillResumes() throws IOException {
        Path split = dir.resolve("state-split");
        hunt("day1", split, day(DAY1));
        FormatOne.downgrade(new StateStore(split).current());

        Hunts.Run day2 = hunt("day2", split, day(DAY2));
        Hunts.Run both = hunt("both", dir.resolve("state-both"), day(DAY1), day(DAY2));
        Hunts.Run day1Again = hunt("day1-again", dir.resolve("state-again"), day(DAY1));
        assertThat(day1Again.findingsJsonl() + day2.findingsJsonl()).isEqualTo(both.findingsJsonl());
        // nothing carried: day 2's incidents hold day 2's findings only, as before
        assertThat(findingTimes(incidentOf(byId(day2), MALLORY, DAY2 + "T08:00:00Z"))).containsExactly(DAY2 + "T08:00:00Z");
        // and the next snapshot is written in the current format, carrying day 2's incidents
        Path next = new StateStore(split).current();
        assertThat(Files.readString(next.resolve("meta.json"))).contains("\"format_version\" : " + StateStore.FORMAT_VERSION);
        assertThat(Files.readString(next.resolve(StateStore.CARRIED_CREDENTIALS))).contains(MALLORY);
    }

    @Test
    void theSameTwoRunsTwiceGiveByteIdenticalOutputsAndStates() throws IOException {
        List<byte[]> first = twoRuns("a");
        List<byte[]> second = twoRuns("b");
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(new String(second.get(i), StandardCharsets.UTF_8)).as("file " + i)
                    .isEqualTo(new String(first.get(i), StandardCharsets.UTF_8));
        }
        assertThat(new String(first.get(3), StandardCharsets.UTF_8)).as("day 2's incidents").contains(MALLORY);
        assertThat(new String(first.get(4), StandardCharsets.UTF_8)).as("the carried findings").contains(MALLORY, CAROL);
        assertThat(new String(first.get(5), StandardCharsets.UTF_8)).as("the carried incidents").contains(MALLORY, CAROL);
    }

    /** findings.jsonl and incidents.jsonl of both runs, then the carried files of the final snapshot. */
    private List<byte[]> twoRuns(String tag) throws IOException {
        Path state = dir.resolve("state-" + tag);
        Hunts.Run d1 = Hunts.of(day(DAY1)).out(dir.resolve(tag + "1")).state(state).threads(1).config(TwoDayArchive.CONFIG).run();
        Hunts.Run d2 = Hunts.of(day(DAY2)).out(dir.resolve(tag + "2")).state(state).threads(3).config(TwoDayArchive.CONFIG).run();
        Path snap = new StateStore(state).current();
        List<byte[]> out = new ArrayList<>();
        for (Hunts.Run r : List.of(d1, d2)) {
            out.add(r.findingsJsonl().getBytes(StandardCharsets.UTF_8));
            out.add(r.incidentsJsonl().getBytes(StandardCharsets.UTF_8));
        }
        out.add(Files.readAllBytes(snap.resolve(StateStore.CARRIED_FINDINGS)));
        out.add(Files.readAllBytes(snap.resolve(StateStore.CARRIED_CREDENTIALS)));
        return out;
    }
}
