package io.trailwarden.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ip-location-db ASN CSV files ({@code asn-ipv4.csv}, {@code asn-ipv6.csv}: {@code start,end,asn,org}, the
 * organisation quoted when it holds a comma) loaded into a {@link RangeTable}. Either file may be missing; an
 * address of the other family then gets no ASN (an IPv6 address never goes to IPv4 data).
 */
final class AsnCsvDatabase implements GeoDatabase {
    private final RangeTable table;
    private final List<Path> files;

    private AsnCsvDatabase(RangeTable table, List<Path> files) {
        this.table = table;
        this.files = files;
    }

    static AsnCsvDatabase load(Path ipv4OrNull, Path ipv6OrNull) throws IOException {
        RangeTable.Builder b = RangeTable.builder();
        List<Path> files = new ArrayList<>();
        for (Path p : new Path[] {ipv4OrNull, ipv6OrNull}) {
            if (p != null) {
                read(p, b);
                files.add(p);
            }
        }
        return new AsnCsvDatabase(b.build(), files);
    }

    private static void read(Path p, RangeTable.Builder b) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int c1 = line.indexOf(',');
                int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
                int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
                if (c3 < 0) {
                    continue;
                }
                long asn;
                try {
                    asn = Long.parseLong(line, c2 + 1, c3, 10);
                } catch (NumberFormatException e) {
                    continue; // a header or a broken line
                }
                String org = line.substring(c3 + 1);
                if (org.length() >= 2 && org.charAt(0) == '"' && org.charAt(org.length() - 1) == '"') {
                    org = org.substring(1, org.length() - 1).replace("\"\"", "\"");
                }
                // IPv4 rows (four in five) are parsed in place, with no address objects
                long first4 = IpAddress.parseV4(line, 0, c1);
                long last4 = first4 < 0 ? -1 : IpAddress.parseV4(line, c1 + 1, c2);
                boolean added;
                if (last4 >= 0) {
                    b.addV4(first4, last4, b.attributes(null, null, asn, org));
                    added = true;
                } else {
                    added = b.add(IpAddress.parse(line.substring(0, c1)), IpAddress.parse(line.substring(c1 + 1, c2)),
                            null, null, asn, org);
                }
                if (!added) {
                    throw new IOException(p + ":" + lineNo + ": not an address range: " + line);
                }
            }
        }
    }

    @Override
    public void lookup(IpAddress ip, GeoAnswer out) {
        RangeTable.Attributes a = table.find(ip);
        if (a != null) {
            out.asn(a.asn(), a.asOrg());
        }
    }

    @Override
    public boolean providesLocation() {
        return false;
    }

    @Override
    public boolean providesAsn() {
        return true;
    }

    @Override
    public String description() {
        return "ip-location-db ASN CSV (" + table.sizeV4() + " IPv4 + " + table.sizeV6() + " IPv6 rows, "
                + files.stream().map(Path::toString).reduce((a, c) -> a + ", " + c).orElse("") + ")";
    }
}
