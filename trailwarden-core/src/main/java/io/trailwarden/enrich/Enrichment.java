package io.trailwarden.enrich;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything Trailwarden knows locally about where a call came from and what made it: the geo/ASN databases,
 * the network classifier and the user-agent parser. Nothing is fetched at run time.
 *
 * <p>Databases are chosen per role (location = country and city; ASN = AS number and organisation), in order of
 * preference: (1) the user's files in {@code --geo-dir} (MaxMind GeoLite2/GeoIP2 City and ASN, DB-IP or
 * ip-location-db files); (2) the full databases installed by {@code ./trailwarden setup-geo} in
 * {@link #defaultGeoInstallDir()}; (3) the small subset bundled in the jar. When a role falls back to the subset,
 * {@link #warning()} says so once, naming the command that installs the full databases.
 *
 * <p>Thread safety: databases, classifier and parser are immutable and shared; {@link #sources()} is one caching
 * enricher (safe, but meant for the engine's single thread); {@link #newSources()} makes another with its own
 * cache for another thread.
 */
public final class Enrichment implements Closeable {
    /** The command that installs the full databases. */
    public static final String SETUP_COMMAND = "./trailwarden setup-geo";
    /** Environment variable naming Trailwarden's data folder (default {@code ~/.trailwarden}). */
    public static final String DATA_ENV = "TRAILWARDEN_DATA";

    private final GeoDatabase location;
    private final GeoDatabase asn;
    private final List<GeoDatabase> owned;
    private final NetworkClassifier classifier;
    private final UserAgentParser agents = new UserAgentParser();
    private final String description;
    private final String warning;
    private final boolean bundledOnly;
    private volatile SourceEnricher sources;

    private Enrichment(GeoDatabase location, GeoDatabase asn, List<GeoDatabase> owned, NetworkClassifier classifier,
                       String warning) {
        this.location = location;
        this.asn = asn;
        this.owned = owned;
        this.classifier = classifier;
        this.warning = warning;
        this.bundledOnly = location instanceof SubsetDatabase && asn instanceof SubsetDatabase;
        this.description = location == asn
                ? "geo: " + location.description()
                : "location: " + location.description() + "; ASN: " + asn.description();
    }

    /** Only the bundled subset, whatever is installed: for tests and the demo. */
    public static Enrichment bundled() {
        return bundled(NetworkClassifier.defaults());
    }

    /** Only the bundled subset, with the given classifier. */
    public static Enrichment bundled(NetworkClassifier classifier) {
        SubsetDatabase s = SubsetDatabase.get();
        return new Enrichment(s, s, List.of(), classifier, null);
    }

    /**
     * The best databases available: {@code geoDirOrNull}'s files, else those installed by setup-geo, else the
     * bundled subset (see the class comment).
     *
     * @throws IllegalArgumentException when {@code geoDirOrNull} is given but holds no usable database
     * @throws UncheckedIOException     when a database file cannot be read
     */
    public static Enrichment open(Path geoDirOrNull) {
        return open(geoDirOrNull, NetworkClassifier.defaults());
    }

    /** As {@link #open(Path)}, with a classifier extended by configuration. */
    public static Enrichment open(Path geoDirOrNull, NetworkClassifier classifier) {
        return open(geoDirOrNull, defaultGeoInstallDir(), classifier);
    }

    /** As {@link #open(Path, NetworkClassifier)}, looking for setup-geo's databases in {@code installDir}. */
    static Enrichment open(Path geoDirOrNull, Path installDir, NetworkClassifier classifier) {
        List<GeoDatabase> owned = new ArrayList<>();
        try {
            Found user = null;
            if (geoDirOrNull != null) {
                if (!Files.isDirectory(geoDirOrNull)) {
                    throw new IllegalArgumentException("geo folder " + geoDirOrNull + " does not exist");
                }
                user = Found.scan(geoDirOrNull, owned);
                if (user.location == null && user.asn == null) {
                    throw new IllegalArgumentException("no geo database in " + geoDirOrNull
                            + ": expected MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files (or DB-IP / ip-location-db"
                            + " files)");
                }
            }
            Found installed = new Found(null, null);
            String broken = null;
            if (installDir != null && Files.isDirectory(installDir)) {
                List<GeoDatabase> mine = new ArrayList<>();
                try {
                    installed = Found.scan(installDir, mine);
                    owned.addAll(mine);
                } catch (IOException | RuntimeException e) {
                    // an interrupted or damaged install must not stop a hunt: fall back, and say so
                    mine.forEach(GeoDatabase::close);
                    broken = "The geo databases in " + installDir + " cannot be read (" + e.getMessage()
                            + "): run '" + SETUP_COMMAND + "' again. ";
                }
            }
            SubsetDatabase subset = SubsetDatabase.get();
            GeoDatabase loc = first(user == null ? null : user.location, installed.location, subset);
            GeoDatabase as = first(user == null ? null : user.asn, installed.asn, subset);
            String warning = null;
            if (broken != null) {
                warning = broken + "Using the small bundled subset meanwhile.";
            } else if (loc == subset || as == subset) {
                warning = "Full geo databases are not installed: country, city and AS organisation come from the small"
                        + " bundled subset and are unknown for most addresses. Install them with '" + SETUP_COMMAND
                        + "' (or pass --geo-dir DIR holding MaxMind GeoLite2 City and ASN files).";
            }
            return new Enrichment(loc, as, owned, classifier, warning);
        } catch (IOException e) {
            owned.forEach(GeoDatabase::close);
            throw new UncheckedIOException("cannot read geo databases: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            owned.forEach(GeoDatabase::close);
            throw e;
        }
    }

    private static GeoDatabase first(GeoDatabase a, GeoDatabase b, GeoDatabase c) {
        return a != null ? a : b != null ? b : c;
    }

    /** Trailwarden's data folder: {@code $TRAILWARDEN_DATA}, else {@code ~/.trailwarden}. */
    public static Path defaultDataDir() {
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".trailwarden");
    }

    /** Where {@code setup-geo} installs the full databases: {@code <data folder>/geo}. */
    public static Path defaultGeoInstallDir() {
        return defaultDataDir().resolve("geo");
    }

    /** This enrichment with another classifier (e.g. extended by configuration); databases are shared. */
    public Enrichment withClassifier(NetworkClassifier other) {
        return new Enrichment(location, asn, List.of(), other, warning);
    }

    /** The engine's source enricher (one instance, caching by string). */
    public SourceEnricher sources() {
        SourceEnricher s = sources;
        if (s == null) {
            synchronized (this) {
                s = sources;
                if (s == null) {
                    s = newSources();
                    sources = s;
                }
            }
        }
        return s;
    }

    /** A new source enricher with its own cache, for another thread. */
    public GeoSourceEnricher newSources() {
        return new GeoSourceEnricher(location, asn, classifier, GeoSourceEnricher.DEFAULT_CACHE_ENTRIES);
    }

    public UserAgentParser agents() {
        return agents;
    }

    public NetworkClassifier classifier() {
        return classifier;
    }

    /** One line saying which databases are in use. */
    public String description() {
        return description;
    }

    /** The once-per-run message when the full databases are not present, naming {@value #SETUP_COMMAND}. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** True when only the bundled subset is in use. */
    public boolean isBundledOnly() {
        return bundledOnly;
    }

    @Override
    public void close() {
        owned.forEach(GeoDatabase::close);
    }

    /** The databases found in one folder, by role. */
    private record Found(GeoDatabase location, GeoDatabase asn) {
        static Found scan(Path dir, List<GeoDatabase> owned) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir, 5)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            List<MmdbDatabase.File> locFiles = new ArrayList<>();
            List<MmdbDatabase.File> asnFiles = new ArrayList<>();
            Path csv4 = null;
            Path csv6 = null;
            for (Path p : files) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".mmdb")) {
                    MmdbDatabase.File f = MmdbDatabase.File.open(p);
                    if (f.asn()) {
                        asnFiles.add(f);
                    } else if (f.location()) {
                        locFiles.add(f);
                    } else {
                        f.reader().close();
                    }
                } else if (name.equals("asn-ipv4.csv")) {
                    csv4 = p;
                } else if (name.equals("asn-ipv6.csv")) {
                    csv6 = p;
                }
            }
            GeoDatabase loc = null;
            GeoDatabase as = null;
            if (!locFiles.isEmpty()) {
                loc = new MmdbDatabase(true, locFiles);
                owned.add(loc);
            }
            if (!asnFiles.isEmpty()) {
                as = new MmdbDatabase(false, asnFiles);
                owned.add(as);
            } else if (csv4 != null || csv6 != null) {
                as = AsnCsvDatabase.load(csv4, csv6);
            }
            // a file of a role that is not read (a second file of one family) is closed now
            closeUnused(locFiles, loc);
            closeUnused(asnFiles, as);
            return new Found(loc, as);
        }

        private static void closeUnused(List<MmdbDatabase.File> files, GeoDatabase used) {
            for (MmdbDatabase.File f : files) {
                if (!(used instanceof MmdbDatabase m) || !m.uses(f)) {
                    try {
                        f.reader().close();
                    } catch (IOException ignored) {
                        // read-only
                    }
                }
            }
        }
    }
}
