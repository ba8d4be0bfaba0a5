package io.trailwarden.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MaxMind DB files for one role (location or ASN), read with {@code com.maxmind.db:maxmind-db}. Two schemas are
 * understood: MaxMind GeoLite2/GeoIP2 (and DB-IP's MaxMind-compatible files): nested {@code country.iso_code},
 * {@code city.names.en}, {@code autonomous_system_number}, {@code autonomous_system_organization}; and
 * ip-location-db's flat {@code country_code}, {@code city}.
 *
 * <p>Look-ups are routed by address family: an IPv4 address goes to an IPv4 file if there is one, else to an IPv6
 * file (which maps IPv4 under {@code ::/96}); an IPv6 address only ever goes to a file whose metadata says IPv6,
 * because an IPv4-only file given an IPv6 address silently answers for its first 32 bits.
 */
final class MmdbDatabase implements GeoDatabase {

    /** One opened file and what its metadata says. */
    record File(Path path, Reader reader, int ipVersion, String databaseType, boolean location, boolean asn) {
        static File open(Path path) throws IOException {
            Reader r = new Reader(path.toFile(), new CHMCache());
            String type = r.getMetadata().databaseType() == null ? "" : r.getMetadata().databaseType();
            String t = type.toLowerCase(Locale.ROOT);
            boolean asn = t.contains("asn") || t.contains("isp") || t.contains("as-") || t.contains("autonomous");
            boolean location = t.contains("city") || t.contains("country") || t.contains("location")
                    || t.contains("geo") && !asn;
            return new File(path, r, r.getMetadata().ipVersion(), type, location, asn);
        }
    }

    private final boolean locationRole;
    private final Reader v4;
    private final Reader v6;
    private final List<File> files;

    /**
     * @param locationRole true to read country and city from these files, false to read AS number and organisation
     * @param files        files of that role; at most one is used per family (an IPv4-only one first for IPv4)
     */
    MmdbDatabase(boolean locationRole, List<File> files) {
        this.locationRole = locationRole;
        Reader four = null;
        Reader six = null;
        List<File> used = new ArrayList<>();
        for (File f : files) {
            if (f.ipVersion() == 4 && four == null) {
                four = f.reader();
                used.add(f);
            } else if (f.ipVersion() == 6 && six == null) {
                six = f.reader();
                used.add(f);
            }
        }
        this.v4 = four != null ? four : six;
        this.v6 = six;
        this.files = used;
    }

    /** Whether {@code f} is one of the (at most two) files this database reads. */
    boolean uses(File f) {
        return files.contains(f);
    }

    boolean coversIpv6() {
        return v6 != null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void lookup(IpAddress ip, GeoAnswer out) {
        Reader r = ip.isV6() ? v6 : v4;
        if (r == null) {
            return;
        }
        Map data;
        try {
            data = r.get(ip.toInetAddress(), Map.class);
        } catch (IOException | RuntimeException e) {
            return; // a damaged record answers nothing rather than stopping a hunt
        }
        if (data == null) {
            return;
        }
        if (locationRole) {
            out.country(country(data));
            out.city(city(data));
        } else {
            Object n = data.get("autonomous_system_number");
            Object o = data.get("autonomous_system_organization");
            if (n instanceof Number num) {
                out.asn(num.longValue(), o instanceof String s ? s : null);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    static String country(Map data) {
        Object flat = data.get("country_code");
        if (flat instanceof String s) {
            return s;
        }
        for (String key : new String[] {"country", "registered_country"}) {
            if (data.get(key) instanceof Map m && m.get("iso_code") instanceof String s) {
                return s;
            }
        }
        return null;
    }

    @SuppressWarnings("rawtypes")
    static String city(Map data) {
        Object c = data.get("city");
        if (c instanceof String s) {
            return s;
        }
        if (c instanceof Map m && m.get("names") instanceof Map names) {
            Object en = names.get("en");
            if (en instanceof String s) {
                return s;
            }
            for (Object v : names.values()) {
                if (v instanceof String s) {
                    return s;
                }
            }
        }
        return null;
    }

    @Override
    public boolean providesLocation() {
        return locationRole;
    }

    @Override
    public boolean providesAsn() {
        return !locationRole;
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder();
        for (File f : files) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.databaseType().isEmpty() ? "MMDB" : f.databaseType()).append(" IPv").append(f.ipVersion())
                    .append(" (").append(f.path()).append(')');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (File f : files) {
            try {
                f.reader().close();
            } catch (IOException ignored) {
                // read-only files: nothing to lose
            }
        }
    }
}
