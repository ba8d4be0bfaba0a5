package io.trailwarden.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The small subset of DB-IP city and ip-location-db ASN data committed with Trailwarden
 * ({@code subset/subset.tsv}: {@code first last country city asn as_org}), enough for the tests and the demo.
 * Built by {@code tools/geo/build-subset.sh}. Answers location and ASN from one table.
 */
final class SubsetDatabase implements GeoDatabase {
    static final String RESOURCE = "subset/subset.tsv";

    private static volatile SubsetDatabase instance;

    private final RangeTable table;

    private SubsetDatabase(RangeTable table) {
        this.table = table;
    }

    /** The bundled subset, loaded once per JVM. */
    static SubsetDatabase get() {
        SubsetDatabase s = instance;
        if (s == null) {
            synchronized (SubsetDatabase.class) {
                s = instance;
                if (s == null) {
                    s = new SubsetDatabase(load());
                    instance = s;
                }
            }
        }
        return s;
    }

    private static RangeTable load() {
        RangeTable.Builder b = RangeTable.builder();
        try (InputStream in = SubsetDatabase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled geo subset " + RESOURCE + " missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 6) {
                    continue;
                }
                b.add(IpAddress.parse(f[0]), IpAddress.parse(f[1]), f[2], f[3],
                        f[4].isEmpty() ? 0 : Long.parseLong(f[4]), f[5]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    @Override
    public void lookup(IpAddress ip, GeoAnswer out) {
        RangeTable.Attributes a = table.find(ip);
        if (a != null) {
            out.country(a.country());
            out.city(a.city());
            out.asn(a.asn(), a.asOrg());
        }
    }

    @Override
    public boolean providesLocation() {
        return true;
    }

    @Override
    public boolean providesAsn() {
        return true;
    }

    @Override
    public String description() {
        return "bundled subset (" + table.sizeV4() + " IPv4 + " + table.sizeV6()
                + " IPv6 ranges of DB-IP Lite and ip-location-db ASN)";
    }
}
