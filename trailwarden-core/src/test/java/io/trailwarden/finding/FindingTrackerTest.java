package io.trailwarden.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.util.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingTrackerTest {
    private static final long T0 = Times.parseUserTime("2024-03-01T10:00:00Z");
    private final List<String> written = new ArrayList<>();
    private final List<Finding> versions = new ArrayList<>();

    private FindingTracker tracker(AllowRule... rules) {
        return new FindingTracker(Times.HOUR, List.of(rules), new BasicSourceEnricher(), (f, update) -> {
            written.add((update ? "update " : "new ") + f.subject() + "@" + Times.iso(f.time()) + " x" + f.count());
            versions.add(f);
        });
    }

    private static Finding.Draft d(String subject, long offsetMin, String eventId) {
        return Finding.draft("det").credential("AKIAX").subject(subject).title("t").time(T0 + offsetMin * Times.MINUTE)
                .principalArn("arn:aws:iam::1:user/x").sourceIp("198.51.100.7").eventId(eventId);
    }

    @Test
    void aFindingIsWrittenWhenItFirstFiresAndRepeatsWithinTheWindowMergeIntoIt() {
        FindingTracker t = tracker();
        t.emit(d("s", 0, "e1"));
        t.emit(d("s", 20, "e2"));
        t.emit(d("s", 59, "e3"));
        assertThat(written).containsExactly("new s@2024-03-01T10:00:00Z x1");
        t.advance(T0 + 59 * Times.MINUTE);
        assertThat(written).hasSize(1);
        t.advance(T0 + Times.HOUR);
        assertThat(written).containsExactly("new s@2024-03-01T10:00:00Z x1", "update s@2024-03-01T10:00:00Z x3");
        Finding last = versions.get(1);
        assertThat(last.id()).isEqualTo(versions.get(0).id());
        assertThat(last.lastTime()).isEqualTo(T0 + 59 * Times.MINUTE);
        assertThat(last.eventIds()).containsExactly("e1", "e2", "e3");
    }

    @Test
    void aWindowWithNothingMergedClosesSilently() {
        FindingTracker t = tracker();
        t.emit(d("s", 0, "e1"));
        t.advance(Long.MAX_VALUE);
        assertThat(written).containsExactly("new s@2024-03-01T10:00:00Z x1");
    }

    @Test
    void aRepeatAfterTheWindowIsANewFindingAndClosesTheOldOne() {
        FindingTracker t = tracker();
        t.emit(d("s", 0, "e1"));
        t.emit(d("s", 30, "e2"));
        t.emit(d("s", 60, "e3")); // the watermark has not passed the window's end yet
        assertThat(written).containsExactly("new s@2024-03-01T10:00:00Z x1", "update s@2024-03-01T10:00:00Z x2",
                "new s@2024-03-01T11:00:00Z x1");
        assertThat(versions.get(2).id()).isNotEqualTo(versions.get(0).id());
        t.advance(Long.MAX_VALUE);
        assertThat(written).hasSize(3);
    }

    @Test
    void differentSubjectsOrCredentialsAreDifferentFindings() {
        FindingTracker t = tracker();
        t.emit(d("a", 0, "e1"));
        t.emit(d("b", 1, "e2"));
        t.emit(d("a", 2, "e3").credential("AKIAY"));
        assertThat(written).hasSize(3);
    }

    @Test
    void aLateRepeatOlderThanTheFindingMergesIntoIt() {
        FindingTracker t = tracker();
        t.emit(d("s", 10, "e1"));
        t.emit(d("s", 0, "late"));
        t.advance(Long.MAX_VALUE);
        assertThat(written).containsExactly("new s@2024-03-01T10:10:00Z x1", "update s@2024-03-01T10:10:00Z x2");
    }

    @Test
    void allowlistedFindingsAreNotWrittenButCountedPerRule() {
        AllowRule vpn = new AllowRule("corp-vpn", List.of("198.51.100.0/24"), List.of(), List.of(), List.of(), Set.of("det"));
        AllowRule other = new AllowRule("other-detection", List.of("0.0.0.0/0"), List.of(), List.of(), List.of(), Set.of("x"));
        AllowRule all = new AllowRule("everything", List.of(), List.of("*"), List.of(), List.of(), Set.of());
        FindingTracker t = tracker(other, vpn, all);
        t.emit(d("s", 0, "e1"));
        t.emit(d("s", 1, "e2"));
        t.emit(d("s", 2, "e3").sourceIp("203.0.113.5")); // not only from the VPN: the next rule takes it
        t.advance(Long.MAX_VALUE);
        assertThat(written).isEmpty();
        assertThat(t.suppressedByRule()).containsExactly(java.util.Map.entry("other-detection", 0L),
                java.util.Map.entry("corp-vpn", 2L), java.util.Map.entry("everything", 1L));
    }

    @Test
    void findingIdsHashDetectionCredentialSubjectAndFirstTime() {
        String a = Finding.idOf("det", "AKIAX", "s", T0);
        assertThat(Finding.idOf("det", "AKIAX", "s", T0)).isEqualTo(a).hasSize(32);
        assertThat(Finding.idOf("det", "AKIAX", "s", T0 + 1)).isNotEqualTo(a);
        assertThat(Finding.idOf("det", "AKIAX", "t", T0)).isNotEqualTo(a);
        assertThat(Finding.idOf("other", "AKIAX", "s", T0)).isNotEqualTo(a);
        assertThat(Finding.idOf("det", "AKIAY", "s", T0)).isNotEqualTo(a);
    }

    @Test
    void atMostTwentyEventIdsAreKept() {
        FindingTracker t = tracker();
        for (int i = 0; i < 30; i++) {
            t.emit(d("s", i, "e" + i));
        }
        t.advance(Long.MAX_VALUE);
        Finding f = versions.get(versions.size() - 1);
        assertThat(f.count()).isEqualTo(30);
        assertThat(f.eventIds()).hasSize(Finding.MAX_EVENT_IDS).startsWith("e0", "e1").endsWith("e19");
    }
}
