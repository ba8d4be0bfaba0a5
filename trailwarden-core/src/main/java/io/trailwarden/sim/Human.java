package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An employee: works weekdays in their time zone from the office or home, in the console and the AWS CLI,
 * through IAM Identity Center roles and (for some) a long-term key of an IAM user. Quiet weekends, the odd
 * evening, and a background of denials and ordinary errors.
 */
final class Human extends Actor {
    enum Kind { ADMIN, DEV, DATA, READONLY }

    /** Where a session happens from. */
    record Place(String ip, String label) {
    }

    final String user;
    final String email;
    final Kind kind;
    final Office office;
    final Net homeNet;
    final String homeIp;
    String os;
    final String cliVersion;
    final double activity;
    final int officeDays;
    final List<Account> accounts = new ArrayList<>();
    final List<Double> accountWeights = new ArrayList<>();
    final List<Identity> ssoRoles = new ArrayList<>();
    final Repertoire repertoire;
    Identity akia;
    Account akiaAccount;
    double whoamiChance;
    /** First day the person works (a new hire starts late). */
    int firstDay;

    // Benign traps change how a person works for some days.
    int travelFrom = -1;
    int travelTo = -1;
    Net travelNet;
    String travelIp;
    double travelOffset;
    int vpnFrom = -1;
    Net vpnNet;
    String vpnIp;
    int newLaptopFrom = -1;
    String newOs;
    /** Extra sessions inserted by a trap (e.g. the admin's first CreateUser); run after the day's normal work. */
    final List<TrapSession> extra = new ArrayList<>();

    interface TrapSession {
        void run(Human h, Day day, Rng rng, Consumer<Ev> out);
    }

    Human(String user, String email, Kind kind, Office office, Net homeNet, String homeIp, String os,
          String cliVersion, double activity, int officeDays, Repertoire repertoire) {
        super("human:" + user);
        this.user = user;
        this.email = email;
        this.kind = kind;
        this.office = office;
        this.homeNet = homeNet;
        this.homeIp = homeIp;
        this.os = os;
        this.cliVersion = cliVersion;
        this.activity = activity;
        this.officeDays = officeDays;
        this.repertoire = repertoire;
    }

    String osOn(Day day) {
        return newLaptopFrom >= 0 && day.index() >= newLaptopFrom ? newOs : os;
    }

    boolean travelling(Day day) {
        return travelFrom >= 0 && day.index() >= travelFrom && day.index() <= travelTo;
    }

    double offsetOn(Day day) {
        return travelling(day) ? travelOffset : office.utcOffset();
    }

    Place place(Day day, Rng r, boolean evening) {
        if (travelling(day)) {
            return new Place(travelIp, "travel");
        }
        if (vpnFrom >= 0 && day.index() >= vpnFrom && r.chance(0.6)) {
            return new Place(vpnIp, "vpn");
        }
        boolean inOffice = !evening && !day.weekend() && (officeDays & (1 << (day.dayOfWeek() - 1))) != 0;
        if (inOffice) {
            return new Place(office.natIps()[r.nextInt(office.natIps().length)], "office");
        }
        return new Place(homeIp, "home");
    }

    @Override
    void day(Day day, Rng r, Consumer<Ev> out) {
        if (day.index() < firstDay) {
            return;
        }
        double off = offsetOn(day);
        if (day.weekend()) {
            if (r.chance(0.07)) {
                double local = 10 + r.nextDouble() * 10;
                session(day, r, out, day.at(local - off), place(day, r, true), true, false);
            }
        } else if (!r.chance(0.05) || day.index() == firstDay) {
            double startLocal = 8.6 + r.gaussian() * 0.6;
            double endLocal = 17.6 + r.gaussian() * 0.8;
            if (endLocal < startLocal + 4) {
                endLocal = startLocal + 4;
            }
            Place morning = place(day, r, false);
            long first = day.at(startLocal - off);
            if (akia != null && r.chance(whoamiChance)) {
                Ev e = ev(r, first + r.range(0, 600_000), akiaAccount.id, akiaAccount.primaryRegion, akia, null,
                        "GetCallerIdentity", morning.ip(), Agents.cli(osOn(day), cliVersion, Api.get("GetCallerIdentity")));
                e.region = akiaAccount.primaryRegion;
                out.accept(e);
            }
            int sessions = Math.max(1, r.poisson(5.2 * activity));
            for (int i = 0; i < sessions; i++) {
                double local = startLocal + r.nextDouble() * (endLocal - startLocal - 0.3);
                Place p = i == 0 ? morning : place(day, r, false);
                session(day, r, out, day.at(local - off), p, false, false);
            }
            if (r.chance(0.06)) {
                double local = 20 + r.nextDouble() * 2;
                session(day, r, out, day.at(local - off), place(day, r, true), true, false);
            }
        }
        for (TrapSession t : extra) {
            t.run(this, day, r, out);
        }
    }

    /** One sitting in the console or the CLI starting at {@code t}. */
    void session(Day day, Rng r, Consumer<Ev> out, long t, Place place, boolean short_, boolean forceConsole) {
        String dayOs = osOn(day);
        boolean console = forceConsole || r.chance(kind == Kind.READONLY ? 0.85 : 0.55);
        boolean useKey = !console && akia != null && r.chance(0.7);
        Account acct;
        Session s = null;
        Identity who;
        if (useKey) {
            acct = akiaAccount;
            who = akia;
        } else {
            int ai = r.weighted(accountWeights.stream().mapToDouble(Double::doubleValue).toArray());
            acct = accounts.get(ai);
            who = ssoRoles.get(ai);
            s = new Session(who, email, t - r.range(0, 120_000), true, console, null, r.nextLong());
        }
        String browser = Agents.browser(dayOs);
        if (console) {
            Ev login = ev(r, t, acct.id, "us-east-1", who, s, "ConsoleLogin", place.ip(), browser);
            login.session = s;
            out.accept(login);
            t += r.range(3_000, 20_000);
        }
        int calls = console ? r.between(6, short_ ? 12 : 40) : r.between(2, short_ ? 6 : 18);
        String region = r.chance(0.8) ? acct.primaryRegion : acct.regions.get(r.nextInt(acct.regions.size()));
        for (int i = 0; i < calls; i++) {
            Api api = repertoire.draw(r);
            String ip = place.ip();
            String ua = console ? browser : Agents.cli(dayOs, cliVersion, api);
            if (console && r.chance(0.1)) {
                ip = "AWS Internal";
                ua = "AWS Internal";
            }
            Ev e = ev(r, t, acct.id, region, who, s, api.name, ip, ua);
            e.arg = argFor(api, acct, r);
            if (r.chance(0.012)) {
                e.denied(null);
            } else if (r.chance(0.008)) {
                Errors.ordinary(e, r);
            }
            out.accept(e);
            t += (long) (r.exp(console ? 12_000 : 35_000)) + 800;
        }
    }

    static String argFor(Api api, Account acct, Rng r) {
        return switch (api.prefix) {
            case "s3" -> api.data ? acct.object(r) : acct.buckets.get(r.nextInt(acct.buckets.size()));
            case "secretsmanager" -> acct.secrets.get(r.nextInt(acct.secrets.size()));
            case "ssm" -> acct.parameters.get(r.nextInt(acct.parameters.size()));
            case "lambda" -> acct.functions.get(r.nextInt(acct.functions.size()));
            case "dynamodb" -> acct.tables.get(r.nextInt(acct.tables.size()));
            case "cloudformation" -> acct.stacks.get(r.nextInt(acct.stacks.size()));
            case "logs" -> acct.logGroups.get(r.nextInt(acct.logGroups.size()));
            case "iam" -> api.name.contains("Role") ? acct.name + "-app-role" : null;
            default -> null;
        };
    }
}
