package io.trailwarden.detect;

import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.enrich.UserAgentInfo;
import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.profile.History;

/**
 * What a detector sees: the decoded event, where it came from, what made it, what the principal's
 * profile knew at the start of its hour, and whether it arrived after the watermark. Valid while the
 * event is handled: the engine reuses the {@link History} for the next event.
 */
public record EnrichedEvent(CloudTrailEvent event, SourceInfo source, UserAgentInfo agent, History history,
                            boolean late) {
}
