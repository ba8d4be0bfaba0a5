package io.trailwarden.testing;

import io.trailwarden.detect.Detector;
import io.trailwarden.enrich.BasicSourceEnricher;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.UserAgentParser;
import io.trailwarden.engine.Engine;
import io.trailwarden.engine.EngineOptions;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.AllowRule;
import io.trailwarden.finding.Finding;
import io.trailwarden.finding.FindingTracker;
import io.trailwarden.source.InputSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs detectors through the real engine (ordering, profiles, timers, suppression) over events given
 * in a test, and collects the findings: the last version of each.
 */
public final class DetectorHarness {
    private final Engine engine;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final List<Finding> firstLines = new ArrayList<>();

    public DetectorHarness(Detector<?>... detectors) {
        this(new BasicSourceEnricher(), List.of(), detectors);
    }

    public DetectorHarness(SourceEnricher sources, List<AllowRule> allowlist, Detector<?>... detectors) {
        EngineOptions o = EngineOptions.DEFAULTS;
        FindingTracker tracker = new FindingTracker(o.suppressWindow(), allowlist, sources, (f, update) -> {
            findings.put(f.id(), f);
            if (!update) {
                firstLines.add(f);
            }
        });
        engine = new Engine(List.of(detectors), o, sources, new UserAgentParser(), tracker, InputSelection.ALL);
    }

    public DetectorHarness feed(CloudTrailEvent.Builder... events) {
        for (CloudTrailEvent.Builder b : events) {
            engine.accept(b.build());
        }
        return this;
    }

    public DetectorHarness feed(List<CloudTrailEvent> events) {
        events.forEach(engine::accept);
        return this;
    }

    /** Ends the input (watermark to infinity) and returns every finding, last version of each. */
    public List<Finding> finish() {
        engine.finish(true);
        return new ArrayList<>(findings.values());
    }

    public List<Finding> findings(String detection) {
        return findings.values().stream().filter(f -> f.detection().equals(detection)).toList();
    }

    public Engine engine() {
        return engine;
    }
}
