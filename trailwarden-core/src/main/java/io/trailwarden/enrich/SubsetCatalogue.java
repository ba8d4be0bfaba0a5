package io.trailwarden.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The real networks of the bundled subset, listed by kind, so that the organisation simulator (and tests) can
 * draw real addresses of a given kind: a Comcast home in the US, an AWS us-east-1 instance, a DigitalOcean VPS,
 * a Mullvad VPN exit... Every address of every range is in the bundled subset, so
 * {@link Enrichment#bundled()} enriches it with the range's country, city, AS and network class.
 *
 * <p>Source: {@code subset/catalogue.tsv}, built with the subset by {@code tools/geo/build-subset.sh} from
 * {@code tools/geo/subset-seeds.tsv}. Data: DB-IP Lite (CC BY 4.0) and ip-location-db ASN (CC BY 4.0).
 *
 * <pre>{@code
 * SubsetCatalogue cat = SubsetCatalogue.load();
 * List<SubsetCatalogue.Range> homes = cat.ranges(NetworkClass.ISP, "US");
 * String ip = homes.get(0).randomAddress(random);
 * }</pre>
 */
public final class SubsetCatalogue {
    static final String RESOURCE = "subset/catalogue.tsv";

    /**
     * One network range.
     *
     * @param first        first address (text)
     * @param last         last address (text), inclusive
     * @param country      ISO 3166 alpha-2 code
     * @param city         city name (DB-IP Lite), or null
     * @param asn          AS number
     * @param asOrg        AS organisation name
     * @param networkClass the class the classifier gives it
     * @param tag          kind and provider, e.g. {@code isp-us-comcast}, {@code aws-us-east-1},
     *                     {@code hosting-digitalocean}, {@code vpn-mullvad}, {@code microsoft-azure-github-actions}
     */
    public record Range(String first, String last, String country, String city, long asn, String asOrg,
                        NetworkClass networkClass, String tag) {

        public boolean isIpv6() {
            return first.indexOf(':') >= 0;
        }

        /** Number of addresses in the range (may be huge for IPv6). */
        public BigInteger size() {
            return toBig(IpAddress.parse(last)).subtract(toBig(IpAddress.parse(first))).add(BigInteger.ONE);
        }

        /**
         * The address {@code offset} after the first (0 is the first), wrapping round the range; for a range of
         * 256 or more addresses the network's first and last addresses are skipped (offset 0 is first + 1).
         */
        public String addressAt(long offset) {
            BigInteger start = toBig(IpAddress.parse(first));
            BigInteger size = size();
            BigInteger usable = size;
            if (size.compareTo(BigInteger.valueOf(256)) >= 0) {
                start = start.add(BigInteger.ONE);
                usable = size.subtract(BigInteger.TWO);
            }
            BigInteger v = start.add(BigInteger.valueOf(offset).mod(usable));
            return fromBig(v, isIpv6()).toString();
        }

        /** A random address of the range (see {@link #addressAt(long)}). */
        public String randomAddress(Random random) {
            return addressAt(random.nextLong() & Long.MAX_VALUE);
        }

        private static BigInteger toBig(IpAddress a) {
            if (!a.isV6()) {
                return BigInteger.valueOf(a.lo());
            }
            return new BigInteger(Long.toUnsignedString(a.hi())).shiftLeft(64)
                    .add(new BigInteger(Long.toUnsignedString(a.lo())));
        }

        private static IpAddress fromBig(BigInteger v, boolean v6) {
            if (!v6) {
                return IpAddress.ofV4(v.longValue());
            }
            return IpAddress.ofV6(v.shiftRight(64).longValue(), v.longValue());
        }
    }

    private static volatile SubsetCatalogue instance;
    private final List<Range> ranges;

    private SubsetCatalogue(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The catalogue bundled in the jar (loaded once). */
    public static SubsetCatalogue load() {
        SubsetCatalogue c = instance;
        if (c == null) {
            synchronized (SubsetCatalogue.class) {
                c = instance;
                if (c == null) {
                    c = new SubsetCatalogue(read());
                    instance = c;
                }
            }
        }
        return c;
    }

    /** Every range, in the order of the catalogue (grouped by tag). */
    public List<Range> ranges() {
        return ranges;
    }

    /** The ranges of one network class. */
    public List<Range> ranges(NetworkClass networkClass) {
        return ranges.stream().filter(r -> r.networkClass() == networkClass).toList();
    }

    /** The ranges of one network class in one country (ISO alpha-2). */
    public List<Range> ranges(NetworkClass networkClass, String country) {
        return ranges.stream().filter(r -> r.networkClass() == networkClass && r.country().equals(country)).toList();
    }

    /** The ranges whose tag starts with {@code prefix} ({@code aws-us-east-1}, {@code isp-gb}, {@code vpn-}). */
    public List<Range> rangesTagged(String prefix) {
        return ranges.stream().filter(r -> r.tag().startsWith(prefix)).toList();
    }

    private static List<Range> read() {
        List<Range> out = new ArrayList<>();
        try (InputStream in = SubsetCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 8) {
                    continue;
                }
                out.add(new Range(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], Long.parseLong(f[4]),
                        f[5].isEmpty() ? null : f[5], NetworkClass.fromLabel(f[6]), f[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
