package io.trailwarden.sim;

import java.util.ArrayList;
import java.util.List;

/** The APIs a principal uses and how often: a weighted list drawn from a pool. */
final class Repertoire {
    final List<Api> apis = new ArrayList<>();
    final List<Double> weights = new ArrayList<>();
    private double[] cumulative;

    Repertoire add(String api, double weight) {
        apis.add(Api.get(api));
        weights.add(weight);
        cumulative = null;
        return this;
    }

    /** A personal repertoire: each pool entry kept with probability {@code keep}, its weight jittered. */
    static Repertoire personal(Object[] pool, double keep, Rng r) {
        Repertoire rep = new Repertoire();
        for (int i = 0; i < pool.length; i += 2) {
            double w = ((Number) pool[i + 1]).doubleValue();
            if (i < 6 || r.chance(keep)) {
                rep.add((String) pool[i], w * Math.exp(r.gaussian() * 0.6));
            }
        }
        return rep;
    }

    boolean has(String api) {
        return apis.contains(Api.get(api));
    }

    Api draw(Rng r) {
        if (cumulative == null) {
            cumulative = new double[weights.size()];
            double c = 0;
            for (int i = 0; i < weights.size(); i++) {
                c += weights.get(i);
                cumulative[i] = c;
            }
        }
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return apis.get(lo);
    }
}
