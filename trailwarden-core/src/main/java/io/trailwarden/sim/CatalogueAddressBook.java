package io.trailwarden.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The address book over the enrichment subset's catalogue ({@code io/trailwarden/enrich/subset/catalogue.tsv}):
 * real ranges of home ISPs, AWS regions, Google/Microsoft, hosting providers and commercial VPNs, each with the
 * country, city, AS and network class the bundled enrichment gives every address in it.
 */
final class CatalogueAddressBook implements AddressBook {
    static final String RESOURCE = "/io/trailwarden/enrich/subset/catalogue.tsv";
    private static volatile CatalogueAddressBook instance;
    private final List<Net> nets;

    CatalogueAddressBook(List<Net> nets) {
        this.nets = List.copyOf(nets);
    }

    static CatalogueAddressBook load() {
        CatalogueAddressBook b = instance;
        if (b == null) {
            synchronized (CatalogueAddressBook.class) {
                b = instance;
                if (b == null) {
                    b = new CatalogueAddressBook(read());
                    instance = b;
                }
            }
        }
        return b;
    }

    @Override
    public List<Net> nets() {
        return nets;
    }

    private static List<Net> read() {
        List<Net> out = new ArrayList<>();
        try (InputStream in = CatalogueAddressBook.class.getResourceAsStream(RESOURCE)) {
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
                if (f.length < 8 || f[0].indexOf(':') >= 0) {
                    continue; // IPv6 ranges are not used by the simulator
                }
                out.add(new Net(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], Long.parseLong(f[4]),
                        f[5].isEmpty() ? null : f[5], f[6], f[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
