package io.trailwarden.sim;

import java.util.function.Consumer;

/**
 * Something that makes CloudTrail events: a person, an automation, an AWS service, an attacker. Each day is
 * generated with its own generator derived from (seed, actor, day), so actors are independent of each other.
 */
abstract class Actor {
    final String id;

    Actor(String id) {
        this.id = id;
    }

    /** Emits this actor's events that start on day {@code day}; events may run past midnight. */
    abstract void day(Day day, Rng rng, Consumer<Ev> out);

    /** Day context: index in the period, start (epoch ms, UTC midnight), ISO day of week (1 = Monday). */
    record Day(int index, long start, int dayOfWeek, long periodStart, long periodEnd, int days) {
        boolean weekend() {
            return dayOfWeek >= 6;
        }

        long at(double hourUtc) {
            return start + Math.round(hourUtc * 3_600_000d);
        }
    }

    static Ev ev(Rng r, long time, String account, String region, Identity who, Session session, String api,
                 String ip, String ua) {
        Ev e = new Ev();
        e.uid = r.nextLong();
        e.time = time;
        e.account = account;
        Api a = Api.get(api);
        e.api = a;
        e.region = a.global ? "us-east-1" : region;
        e.who = who;
        e.session = session;
        e.ip = ip;
        e.ua = ua;
        return e;
    }
}
