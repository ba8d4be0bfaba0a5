package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A labelled attack or benign trap: what it does, on which credentials, from where, when, and (for attacks)
 * the detections that should fire on it.
 */
abstract class Scenario extends Actor {
    /** The simulated period. */
    record Period(long start, long end, int days, double scale, int firstDayOfWeek) {
        int dayOfWeek(int index) {
            return (firstDayOfWeek - 1 + index) % 7 + 1;
        }

        long dayStart(int index) {
            return start + index * 86_400_000L;
        }

        /** The latest weekday at or before day {@code index} (at least day 0). */
        int weekdayAtOrBefore(int index) {
            int i = Math.max(0, index);
            while (i > 0 && dayOfWeek(i) >= 6) {
                i--;
            }
            return i;
        }
    }

    final boolean attack;
    final String type;
    String description;
    final Set<String> accessKeys = new TreeSet<>();
    final Set<String> principalArns = new TreeSet<>();
    final Set<String> credentials = new TreeSet<>();
    /** "principal ARN \n session name" pairs: SSO sessions of one person on a shared role. */
    final Set<String> sessions = new TreeSet<>();
    final Set<String> ips = new TreeSet<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    final List<String> detections = new ArrayList<>();
    final Map<String, String> notExpected = new TreeMap<>();
    String allowlistAsOrg;
    final List<String> firesUntilAllowlisted = new ArrayList<>();
    long events;

    Scenario(String id, boolean attack, String type) {
        super(id);
        this.attack = attack;
        this.type = type;
    }

    /** Chooses victims and places, and changes the organisation where the scenario is a change of habit. */
    abstract void prepare(World w, Period p);

    @Override
    void day(Day day, Rng rng, Consumer<Ev> out) {
    }

    Consumer<Ev> track(Consumer<Ev> out) {
        return e -> {
            e.mayBeVeryLate = false;
            start = Math.min(start, e.time);
            end = Math.max(end, e.time);
            events++;
            out.accept(e);
        };
    }

    void window(long from, long to) {
        start = Math.min(start, from);
        end = Math.max(end, to);
    }

    void key(Identity user) {
        accessKeys.add(user.accessKey);
        credentials.add(user.accessKey);
        principalArns.add(user.arn);
    }

    void role(Identity role) {
        principalArns.add(role.arn);
        credentials.add(role.credential());
    }

    void ssoSessions(Human h) {
        for (Identity r : h.ssoRoles) {
            sessions.add(r.arn + "\n" + h.email);
        }
    }

    /** Expects {@code detection} when the data allows it, else records why not. */
    void expect(String detection, boolean possible, String reason) {
        if (possible) {
            detections.add(detection);
        } else {
            notExpected.put(detection, reason);
        }
    }

    void expect(String detection) {
        detections.add(detection);
    }
}
