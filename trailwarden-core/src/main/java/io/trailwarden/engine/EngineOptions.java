package io.trailwarden.engine;

import io.trailwarden.util.Times;

/**
 * @param lateness         how late an event may arrive and still be ordered (15 min)
 * @param suppressWindow   repeats of a finding within this merge into it (60 min)
 * @param profileRetention how long profiles remember a value (90 days)
 */
public record EngineOptions(long lateness, long suppressWindow, long profileRetention) {
    public static final EngineOptions DEFAULTS = new EngineOptions(15 * Times.MINUTE, 60 * Times.MINUTE, 90 * Times.DAY);
}
