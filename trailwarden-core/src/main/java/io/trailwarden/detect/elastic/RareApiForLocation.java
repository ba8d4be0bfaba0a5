package io.trailwarden.detect.elastic;

import io.trailwarden.config.Params;
import io.trailwarden.detect.EnrichedEvent;
import io.trailwarden.detect.KeyKind;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.finding.Finding;

/**
 * An API called from a place where the organisation has (almost) never called it: partition the
 * event's source place, value its eventName, N the organisation's hours with data. Only events with a
 * source country enter: none from service names, {@code AWS Internal}, private or invalid addresses,
 * or calls invoked by AWS services. A subclass names the place ({@link #location}) and what the
 * analyst should check.
 */
abstract class RareApiForLocation extends RarityDetector {
    private final String kind;
    private final String advice;

    /**
     * @param kind   the place's kind, for titles and the evidence key ({@code country}, {@code city})
     * @param advice the explanation's suggestion, after "check whether the caller is travelling or"
     */
    RareApiForLocation(String id, Params p, String kind, String advice) {
        super(id, p);
        this.kind = kind;
        this.advice = advice;
    }

    /** The event's place, given its (non-null) source country; null when it has none. */
    abstract String location(EnrichedEvent e, String country);

    /** The source country, or null when the event has none. */
    static String country(EnrichedEvent e) {
        SourceInfo s = e.source();
        if (s == null || !s.publicIp() || s.isServiceSource() || e.event().isServiceInvoked()) {
            return null;
        }
        String c = s.country();
        return c == null || c.isEmpty() ? null : c;
    }

    @Override
    public final KeyKind keyKind() {
        return KeyKind.OTHER;
    }

    @Override
    public final String keyOf(EnrichedEvent e) {
        String country = country(e);
        return country == null || e.event().eventName() == null ? null : location(e, country);
    }

    @Override
    final String valueOf(EnrichedEvent e) {
        return e.event().eventName();
    }

    @Override
    final void describe(Finding.Draft d, EnrichedEvent e, String place, String api, Rarity r) {
        d.title("API " + api + " called from " + place + ", a " + kind + " unusual for it")
                .evidence(kind, place)
                .evidence("api", api)
                .explanation(e.event().credential() + " called " + api + " from " + e.event().sourceIp() + " in "
                        + place + "; in the previous " + r.historyDays() + " days the organisation called " + api
                        + " from " + place + " in " + r.k() + " hour(s), and " + place + " was active in "
                        + r.partitionHours() + " of the " + r.n() + " hours with data (rarity score "
                        + round2(r.score()) + "): check whether the caller is travelling or " + advice
                        + ", and if not treat the credential as possibly stolen.");
    }
}
