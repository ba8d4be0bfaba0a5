package io.trailwarden.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the simulator's addresses come from: real networks with their country, city and AS organisation, so
 * that enrichment sees a consistent world. {@link #bundled()} is the geo/ASN subset committed with the project.
 */
public interface AddressBook {

    /** Every IPv4 network, in a stable order. */
    List<Net> nets();

    static AddressBook bundled() {
        return CatalogueAddressBook.load();
    }

    default List<Net> where(Predicate<Net> p) {
        return nets().stream().filter(p).toList();
    }

    default List<Net> tagged(String prefix) {
        return where(n -> n.tag().startsWith(prefix));
    }

    /** Networks of a class in one of the given countries. */
    default List<Net> of(String networkClass, Set<String> countries) {
        return where(n -> n.networkClass().equals(networkClass) && countries.contains(n.country()));
    }

    /** Networks of a class in none of the given countries, ordered by (country, tag, first) for stable picks. */
    default List<Net> outside(String networkClass, Set<String> countries) {
        return where(n -> n.networkClass().equals(networkClass) && !countries.contains(n.country())
                && n.city() != null).stream()
                .sorted(Comparator.comparing(Net::country).thenComparing(Net::tag).thenComparing(Net::first))
                .toList();
    }
}
