package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Automation with the long-term key of an IAM user, running around the clock from an AWS network: a job every
 * few minutes, the same calls each time, a daily housekeeping job, rare throttling.
 */
final class ServiceUser extends Actor {
    /** One call of a run. */
    record Step(String api, String arg, String region, double denyRate) {
    }

    final Identity user;
    final Account account;
    final String ip;
    final String ua;
    final int periodMinutes;
    final long phase;
    final List<Step> steps = new ArrayList<>();
    final List<Step> daily = new ArrayList<>();
    int dailyHour = 3;
    /** Runs only on weekdays between these UTC hours (an integration used by people), or -1. */
    int activeFromHour = -1;
    int activeToHour = -1;

    ServiceUser(Identity user, Account account, String ip, String ua, int periodMinutes, long phase) {
        super("service:" + user.arn);
        this.user = user;
        this.account = account;
        this.ip = ip;
        this.ua = ua;
        this.periodMinutes = periodMinutes;
        this.phase = phase;
    }

    ServiceUser step(String api, String arg) {
        steps.add(new Step(api, arg, account.primaryRegion, 0));
        return this;
    }

    ServiceUser step(String api, String arg, String region, double denyRate) {
        steps.add(new Step(api, arg, region == null ? account.primaryRegion : region, denyRate));
        return this;
    }

    ServiceUser daily(String api, String arg) {
        daily.add(new Step(api, arg, account.primaryRegion, 0));
        return this;
    }

    @Override
    void day(Day day, Rng r, Consumer<Ev> out) {
        long period = periodMinutes * 60_000L;
        for (long t = day.start() + phase % period; t < day.start() + 86_400_000L; t += period) {
            int hour = (int) ((t - day.start()) / 3_600_000L);
            if (activeFromHour >= 0 && (day.weekend() || hour < activeFromHour || hour >= activeToHour)) {
                continue;
            }
            if (r.chance(0.003)) {
                continue; // a missed run
            }
            run(steps, t + r.range(0, 40_000), r, out);
        }
        if (!daily.isEmpty()) {
            run(daily, day.at(dailyHour) + r.range(0, 300_000), r, out);
        }
    }

    private void run(List<Step> list, long t, Rng r, Consumer<Ev> out) {
        for (Step s : list) {
            Ev e = ev(r, t, account.id, s.region(), user, null, s.api(), ip, ua);
            e.arg = s.arg() != null ? s.arg() : Human.argFor(e.api, account, r);
            if (s.arg() != null && s.arg().endsWith("/") && e.api.data) {
                e.arg = s.arg() + Ids.hex(r.nextLong(), 10) + ".json";
            }
            if (s.denyRate() > 0 && r.chance(s.denyRate())) {
                e.denied(e.api.data ? null : account.secretArn(String.valueOf(e.arg)));
            } else if (r.chance(0.0015)) {
                e.error(e.api.deny == Api.Deny.EC2 ? "Client.RequestLimitExceeded" : "ThrottlingException",
                        e.api.deny == Api.Deny.EC2 ? "Request limit exceeded." : "Rate exceeded");
            }
            out.accept(e);
            if (e.errorCode == null && e.api.name.equals("GetSecretValue")) {
                Ev k = ev(r, t + 40, account.id, s.region(), user, null, "Decrypt", "secretsmanager.amazonaws.com",
                        "secretsmanager.amazonaws.com");
                k.invokedBy = "secretsmanager.amazonaws.com";
                k.arg = account.secretArn(String.valueOf(e.arg));
                out.accept(k);
            }
            t += r.range(150, 1500);
        }
    }
}
