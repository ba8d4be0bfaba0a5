package io.trailwarden.sim;

import io.trailwarden.enrich.SubsetCatalogue;
import java.util.List;

/**
 * The address book over the enrichment subset's catalogue ({@link SubsetCatalogue}): real ranges of home ISPs,
 * AWS regions, Google/Microsoft, hosting providers and commercial VPNs, each with the country, city, AS and
 * network class the bundled enrichment gives every address in it. IPv6 ranges are left out.
 */
final class CatalogueAddressBook implements AddressBook {
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
                    b = new CatalogueAddressBook(SubsetCatalogue.load().ranges().stream()
                            .filter(r -> !r.isIpv6())
                            .map(r -> new Net(r.first(), r.last(), r.country(), r.city(), r.asn(), r.asOrg(),
                                    r.networkClass().label(), r.tag()))
                            .toList());
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
}
