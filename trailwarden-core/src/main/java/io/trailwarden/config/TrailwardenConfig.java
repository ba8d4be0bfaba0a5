package io.trailwarden.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailwarden.detect.Detections;
import io.trailwarden.detect.Detector;
import io.trailwarden.engine.EngineOptions;
import io.trailwarden.finding.AllowRule;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code trailwarden.yaml}: engine timing, per-detection enable and parameters, allowlists.
 * Every unknown key is an error naming it: a typo must never silently leave a default in force.
 */
public final class TrailwardenConfig {
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SUPPRESS = Duration.ofMinutes(60);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    private static final Set<String> TOP_KEYS = Set.of("lateness", "suppress_window", "profile_retention",
            "geo_dir", "detections", "allowlists");
    private static final Set<String> RULE_KEYS = Set.of("name", "cidrs", "principals", "as_orgs", "user_agents",
            "detections");

    private Duration lateness = DEFAULT_LATENESS;
    private Duration suppressWindow = DEFAULT_SUPPRESS;
    private Duration profileRetention = DEFAULT_RETENTION;
    private String geoDir;
    private final Map<String, Params> params = new LinkedHashMap<>();
    private final Set<String> disabled = new LinkedHashSet<>();
    private final List<AllowRule> allowlist = new ArrayList<>();

    public static TrailwardenConfig defaults() {
        TrailwardenConfig c = new TrailwardenConfig();
        for (DetectionInfo d : Detections.all()) {
            c.params.put(d.id(), Params.defaults(d));
        }
        return c;
    }

    public static TrailwardenConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static TrailwardenConfig parse(String yaml, String name) {
        TrailwardenConfig c = defaults();
        Object root;
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(yaml)) {
            // an empty file, or one of comments only, means the defaults
            root = p.nextToken() == null ? null : mapper.readValue(p, Object.class);
        } catch (IOException e) {
            throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return c;
        }
        if (!(root instanceof Map)) {
            throw new ConfigException(name + ": expected a mapping at the top level");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        for (String k : m.keySet()) {
            if (!TOP_KEYS.contains(k)) {
                throw new ConfigException(name + ": unknown key '" + k + "' (known: " + String.join(", ", sorted(TOP_KEYS)) + ")");
            }
        }
        if (m.containsKey("lateness")) {
            c.lateness = duration(m.get("lateness"), "lateness");
        }
        if (m.containsKey("suppress_window")) {
            c.suppressWindow = duration(m.get("suppress_window"), "suppress_window");
        }
        if (m.containsKey("profile_retention")) {
            c.profileRetention = duration(m.get("profile_retention"), "profile_retention");
        }
        if (m.get("geo_dir") != null) {
            c.geoDir = m.get("geo_dir").toString();
        }
        Object dets = m.get("detections");
        if (dets instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) dets).entrySet()) {
                Params p = c.params.get(e.getKey());
                if (p == null) {
                    throw new ConfigException(name + ": unknown detection 'detections." + e.getKey() + "' (known: "
                            + String.join(", ", c.params.keySet()) + ")");
                }
                if (e.getValue() == null) {
                    continue;
                }
                if (!(e.getValue() instanceof Map)) {
                    throw new ConfigException(name + ": detections." + e.getKey() + " must be a mapping");
                }
                for (Map.Entry<String, Object> kv : ((Map<String, Object>) e.getValue()).entrySet()) {
                    if (kv.getKey().equals("enabled")) {
                        if (!Params.parseBoolean(kv.getValue(), name + ": detections." + e.getKey() + ".enabled")) {
                            c.disabled.add(e.getKey());
                        }
                    } else {
                        p.set(kv.getKey(), kv.getValue());
                    }
                }
            }
        } else if (dets != null) {
            throw new ConfigException(name + ": 'detections' must be a mapping of detection id to settings");
        }
        Object rules = m.get("allowlists");
        if (rules instanceof List) {
            int i = 0;
            for (Object r : (List<Object>) rules) {
                i++;
                if (!(r instanceof Map)) {
                    throw new ConfigException(name + ": allowlists[" + i + "] must be a mapping");
                }
                Map<String, Object> rm = (Map<String, Object>) r;
                for (String k : rm.keySet()) {
                    if (!RULE_KEYS.contains(k)) {
                        throw new ConfigException(name + ": unknown key 'allowlists[" + i + "]." + k + "' (known: "
                                + String.join(", ", sorted(RULE_KEYS)) + ")");
                    }
                }
                String ruleName = rm.get("name") == null ? "allowlist-" + i : rm.get("name").toString();
                Set<String> ds = new LinkedHashSet<>(list(rm.get("detections")));
                for (String d : ds) {
                    if (!c.params.containsKey(d)) {
                        throw new ConfigException(name + ": allowlists[" + i + "].detections names unknown detection '" + d + "'");
                    }
                }
                try {
                    c.allowlist.add(new AllowRule(ruleName, list(rm.get("cidrs")), list(rm.get("principals")),
                            list(rm.get("as_orgs")), list(rm.get("user_agents")), ds));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name + ": allowlists[" + i + "]: " + e.getMessage());
                }
            }
        } else if (rules != null) {
            throw new ConfigException(name + ": 'allowlists' must be a list of rules");
        }
        return c;
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    private static List<String> list(Object o) {
        List<String> l = new ArrayList<>();
        if (o instanceof List) {
            for (Object x : (List<?>) o) {
                l.add(String.valueOf(x));
            }
        } else if (o != null) {
            l.add(o.toString());
        }
        return l;
    }

    private static Duration duration(Object o, String key) {
        Duration d;
        try {
            d = Times.parseDuration(o.toString());
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
        return Params.nonNegative(d, key);
    }

    public EngineOptions engineOptions() {
        return new EngineOptions(lateness.toMillis(), suppressWindow.toMillis(), profileRetention.toMillis());
    }

    /** The enabled detectors, in registry order. */
    public List<Detector<?>> detectors() {
        List<Detector<?>> l = new ArrayList<>();
        for (DetectionInfo d : Detections.all()) {
            if (!disabled.contains(d.id())) {
                l.add(d.create(params.get(d.id())));
            }
        }
        return l;
    }

    public Params params(String detection) {
        return params.get(detection);
    }

    public void disable(String detection) {
        disabled.add(detection);
    }

    public List<AllowRule> allowlist() {
        return allowlist;
    }

    public Duration lateness() {
        return lateness;
    }

    public String geoDir() {
        return geoDir;
    }

    /** Every key, its default and the seed or decision it comes from, as YAML with comments. */
    public static String describeDefaults() {
        StringBuilder b = new StringBuilder();
        b.append("# trailwarden.yaml: every key with its default and where the default comes from.\n");
        b.append("lateness: ").append(Times.formatDuration(DEFAULT_LATENESS))
                .append("          # DESIGN.md: CloudTrail delivers up to ~15 min late\n");
        b.append("suppress_window: ").append(Times.formatDuration(DEFAULT_SUPPRESS))
                .append("   # DETECTIONS.md: repeats within 60 min merge (as Elastic's AWS rules)\n");
        b.append("profile_retention: ").append(Times.formatDuration(DEFAULT_RETENTION))
                .append(" # DESIGN.md: profiles remember 90 days\n");
        b.append("geo_dir: null          # MaxMind GeoLite2/GeoIP2 City+ASN files; default: setup-geo data or the bundled subset\n");
        b.append("detections:\n");
        for (DetectionInfo d : Detections.all()) {
            b.append("  ").append(d.id()).append(":   # ").append(d.title()).append(" (").append(d.seed()).append(")\n");
            b.append("    enabled: true\n");
            for (Param p : d.params()) {
                b.append("    ").append(p.name()).append(": ").append(yamlValue(p.defaultValue()))
                        .append("   # ").append(p.origin()).append('\n');
            }
        }
        b.append("allowlists: []   # e.g. - {name: corp-vpn, as_orgs: [\"Datacamp Limited\"], detections: [hosting-provider-ip]}\n");
        b.append("                 # rule keys: name, cidrs, principals (ARN, * glob), as_orgs (prefix), user_agents (regex), detections\n");
        return b.toString();
    }

    /** A default as YAML: strings double-quoted (JSON escapes are valid YAML), so commas, colons and '#' survive. */
    static String yamlValue(Object v) {
        if (v instanceof Duration) {
            return Times.formatDuration((Duration) v);
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(yamlValue(l.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof String) {
            return '"' + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString((String) v)) + '"';
        }
        return String.valueOf(v);
    }
}
