package io.trailwarden.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.LastSeen;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.engine.Engine;
import io.trailwarden.engine.EngineOptions;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.event.UserIdentity;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.incident.IncidentCarry;
import io.trailwarden.source.InputSelection;
import io.trailwarden.testing.Events;
import io.trailwarden.testing.TrailFiles;
import io.trailwarden.util.Times;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();

    /** An engine running offensive-user-agent, then {@code more}. */
    private Engine engine(Detector<?>... more) {
        FindingTracker t = new FindingTracker(EngineOptions.DEFAULTS.suppressWindow(), List.of(), new BasicSourceEnricher(),
                (f, update) -> lines.add(f.id() + " count=" + f.count() + " last=" + f.lastTime() + (update ? " update" : "")));
        List<Detector<?>> detectors = new ArrayList<>();
        detectors.add(new OffensiveUserAgent(Params.defaults(OffensiveUserAgent.INFO)));
        detectors.addAll(List.of(more));
        return new Engine(detectors, EngineOptions.DEFAULTS, new BasicSourceEnricher(), new UserAgentParser(), t,
                InputSelection.ALL);
    }

    private static CloudTrailEvent kali(String id, String time) {
        return Events.user("mallory", "AKIAMALLORY", time, "ListUsers").eventId(id).userAgent(TrailFiles.KALI_UA).build();
    }

    private static CloudTrailEvent plain(String id, String time) {
        return Events.user("alice", "AKIAALICE", time, "ListBuckets").eventId(id).build();
    }

    /** The gunzipped bytes (or plain bytes) of every file of a snapshot, by name. */
    private static java.util.Map<String, byte[]> contents(Path snap) throws IOException {
        java.util.Map<String, byte[]> m = new java.util.TreeMap<>();
        try (var s = Files.list(snap)) {
            for (Path f : s.toList()) {
                byte[] b = Files.readAllBytes(f);
                if (f.toString().endsWith(".bin") && !f.getFileName().toString().equals(StateStore.FILES_READ)) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                        b = in.readAllBytes();
                    }
                }
                m.put(f.getFileName().toString(), b);
            }
        }
        return m;
    }

    @Test
    void snapshotsAreNumberedFoldersPublishedByCurrentAndOnlyTheTwoNewestKept() throws IOException {
        StateStore store = new StateStore(dir.resolve("state"));
        assertThat(store.current()).isNull();
        Engine e = engine();
        e.accept(plain("a", "2024-03-01T10:00:00Z"));
        store.save(e, new StateStore.Meta());
        assertThat(store.current()).isEqualTo(dir.resolve("state/snapshot-000001"));
        store.save(e, new StateStore.Meta());
        store.save(e, new StateStore.Meta());
        assertThat(Files.readString(dir.resolve("state/CURRENT")).trim()).isEqualTo("snapshot-000003");
        try (var s = Files.list(dir.resolve("state"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("CURRENT", "snapshot-000002", "snapshot-000003");
        }
    }

    @Test
    void aSnapshotLeftHalfWrittenByACrashIsIgnoredAndReplaced() throws IOException {
        StateStore store = new StateStore(dir.resolve("state"));
        Engine e = engine();
        e.accept(plain("a", "2024-03-01T10:00:00Z"));
        StateStore.Meta meta = new StateStore.Meta();
        meta.filesRead.add("/data/one.json.gz");
        store.save(e, meta);
        // a crash while writing the next snapshot leaves a temporary folder and CURRENT unchanged
        TrailFiles.write(dir.resolve("state/snapshot-000002.tmp/engine.bin"), "garbage");
        StateStore.Meta loaded = new StateStore(dir.resolve("state")).load(engine());
        assertThat(readOnly(loaded, "/data/one.json.gz")).isTrue();
        store.save(e, loaded);
        assertThat(store.current()).isEqualTo(dir.resolve("state/snapshot-000002"));
        assertThat(readOnly(new StateStore(dir.resolve("state")).load(engine()), "/data/one.json.gz")).isTrue();
        assertThat(dir.resolve("state/snapshot-000002.tmp")).doesNotExist();
    }

    /** Keeps every event's id, and cannot write its state: as a full disk would fail one file of a snapshot. */
    private static final class Unwritable implements Detector<LastSeen> {
        @Override
        public String id() {
            return "unwritable";
        }

        @Override
        public KeyKind keyKind() {
            return KeyKind.OTHER;
        }

        @Override
        public String keyOf(EnrichedEvent e) {
            return e.event().eventId();
        }

        @Override
        public LastSeen newState() {
            return new LastSeen();
        }

        @Override
        public StateCodec<LastSeen> codec() {
            return new StateCodec<>() {
                @Override
                public void write(LastSeen state, DataOutput out) throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public LastSeen read(DataInput in) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public void onEvent(LastSeen state, EnrichedEvent e, DetectorContext ctx) {
            state.put("seen", e.event().time());
        }

        @Override
        public boolean isEmpty(LastSeen state) {
            return state.isEmpty();
        }
    }

    @Test
    void aFileThatFailsToWriteFailsTheSaveAndLeavesThePreviousSnapshotInForce() throws IOException {
        Engine good = engine();
        good.accept(kali("k1", "2024-03-01T10:00:00Z"));
        StateStore store = new StateStore(dir.resolve("state"));
        store.save(good, new StateStore.Meta());
        java.util.Map<String, byte[]> before = contents(store.current());

        Engine failing = engine(new Unwritable());
        failing.accept(kali("k2", "2024-03-02T10:00:00Z"));
        failing.accept(plain("p2", "2024-03-02T11:00:00Z")); // the watermark passes k2: the detectors have its state
        assertThatThrownBy(() -> store.save(failing, new StateStore.Meta()))
                .isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(store.current()).isEqualTo(dir.resolve("state/snapshot-000001"));
        assertThat(contents(store.current())).containsOnlyKeys(before.keySet());
        Engine reloaded = engine();
        new StateStore(dir.resolve("state")).load(reloaded);
        assertThat(reloaded.buffer().snapshot()).extracting(CloudTrailEvent::eventId).containsExactly("k1");
    }

    @Test
    void aStateOfAnUnknownFormatVersionIsRefusedWithAClearMessage() throws IOException {
        StateStore store = new StateStore(dir.resolve("state"));
        store.save(engine(), new StateStore.Meta());
        Path meta = dir.resolve("state/snapshot-000001/meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format_version\" : " + StateStore.FORMAT_VERSION,
                "\"format_version\" : 99"));
        assertThatThrownBy(() -> store.load(engine())).isInstanceOf(StateException.class)
                .hasMessageContaining("format version 99")
                .hasMessageContaining("reads versions " + StateStore.OLDEST_READABLE + " to " + StateStore.FORMAT_VERSION)
                .hasMessageContaining("new --state directory");
    }

    @Test
    void currentPointingAtAMissingSnapshotIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/CURRENT"), "snapshot-000007\n");
        assertThatThrownBy(() -> new StateStore(dir.resolve("state")).load(engine())).isInstanceOf(StateException.class)
                .hasMessageContaining("snapshot-000007").hasMessageContaining("does not exist");
    }

    @Test
    void savingWhatWasLoadedWritesTheSameSnapshotByteForByte() throws IOException {
        Engine e = engine();
        for (int i = 0; i < 50; i++) {
            e.accept(plain(String.format("p%03d", i), Times.iso(Times.parseUserTime("2024-03-01T08:00:00Z") + i * 7 * Times.MINUTE)));
        }
        e.accept(kali("k1", "2024-03-01T13:00:00Z"));
        e.accept(plain("tail", "2024-03-01T13:50:00Z"));
        e.finish(false);
        assertThat(e.buffer().size()).isPositive();
        assertThat(e.tracker().openWindows()).isNotEmpty();
        assertThat(e.pendingTimers()).isNotEmpty();
        StateStore.Meta meta = new StateStore.Meta();
        meta.filesRead.add("/b");
        meta.filesRead.add("/a");
        new StateStore(dir.resolve("s1")).save(e, meta);

        Engine restored = engine();
        StateStore.Meta m2 = new StateStore(dir.resolve("s1")).load(restored);
        new StateStore(dir.resolve("s2")).save(restored, m2);
        java.util.Map<String, byte[]> a = contents(dir.resolve("s1/snapshot-000001"));
        java.util.Map<String, byte[]> b = contents(dir.resolve("s2/snapshot-000001"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(new String(b.get(k), StandardCharsets.ISO_8859_1)).as(k).isEqualTo(new String(a.get(k), StandardCharsets.ISO_8859_1));
        }
        assertThat(restored.watermark()).isEqualTo(e.watermark());
        assertThat(restored.profiles().get("arn:aws:iam::111122223333:user/alice").events())
                .isEqualTo(51 - e.buffer().size());
    }

    @Test
    void anOpenFindingWithASubSecondTimeKeepsItsIdAcrossARestart() throws IOException {
        Engine e = engine();
        e.accept(kali("k1", "2024-03-01T10:00:00.250Z"));
        e.accept(plain("p1", "2024-03-01T10:20:00Z"));
        e.finish(false);
        assertThat(lines).hasSize(1);
        String id = lines.get(0).split(" ")[0];
        new StateStore(dir.resolve("s")).save(e, new StateStore.Meta());

        lines.clear();
        Engine r = engine();
        new StateStore(dir.resolve("s")).load(r);
        // a repeat inside the restored finding's suppression window merges into it: the update line
        // must carry the id the first line had
        r.tracker().emit(Finding.draft("offensive-user-agent").credential("AKIAMALLORY").subject("distribution:kali")
                .title("t").time(Times.parseUserTime("2024-03-01T10:30:00Z")).eventId("k2"));
        r.finish(true);
        assertThat(lines).singleElement().asString().startsWith(id + " count=2")
                .contains("last=" + Times.parseUserTime("2024-03-01T10:30:00Z"));
    }

    @Test
    void eventsInTheReorderBufferSurviveASnapshotWithEveryField() throws IOException {
        CloudTrailEvent e = CloudTrailEvent.builder().time(Times.parseUserTime("2024-03-01T10:00:00Z")).eventId("id")
                .eventSource("sts.amazonaws.com").eventName("AssumeRole").region("us-east-1").sourceIp("2001:db8::1")
                .userAgent("ua \u001b[31m é").errorCode("AccessDenied").errorMessage("msg").readOnly(false)
                .eventType("AwsApiCall").recipientAccountId("111122223333").sharedEventId("shared").vpcEndpointId("vpce")
                .consoleLogin("Failure").mintedAccessKeyId("ASIAMINT").requestParameters("{\"a\":[1,null]}")
                .identity(new UserIdentity("AssumedRole", "arn", "pid", "acct", "ASIA", "user", "invoker", "Role",
                        "issuerArn", "issuer", true, null, "source-id"))
                .build();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        EventCodec.write(e, new DataOutputStream(bo));
        CloudTrailEvent r = EventCodec.read(new DataInputStream(new ByteArrayInputStream(bo.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        EventCodec.write(r, new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bo.toByteArray());
        assertThat(r.identity()).isEqualTo(e.identity());
        assertThat(r.userAgent()).isEqualTo(e.userAgent());
        assertThat(r.readOnly()).isFalse();
        assertThat(r.principal()).isEqualTo(e.principal());
        CloudTrailEvent empty = CloudTrailEvent.builder().time(1).build();
        ByteArrayOutputStream b2 = new ByteArrayOutputStream();
        EventCodec.write(empty, new DataOutputStream(b2));
        CloudTrailEvent r2 = EventCodec.read(new DataInputStream(new ByteArrayInputStream(b2.toByteArray())));
        assertThat(r2.eventId()).isNull();
        assertThat(r2.identity()).isEqualTo(UserIdentity.EMPTY);
        assertThat(r2.readOnly()).isNull();
    }

    private static IncidentCarry carry() {
        Finding a = Finding.draft("offensive-user-agent").credential("AKIAMALLORY").subject("distribution:kali").title("t")
                .time(Times.parseUserTime("2024-03-01T10:00:00.250Z")).lastTime(Times.parseUserTime("2024-03-01T10:40:00Z"))
                .count(3).risk(47).severity(io.trailwarden.finding.Severity.MEDIUM).sourceIp("203.0.113.5")
                .userAgent(TrailFiles.KALI_UA).eventName("ListUsers").eventId("k1").evidence("score", 0.1)
                .evidence("days", 14).evidence("seen", List.of("a", "b")).explanation("x \u001b[2J").build();
        Finding b = Finding.draft("new-user-agent").credential("role:111122223333:ci").title("u")
                .time(Times.parseUserTime("2024-03-01T09:00:00Z")).build();
        return new IncidentCarry(List.of(a, b), java.util.Map.of(
                "AKIAMALLORY", new IncidentCarry.Credential("AKIAMALLORY", Long.MIN_VALUE, a.time(),
                        List.of(new IncidentCarry.Emitted("inc-1", a.time(), "d1"))),
                "role:111122223333:ci", new IncidentCarry.Credential("role:111122223333:ci",
                        Times.parseUserTime("2024-02-27T09:00:00Z"), b.time(),
                        List.of(new IncidentCarry.Emitted("inc-2", b.time(), "d2")))));
    }

    @Test
    void findingsCarriedIntoTheNextRunsIncidentsSurviveASnapshotByteForByte() throws IOException {
        StateStore.Meta meta = new StateStore.Meta();
        meta.incidents = carry();
        new StateStore(dir.resolve("s1")).save(engine(), meta);
        StateStore.Meta loaded = new StateStore(dir.resolve("s1")).load(engine());
        assertThat(loaded.incidents.credentials()).isEqualTo(meta.incidents.credentials());
        assertThat(loaded.incidents.findings()).extracting(Finding::id)
                .containsExactly(meta.incidents.findings().get(0).id(), meta.incidents.findings().get(1).id());
        Finding a = loaded.incidents.findings().get(0);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.lastTime()).isEqualTo(Times.parseUserTime("2024-03-01T10:40:00Z"));
        assertThat(a.sourceIps()).containsExactly("203.0.113.5");
        assertThat(a.userAgents()).containsExactly(TrailFiles.KALI_UA);
        assertThat(a.severity()).isEqualTo(io.trailwarden.finding.Severity.MEDIUM);
        new StateStore(dir.resolve("s2")).save(engine(), loaded);
        java.util.Map<String, byte[]> x = contents(dir.resolve("s1/snapshot-000001"));
        java.util.Map<String, byte[]> y = contents(dir.resolve("s2/snapshot-000001"));
        for (String f : List.of(StateStore.CARRIED_FINDINGS, StateStore.CARRIED_CREDENTIALS)) {
            assertThat(new String(y.get(f), StandardCharsets.UTF_8)).as(f).isNotEmpty()
                    .isEqualTo(new String(x.get(f), StandardCharsets.UTF_8));
        }
    }

    /** True when the meta's files read are exactly {@code path}. */
    private static boolean readOnly(StateStore.Meta meta, String path) {
        return meta.filesRead.size() == 1 && meta.filesRead.contains(path) && !meta.filesRead.contains(path + "x");
    }

    @Test
    void theFilesReadOfAVersionTwoSnapshotComeFromItsListOfPaths() throws IOException {
        StateStore store = new StateStore(dir.resolve("state"));
        Engine e = engine();
        e.accept(plain("a", "2024-03-01T10:00:00Z"));
        store.save(e, new StateStore.Meta());
        Path snap = store.current();
        Files.delete(snap.resolve(StateStore.FILES_READ));
        Path meta = snap.resolve("meta.json");
        Files.writeString(meta, Files.readString(meta)
                .replace("\"format_version\" : " + StateStore.FORMAT_VERSION, "\"format_version\" : 2")
                .replace("\"files_read_count\" : 0", "\"files_read\" : [ \"/data/one.json.gz\", \"/data/two.json.gz\" ]"));
        StateStore.Meta loaded = store.load(engine());
        assertThat(loaded.filesRead.size()).isEqualTo(2);
        assertThat(loaded.filesRead.contains("/data/two.json.gz")).isTrue();
        store.save(e, loaded);
        assertThat(store.current().resolve(StateStore.FILES_READ)).exists();
        assertThat(Files.readString(store.current().resolve("meta.json"))).contains("\"files_read_count\" : 2")
                .doesNotContain("one.json.gz");
    }

    @Test
    void aVersionOneSnapshotLoadsWithNothingCarried() throws IOException {
        StateStore store = new StateStore(dir.resolve("state"));
        Engine e = engine();
        e.accept(plain("a", "2024-03-01T10:00:00Z"));
        e.accept(plain("b", "2024-03-01T11:00:00Z"));
        StateStore.Meta meta = new StateStore.Meta();
        meta.filesRead.add("/data/one.json.gz");
        meta.incidents = carry();
        store.save(e, meta);
        FormatOne.downgrade(store.current());
        Engine r = engine();
        StateStore.Meta loaded = store.load(r);
        assertThat(loaded.incidents).isSameAs(IncidentCarry.EMPTY);
        assertThat(readOnly(loaded, "/data/one.json.gz")).isTrue();
        assertThat(r.watermark()).isEqualTo(e.watermark());
        assertThat(store.loadProfiles(EngineOptions.DEFAULTS.profileRetention()).get("arn:aws:iam::111122223333:user/alice"))
                .isNotNull();
    }
}
