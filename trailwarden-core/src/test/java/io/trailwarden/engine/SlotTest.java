package io.trailwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.detect.Detector;
import io.trailwarden.detect.DetectorContext;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.detect.StateCodec;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.source.InputSelection;
import io.trailwarden.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slot's remembered last key and its lazy insert must never change which state an event sees. */
class SlotTest {

    /**
     * Keyed by the event's user name, always a new string instance; state: the calls since the last
     * {@code Clear} (empty at zero). Records the count each event saw.
     */
    static final class Counter implements Detector<int[]> {
        final List<String> seen = new ArrayList<>();
        int created;

        @Override public String id() { return "counter"; }
        @Override public KeyKind keyKind() { return KeyKind.PRINCIPAL; }

        @Override
        public String keyOf(EnrichedEvent e) {
            return new String(e.event().identity().userName());
        }

        @Override
        public int[] newState() {
            created++;
            return new int[1];
        }

        @Override public StateCodec<int[]> codec() { return null; }

        @Override
        public void onEvent(int[] s, EnrichedEvent e, DetectorContext ctx) {
            s[0] = "Clear".equals(e.event().eventName()) ? 0 : s[0] + 1;
            seen.add(ctx.key() + "=" + s[0]);
        }

        @Override
        public void onTimer(int[] s, long time, DetectorContext ctx) {
            s[0] = 0;
        }

        @Override public boolean isEmpty(int[] s) { return s[0] == 0; }
    }

    private final Counter counter = new Counter();
    private final Engine engine = new Engine(List.of(counter), EngineOptions.DEFAULTS, new BasicSourceEnricher(),
            new UserAgentParser(), new FindingTracker(EngineOptions.DEFAULTS.suppressWindow(), List.of(),
                    new BasicSourceEnricher(), (f, update) -> { }), InputSelection.ALL);
    @SuppressWarnings("unchecked")
    private final Engine.Slot<int[]> slot = (Engine.Slot<int[]>) engine.slots().get(0);
    private final Engine.Context ctx = engine.new Context();

    private void call(String user, String api) {
        EnrichedEvent e = new EnrichedEvent(Events.user(user, "AKIA" + user.toUpperCase(), "2024-03-01T10:00:00Z", api)
                .build(), null, null, null, false);
        slot.onEvent(e, ctx);
    }

    @Test
    void equalKeysThatAreDifferentInstancesShareOneState() {
        call("alice", "ListUsers");
        call("alice", "ListUsers");
        call("bob", "ListUsers");
        call("alice", "ListUsers");
        assertThat(counter.seen).containsExactly("alice=1", "alice=2", "bob=1", "alice=3");
        assertThat(slot.states()).containsOnlyKeys("alice", "bob");
        assertThat(counter.created).isEqualTo(2);
    }

    @Test
    void aStateEmptiedByAnEventLeavesTheMapAndTheNextEventStartsAfresh() {
        call("alice", "ListUsers");
        call("alice", "Clear");
        assertThat(slot.states()).isEmpty();
        call("alice", "ListUsers");
        assertThat(counter.seen).containsExactly("alice=1", "alice=0", "alice=1");
        assertThat(slot.states()).containsOnlyKeys("alice");
    }

    @Test
    void aNewKeyWhoseStateStaysEmptyNeverEntersTheMap() {
        call("alice", "Clear");
        call("alice", "Clear");
        assertThat(slot.states()).isEmpty();
        assertThat(counter.created).isEqualTo(2);
        call("alice", "ListUsers");
        assertThat(slot.states()).containsOnlyKeys("alice");
        assertThat(slot.states().get("alice")).containsExactly(1);
    }

    @Test
    void aStateEmptiedByATimerIsForgottenByTheNextEventOfTheSameKey() {
        call("alice", "ListUsers");
        int[] before = slot.states().get("alice");
        slot.onTimer("alice", 0, ctx);
        assertThat(slot.states()).isEmpty();
        call("alice", "ListUsers");
        assertThat(slot.states().get("alice")).isNotSameAs(before).containsExactly(1);
        assertThat(counter.seen).containsExactly("alice=1", "alice=1");
    }

    @Test
    void aStatePutBeforeTheFirstEventIsUsed() {
        slot.states().put("alice", new int[] {41});
        call("alice", "ListUsers");
        assertThat(counter.seen).containsExactly("alice=42");
    }
}
