package io.trailwarden.config;

import io.trailwarden.util.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A detection's parameter values: its defaults overlaid with what trailwarden.yaml sets. */
public final class Params {
    private final String detection;
    private final Map<String, Param> declared = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Params(String detection, List<Param> params) {
        this.detection = detection;
        for (Param p : params) {
            declared.put(p.name(), p);
            values.put(p.name(), p.defaultValue());
        }
    }

    public static Params defaults(DetectionInfo info) {
        return new Params(info.id(), info.params());
    }

    /** Sets a value from YAML, converting it to the default's type; unknown keys are errors. */
    public Params set(String name, Object raw) {
        Param p = declared.get(name);
        if (p == null) {
            throw new ConfigException("unknown key 'detections." + detection + "." + name + "' (known: "
                    + String.join(", ", declared.keySet()) + ", enabled)");
        }
        values.put(name, convert(p, raw));
        return this;
    }

    private Object convert(Param p, Object raw) {
        Object d = p.defaultValue();
        String where = "detections." + detection + "." + p.name();
        try {
            if (d instanceof Integer) {
                if (raw instanceof Number && ((Number) raw).doubleValue() != ((Number) raw).intValue()) {
                    throw new ConfigException(where + ": '" + raw + "' is not a whole number");
                }
                return raw instanceof Number ? ((Number) raw).intValue() : Integer.parseInt(raw.toString().trim());
            }
            if (d instanceof Double) {
                return raw instanceof Number ? ((Number) raw).doubleValue() : Double.parseDouble(raw.toString().trim());
            }
            if (d instanceof Boolean) {
                return parseBoolean(raw, where);
            }
            if (d instanceof Duration) {
                return nonNegative(Times.parseDuration(raw.toString()), where);
            }
            if (d instanceof List) {
                if (!(raw instanceof List)) {
                    throw new ConfigException(where + " must be a list");
                }
                List<String> l = new ArrayList<>();
                for (Object o : (List<?>) raw) {
                    l.add(String.valueOf(o));
                }
                return List.copyOf(l);
            }
            return raw.toString();
        } catch (RuntimeException e) {
            if (e instanceof ConfigException) {
                throw e;
            }
            throw new ConfigException(where + ": cannot use '" + raw + "': " + e.getMessage());
        }
    }

    /** true or false (YAML booleans, or those words): anything else is an error, never a silent false. */
    static boolean parseBoolean(Object raw, String where) {
        if (raw instanceof Boolean) {
            return (Boolean) raw;
        }
        String s = String.valueOf(raw).trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(where + ": '" + raw + "' is not true or false");
    }

    static Duration nonNegative(Duration d, String where) {
        if (d.isNegative()) {
            throw new ConfigException(where + ": a duration cannot be negative ('" + Times.formatDuration(d) + "')");
        }
        return d;
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double number(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public long millis(String name) {
        return ((Duration) get(name)).toMillis();
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) get(name);
    }

    public String text(String name) {
        return (String) get(name);
    }

    Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(detection + " has no parameter '" + name + "'");
        }
        return values.get(name);
    }
}
