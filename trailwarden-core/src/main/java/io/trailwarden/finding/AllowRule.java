package io.trailwarden.finding;

import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One allowlist rule. Every field that is set must match (AND); a finding with several source IPs or
 * user agents matches only if all of them do, so one trusted address never hides an attacker's.
 * Allowlisted findings are counted per rule; their events still feed profiles and baselines.
 */
public final class AllowRule {
    private final String name;
    private final List<Cidr> cidrs;
    private final List<Pattern> principals;
    private final List<String> asOrgs;
    private final List<Pattern> userAgents;
    private final Set<String> detections;

    public AllowRule(String name, List<String> cidrs, List<String> principals, List<String> asOrgs,
                     List<String> userAgents, Set<String> detections) {
        this.name = name;
        this.cidrs = cidrs.stream().map(Cidr::parse).toList();
        this.principals = principals.stream().map(AllowRule::glob).toList();
        this.asOrgs = asOrgs.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.userAgents = userAgents.stream().map(Pattern::compile).toList();
        this.detections = Set.copyOf(detections);
        if (this.cidrs.isEmpty() && this.principals.isEmpty() && this.asOrgs.isEmpty() && this.userAgents.isEmpty()) {
            throw new IllegalArgumentException("allowlist rule '" + name + "' matches nothing: give cidrs, principals, as_orgs or user_agents");
        }
    }

    public String name() {
        return name;
    }

    public boolean matches(Finding.Draft f, SourceEnricher sources) {
        if (!detections.isEmpty() && !detections.contains(f.detection())) {
            return false;
        }
        if (!principals.isEmpty()) {
            String arn = f.principalArn() == null ? "" : f.principalArn();
            if (principals.stream().noneMatch(p -> p.matcher(arn).matches())) {
                return false;
            }
        }
        if (!cidrs.isEmpty()) {
            if (f.sourceIps().isEmpty()) {
                return false;
            }
            for (String ip : f.sourceIps()) {
                if (cidrs.stream().noneMatch(c -> c.contains(ip))) {
                    return false;
                }
            }
        }
        if (!asOrgs.isEmpty()) {
            if (f.sourceIps().isEmpty()) {
                return false;
            }
            for (String ip : f.sourceIps()) {
                SourceInfo s = sources.enrich(ip);
                String org = s.asOrg() == null ? "" : s.asOrg().toLowerCase(Locale.ROOT);
                if (asOrgs.stream().noneMatch(org::startsWith)) {
                    return false;
                }
            }
        }
        if (!userAgents.isEmpty()) {
            if (f.userAgents().isEmpty()) {
                return false;
            }
            for (String ua : f.userAgents()) {
                if (userAgents.stream().noneMatch(p -> p.matcher(ua).find())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code *} matches any run of characters; everything else is literal. */
    private static Pattern glob(String g) {
        StringBuilder b = new StringBuilder();
        for (String part : g.split("\\*", -1)) {
            if (b.length() > 0) {
                b.append(".*");
            }
            b.append(Pattern.quote(part));
        }
        return Pattern.compile(b.toString());
    }

    /** An IPv4 or IPv6 network. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            byte[] a = literal(addr);
            if (a == null) {
                throw new IllegalArgumentException("not a CIDR: '" + s + "'");
            }
            int bits = slash < 0 ? a.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (bits < 0 || bits > a.length * 8) {
                throw new IllegalArgumentException("bad prefix length in '" + s + "'");
            }
            return new Cidr(a, bits);
        }

        boolean contains(String ip) {
            byte[] a = literal(ip);
            if (a == null || a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        /** Parses an IP literal without any DNS look-up; null when it is not one. */
        static byte[] literal(String s) {
            if (s == null || s.isEmpty()) {
                return null;
            }
            boolean v6 = s.indexOf(':') >= 0;
            if (!v6) {
                String[] p = s.split("\\.", -1);
                if (p.length != 4) {
                    return null;
                }
                byte[] out = new byte[4];
                for (int i = 0; i < 4; i++) {
                    if (p[i].isEmpty() || p[i].length() > 3 || (p[i].length() > 1 && p[i].charAt(0) == '0')) {
                        return null;
                    }
                    for (char c : p[i].toCharArray()) {
                        if (c < '0' || c > '9') {
                            return null;
                        }
                    }
                    int v = Integer.parseInt(p[i]);
                    if (v > 255) {
                        return null;
                    }
                    out[i] = (byte) v;
                }
                return out;
            }
            for (char c : s.toCharArray()) {
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
