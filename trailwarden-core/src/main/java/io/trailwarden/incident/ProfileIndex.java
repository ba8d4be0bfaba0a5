package io.trailwarden.incident;

import io.trailwarden.finding.Finding;
import io.trailwarden.profile.Dimension;
import io.trailwarden.profile.Profile;
import io.trailwarden.profile.ProfileStage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's profiles, indexed once for incident building: by the IP addresses each used, and by the principal
 * a finding names. Incident building asks "which profiles used this IP" and "which profiles are this finding's
 * principal" for every finding and attacker IP; scanning every profile for each question made it quadratic
 * (1.6 s at the end of a 10M-event hunt with 3,274 findings and 8,318 profiles, and growing with both).
 */
final class ProfileIndex {
    static final ProfileIndex NONE = new ProfileIndex(List.of());

    private final Map<String, List<Profile>> byIp = new HashMap<>();
    /** Profiles by key (users, and anything keyed by its ARN); keys are unique. */
    private final Map<String, Profile> byKey = new HashMap<>();
    /** Role profiles ({@code role:<account>:<name>[/<session>]}) by {@code role:<account>:<name>}. */
    private final Map<String, List<Profile>> byRole = new HashMap<>();

    private ProfileIndex(Collection<Profile> profiles) {
        for (Profile p : profiles) {
            String k = p.key();
            byKey.put(k, p);
            if (k.startsWith("role:")) {
                int slash = k.indexOf('/');
                byRole.computeIfAbsent(slash < 0 ? k : k.substring(0, slash), x -> new ArrayList<>(1)).add(p);
            }
            for (String ip : p.values(Dimension.IP).keySet()) {
                byIp.computeIfAbsent(ip, x -> new ArrayList<>(2)).add(p);
            }
        }
    }

    static ProfileIndex of(ProfileStage profiles) {
        return profiles == null ? NONE : new ProfileIndex(profiles.all());
    }

    /** The profiles that used {@code ip} (still within their retention). */
    List<Profile> usedIp(String ip) {
        return byIp.getOrDefault(ip, List.of());
    }

    /**
     * The profiles of the finding's principal: the one keyed by its ARN, and for a role ARN every session of the
     * role in the finding's account (roles are profiled as {@code role:<account>:<name>[/<session>]}).
     */
    List<Profile> principal(Finding f) {
        String arn = f.principalArn();
        if (arn == null) {
            return List.of();
        }
        Profile exact = byKey.get(arn);
        int slash = arn.lastIndexOf('/');
        if (!arn.contains(":role/") || slash <= 0) {
            return exact == null ? List.of() : List.of(exact);
        }
        List<Profile> roles = byRole.getOrDefault("role:" + f.accountId() + ":" + arn.substring(slash + 1), List.of());
        if (exact == null) {
            return roles;
        }
        // never the same profile twice: a key is either an ARN or role:...
        List<Profile> both = new ArrayList<>(roles.size() + 1);
        both.add(exact);
        both.addAll(roles);
        return both;
    }

    /** The profiles of the findings' principals (compared by identity). */
    Set<Profile> principalsOf(List<Finding> findings) {
        Set<Profile> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding f : findings) {
            out.addAll(principal(f));
        }
        return out;
    }
}
