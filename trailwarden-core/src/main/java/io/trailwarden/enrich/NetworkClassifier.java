package io.trailwarden.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one network classifier every detection uses. Order: not an address and not a service name →
 * {@code unknown}; an AWS service name or {@code AWS Internal…} → {@code aws-service}; a private address →
 * {@code private}; then, for a public address, its AS number (exact) → its class; else its AS organisation
 * matched against name patterns (classes in the order isp, aws, major-cloud, hosting) → that class; else a known
 * AS → {@code isp}; no AS → {@code unknown}.
 *
 * <p>The lists ship as {@code networks.yaml} beside this class, each entry with its source; {@link #defaults()}
 * loads them. Configuration extends them with {@link #withOverrides(Map)} or a {@link Builder}. Immutable and
 * thread-safe.
 */
public final class NetworkClassifier {

    /** A name pattern: "x*" prefix, "*x" suffix, "*x*" contains, else equals; case-insensitive. */
    record NamePattern(NetworkClass networkClass, String pattern, String provider, int kind, String text) {
        static NamePattern of(NetworkClass c, String pattern, String provider) {
            String p = pattern.toLowerCase(Locale.ROOT).trim();
            boolean lead = p.startsWith("*");
            boolean trail = p.endsWith("*") && p.length() > 1;
            String text = p.substring(lead ? 1 : 0, p.length() - (trail ? 1 : 0));
            int kind = lead && trail ? 3 : trail ? 1 : lead ? 2 : 0;
            return new NamePattern(c, pattern, provider, kind, text);
        }

        boolean matches(String lowerOrg) {
            return switch (kind) {
                case 0 -> lowerOrg.equals(text);
                case 1 -> lowerOrg.startsWith(text);
                case 2 -> lowerOrg.endsWith(text);
                default -> lowerOrg.contains(text);
            };
        }
    }

    /** Where an AS number or name pattern came from. */
    private record Entry(NetworkClass networkClass, String provider) {}

    private static final NetworkClass[] NAME_ORDER = {
        NetworkClass.ISP, NetworkClass.AWS, NetworkClass.MAJOR_CLOUD, NetworkClass.HOSTING
    };

    private static volatile NetworkClassifier defaults;

    private final Map<Long, Entry> byAsn;
    private final List<NamePattern> names;

    private NetworkClassifier(Map<Long, Entry> byAsn, List<NamePattern> names) {
        this.byAsn = Map.copyOf(byAsn);
        List<NamePattern> ordered = new ArrayList<>();
        for (NetworkClass c : NAME_ORDER) {
            for (NamePattern p : names) {
                if (p.networkClass() == c) {
                    ordered.add(p);
                }
            }
        }
        this.names = List.copyOf(ordered);
    }

    /** The lists shipped in {@code networks.yaml}. Loaded once. */
    public static NetworkClassifier defaults() {
        NetworkClassifier d = defaults;
        if (d == null) {
            synchronized (NetworkClassifier.class) {
                d = defaults;
                if (d == null) {
                    d = loadDefaults().build();
                    defaults = d;
                }
            }
        }
        return d;
    }

    /** An empty builder (no AS numbers, no names): everything public is {@code isp} or {@code unknown}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this classifier's lists, to extend. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.byAsn.putAll(byAsn);
        b.names.addAll(names);
        return b;
    }

    /**
     * This classifier extended by configuration: for each class label ({@code aws}, {@code major-cloud},
     * {@code hosting}, {@code isp}, ...) a list of entries, each an AS number ({@code 64500} or {@code AS64500})
     * or an organisation name pattern. An AS number given here replaces its default class; a name pattern given
     * here is tried before the default patterns of its class.
     */
    public NetworkClassifier withOverrides(Map<String, List<String>> byClassLabel) {
        Builder b = builder();
        for (Map.Entry<String, List<String>> e : byClassLabel.entrySet()) {
            NetworkClass c = NetworkClass.fromLabel(e.getKey());
            for (String v : e.getValue()) {
                long asn = parseAsn(v);
                if (asn > 0) {
                    b.asn(c, asn, "configuration");
                } else {
                    b.name(c, v, "configuration");
                }
            }
        }
        Builder mine = toBuilder();
        mine.byAsn.putAll(b.byAsn);
        mine.names.addAll(0, b.names);
        return mine.build();
    }

    static long parseAsn(String v) {
        String s = v.trim();
        if (s.regionMatches(true, 0, "AS", 0, 2)) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 10) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    /** True for AWS service names ({@code ec2.amazonaws.com}) and {@code AWS Internal} (with any suffix). */
    public static boolean isServiceName(String source) {
        if (source == null) {
            return false;
        }
        if (source.regionMatches(true, 0, "AWS Internal", 0, 12)) {
            return true;
        }
        String s = source.toLowerCase(Locale.ROOT);
        return (s.endsWith(".amazonaws.com") || s.endsWith(".amazonaws.com.cn") || s.endsWith(".amazon.com")
                || s.equals("amazonaws.com")) && s.indexOf(' ') < 0;
    }

    /**
     * The full classification of a {@code sourceIPAddress} value, given what the geo databases said about it
     * ({@code asn} 0 and {@code asOrg} null when nothing).
     */
    public NetworkClass classify(String source, long asn, String asOrg) {
        if (isServiceName(source)) {
            return NetworkClass.AWS_SERVICE;
        }
        IpAddress ip = IpAddress.parse(source);
        if (ip == null) {
            return NetworkClass.UNKNOWN;
        }
        if (ip.isPrivate()) {
            return NetworkClass.PRIVATE;
        }
        return classifyNetwork(asn, asOrg);
    }

    /** The class of a public address's network: AS number first, organisation name second. */
    public NetworkClass classifyNetwork(long asn, String asOrg) {
        Entry e = asn > 0 ? byAsn.get(asn) : null;
        if (e != null) {
            return e.networkClass();
        }
        NamePattern p = matchName(asOrg);
        if (p != null) {
            return p.networkClass();
        }
        return asn > 0 || (asOrg != null && !asOrg.isEmpty()) ? NetworkClass.ISP : NetworkClass.UNKNOWN;
    }

    /** The provider name behind a class decision (e.g. {@code Amazon}, {@code DigitalOcean}), when listed. */
    public Optional<String> provider(long asn, String asOrg) {
        Entry e = asn > 0 ? byAsn.get(asn) : null;
        if (e != null) {
            return Optional.ofNullable(e.provider());
        }
        NamePattern p = matchName(asOrg);
        return p == null ? Optional.empty() : Optional.ofNullable(p.provider());
    }

    /** Seed 003's trusted clouds: Amazon, Google, Microsoft, MongoDB (the aws and major-cloud classes). */
    public boolean isTrustedCloud(long asn, String asOrg) {
        NetworkClass c = classifyNetwork(asn, asOrg);
        return c == NetworkClass.AWS || c == NetworkClass.MAJOR_CLOUD;
    }

    private static final NamePattern NO_MATCH = new NamePattern(NetworkClass.UNKNOWN, "", null, 0, "\u0000");
    private static final int MAX_MEMO = 50_000;
    /** Name-pattern answers by organisation: a full database has ~80k organisations, each classified once. */
    private final java.util.concurrent.ConcurrentHashMap<String, NamePattern> nameMemo =
            new java.util.concurrent.ConcurrentHashMap<>();

    private NamePattern matchName(String asOrg) {
        if (asOrg == null || asOrg.isEmpty()) {
            return null;
        }
        NamePattern memo = nameMemo.get(asOrg);
        if (memo == null) {
            memo = NO_MATCH;
            String lower = asOrg.toLowerCase(Locale.ROOT);
            for (NamePattern p : names) {
                if (p.matches(lower)) {
                    memo = p;
                    break;
                }
            }
            if (nameMemo.size() >= MAX_MEMO) {
                nameMemo.clear();
            }
            nameMemo.put(asOrg, memo);
        }
        return memo == NO_MATCH ? null : memo;
    }

    /** Number of AS numbers listed, for descriptions. */
    public int asnCount() {
        return byAsn.size();
    }

    private static Builder loadDefaults() {
        Builder b = new Builder();
        try (InputStream in = NetworkClassifier.class.getResourceAsStream("networks.yaml")) {
            if (in == null) {
                throw new IllegalStateException("networks.yaml missing from the class path");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            for (var it = root.fields(); it.hasNext(); ) {
                var cls = it.next();
                NetworkClass c = NetworkClass.fromLabel(cls.getKey());
                for (JsonNode entry : cls.getValue()) {
                    String provider = entry.path("provider").asText(null);
                    for (JsonNode a : entry.path("asns")) {
                        b.asn(c, a.asLong(), provider);
                    }
                    for (JsonNode n : entry.path("names")) {
                        b.name(c, n.asText(), provider);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read networks.yaml", e);
        }
        return b;
    }

    /** Builds a classifier from AS numbers and organisation name patterns per class. */
    public static final class Builder {
        private final Map<Long, Entry> byAsn = new HashMap<>();
        private final List<NamePattern> names = new ArrayList<>();

        private Builder() {
        }

        /** Puts {@code asn} in class {@code c} (replacing any earlier class for it). */
        public Builder asn(NetworkClass c, long asn, String provider) {
            checkAssignable(c);
            byAsn.put(asn, new Entry(c, provider));
            return this;
        }

        /** Adds an organisation name pattern for class {@code c}, tried after the patterns already added to it. */
        public Builder name(NetworkClass c, String pattern, String provider) {
            checkAssignable(c);
            names.add(NamePattern.of(c, pattern, provider));
            return this;
        }

        private static void checkAssignable(NetworkClass c) {
            if (c == NetworkClass.AWS_SERVICE || c == NetworkClass.PRIVATE || c == NetworkClass.UNKNOWN) {
                throw new IllegalArgumentException("network class '" + c.label()
                        + "' is decided by the address itself and cannot be given to an AS");
            }
        }

        public NetworkClassifier build() {
            return new NetworkClassifier(byAsn, names);
        }
    }
}
