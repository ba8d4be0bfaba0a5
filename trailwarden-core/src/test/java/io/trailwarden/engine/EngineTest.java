package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.config.Params;
import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.detect.expel.OffensiveUserAgent;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.source.InputSelection;
import io.trailwarden.testing.Events;
import io.trailwarden.testing.TrailFiles;
import io.trailwarden.util.Times;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {

    /** Records what reaches the detectors, in order, and its timers. */
    static final class Recorder implements Detector<int[]> {
        final List<String> seen = new ArrayList<>();
        final List<String> timers = new ArrayList<>();
        long timerOffset = -1;

        @Override public String id() { return "recorder"; }
        @Override public KeyKind keyKind() { return KeyKind.ORGANISATION; }
        @Override public String keyOf(EnrichedEvent e) { return "org"; }
        @Override public int[] newState() { return new int[1]; }

        @Override
        public StateCodec<int[]> codec() {
            return new StateCodec<>() {
                @Override public void write(int[] s, DataOutput out) throws java.io.IOException { out.writeInt(s[0]); }
                @Override public int[] read(DataInput in) throws java.io.IOException { return new int[] {in.readInt()}; }
            };
        }

        @Override
        public void onEvent(int[] s, EnrichedEvent e, DetectorContext ctx) {
            s[0]++;
            seen.add(e.event().eventId() + (e.late() ? "(late)" : ""));
            if (timerOffset >= 0) {
                ctx.registerTimer(e.event().time() + timerOffset);
            }
        }

        @Override
        public void onTimer(int[] s, long time, DetectorContext ctx) {
            timers.add(Times.iso(time) + "@" + Times.iso(ctx.watermark()));
        }

        @Override public boolean isEmpty(int[] s) { return false; }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    private Engine engine(InputSelection sel, Detector<?>... more) {
        List<Detector<?>> ds = new ArrayList<>();
        ds.add(recorder);
        ds.addAll(List.of(more));
        FindingTracker tracker = new FindingTracker(EngineOptions.DEFAULTS.suppressWindow(), List.of(),
                new BasicSourceEnricher(), (f, update) -> findings.add(f));
        return new Engine(ds, EngineOptions.DEFAULTS, new BasicSourceEnricher(), new UserAgentParser(), tracker, sel);
    }

    private static CloudTrailEvent ev(String id, String time) {
        return Events.user("alice", "AKIAALICE", time, "ListUsers").eventId(id).build();
    }

    @Test
    void outOfOrderEventsWithinTheLatenessAreProcessedInEventTimeThenIdOrder() {
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("c", "2024-03-01T10:10:00Z"));
        e.accept(ev("b", "2024-03-01T10:00:00Z"));
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(ev("d", "2024-03-01T10:05:00Z"));
        assertThat(recorder.seen).as("nothing is released before the watermark passes it").isEmpty();
        e.accept(ev("z", "2024-03-01T10:30:00Z"));
        assertThat(recorder.seen).containsExactly("a", "b", "d", "c");
        e.finish(true);
        assertThat(recorder.seen).containsExactly("a", "b", "d", "c", "z");
        assertThat(e.stats().lateEvents).isZero();
    }

    @Test
    void anEventOlderThanTheWatermarkIsLateCountedAndStillProcessedAtOnce() {
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(ev("b", "2024-03-01T11:00:00Z")); // watermark 10:45: a released
        e.accept(ev("late", "2024-03-01T10:30:00Z"));
        assertThat(recorder.seen).containsExactly("a", "late(late)");
        e.accept(ev("edge", "2024-03-01T10:45:00Z")); // at the watermark: buffered, not late
        e.finish(true);
        assertThat(recorder.seen).containsExactly("a", "late(late)", "edge", "b");
        assertThat(e.stats().lateEvents).isEqualTo(1);
        assertThat(e.stats().eventsProcessed).isEqualTo(4);
    }

    @Test
    void lateEventsPassThroughSingleEventDetectionsMarkedLate() {
        Engine e = engine(InputSelection.ALL, new OffensiveUserAgent(Params.defaults(OffensiveUserAgent.INFO)));
        e.accept(ev("a", "2024-03-01T12:00:00Z"));
        e.accept(Events.user("bob", "AKIABOB", "2024-03-01T10:00:00Z", "ListUsers").eventId("k")
                .userAgent(TrailFiles.KALI_UA).build());
        e.finish(true);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.late()).isTrue();
            assertThat(f.credential()).isEqualTo("AKIABOB");
        });
    }

    @Test
    void duplicateEventIdsAreDroppedAndCountedWhetherBufferedOrAlreadyProcessed() {
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(ev("a", "2024-03-01T10:00:00Z")); // both in the buffer
        e.accept(ev("b", "2024-03-01T11:00:00Z"));
        e.accept(ev("a", "2024-03-01T10:00:00Z")); // a was processed already: late and a duplicate
        e.finish(true);
        assertThat(recorder.seen).containsExactly("a", "b");
        assertThat(e.stats().duplicates).isEqualTo(2);
        assertThat(e.stats().lateEvents).as("a duplicate is not also counted late").isZero();
    }

    @Test
    void selectionDropsEventsOutsideTimeAccountsAndRegionsBeforeAnyStage() {
        InputSelection sel = new InputSelection(Times.parseUserTime("2024-03-01T10:00:00Z"),
                Times.parseUserTime("2024-03-01T11:00:00Z"), Set.of(Events.ACCOUNT), Set.of("us-east-1"));
        Engine e = engine(sel);
        e.accept(ev("before", "2024-03-01T09:59:59Z"));
        e.accept(ev("in", "2024-03-01T10:00:00Z"));
        e.accept(ev("until-is-exclusive", "2024-03-01T11:00:00Z"));
        e.accept(Events.user("x", "AKIAX", "2024-03-01T10:10:00Z", "ListUsers").eventId("other-region").region("eu-west-1").build());
        e.accept(Events.user("x", "AKIAX", "2024-03-01T10:10:00Z", "ListUsers").eventId("other-account")
                .recipientAccountId("999988887777").build());
        e.finish(true);
        assertThat(recorder.seen).containsExactly("in");
        assertThat(e.stats().recordsDecoded).isEqualTo(5);
        assertThat(e.stats().recordsFiltered).isEqualTo(4);
        assertThat(e.stats().eventsProcessed).isEqualTo(1);
    }

    @Test
    void timersFireOnceTheWatermarkPassesThemAndFinishFlushesTheRest() {
        recorder.timerOffset = 10 * Times.MINUTE;
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(ev("b", "2024-03-01T10:24:59Z"));
        assertThat(recorder.timers).isEmpty();
        e.accept(ev("c", "2024-03-01T10:25:00Z")); // watermark 10:10: a's timer
        assertThat(recorder.timers).containsExactly("2024-03-01T10:10:00Z@2024-03-01T10:10:00Z");
        e.finish(true);
        assertThat(recorder.timers).hasSize(3);
    }

    @Test
    void finishingWithoutFlushKeepsTheBufferAndTimersForTheState() {
        recorder.timerOffset = Times.HOUR;
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(ev("b", "2024-03-01T10:20:00Z"));
        e.finish(false);
        assertThat(recorder.seen).containsExactly("a");
        assertThat(e.buffer().size()).isEqualTo(1);
        assertThat(e.pendingTimers()).hasSize(1);
        assertThat(recorder.timers).isEmpty();
    }

    @Test
    void runStatsKnowTheTimeRangeAccountsAndPrincipals() {
        Engine e = engine(InputSelection.ALL);
        e.accept(ev("a", "2024-03-01T10:00:00Z"));
        e.accept(Events.user("bob", "AKIABOB", "2024-03-02T10:00:00Z", "ListUsers").eventId("b").build());
        e.finish(true);
        assertThat(e.stats().firstEventTime).isEqualTo(Times.parseUserTime("2024-03-01T10:00:00Z"));
        assertThat(e.stats().lastEventTime).isEqualTo(Times.parseUserTime("2024-03-02T10:00:00Z"));
        assertThat(e.stats().accounts).containsExactly(Events.ACCOUNT);
        assertThat(e.stats().principals).hasSize(2);
        assertThat(e.coverage().firstEventTime()).isEqualTo(Times.parseUserTime("2024-03-01T10:00:00Z"));
        assertThat(e.coverage().hoursWithData(Times.parseUserTime("2024-03-01"), Times.parseUserTime("2024-03-03")))
                .isEqualTo(2);
    }
}
