package io.trailwarden.enrich;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SourceEnricher} over local geo databases: classifies the value, looks public addresses up in the
 * location and ASN databases (routed by address family), and caches the answer by the exact string.
 *
 * <p>The cache is a {@link ConcurrentHashMap} bounded at {@code maxCacheEntries}: when it is full it is cleared
 * (IPs in CloudTrail repeat heavily, so it refills at once with the hot ones). It is safe to call from several
 * threads, but the engine calls it from one; a separate instance per thread (see {@link Enrichment#newSources()})
 * avoids sharing the cache at all.
 */
public final class GeoSourceEnricher implements SourceEnricher {
    /** Default bound of the per-enricher cache. */
    public static final int DEFAULT_CACHE_ENTRIES = 200_000;

    private final GeoDatabase location;
    private final GeoDatabase asn;
    private final NetworkClassifier classifier;
    private final int maxCacheEntries;
    private final ConcurrentHashMap<String, SourceInfo> cache;

    GeoSourceEnricher(GeoDatabase location, GeoDatabase asn, NetworkClassifier classifier, int maxCacheEntries) {
        this.location = location;
        this.asn = asn;
        this.classifier = classifier;
        this.maxCacheEntries = Math.max(16, maxCacheEntries);
        this.cache = new ConcurrentHashMap<>(Math.min(this.maxCacheEntries, 4096));
    }

    @Override
    public SourceInfo enrich(String sourceIpAddress) {
        String key = sourceIpAddress == null ? "" : sourceIpAddress;
        SourceInfo info = cache.get(key);
        if (info == null) {
            info = compute(key);
            if (cache.size() >= maxCacheEntries) {
                cache.clear();
            }
            cache.put(key, info);
        }
        return info;
    }

    /** Number of cached values, for tests and run reports. */
    public int cacheSize() {
        return cache.size();
    }

    private SourceInfo compute(String v) {
        if (NetworkClassifier.isServiceName(v)) {
            return new SourceInfo(v, NetworkClass.AWS_SERVICE, false, null, null, 0, null);
        }
        IpAddress ip = IpAddress.parse(v);
        if (ip == null) {
            return new SourceInfo(v, NetworkClass.UNKNOWN, false, null, null, 0, null);
        }
        if (ip.isPrivate()) {
            return new SourceInfo(v, NetworkClass.PRIVATE, false, null, null, 0, null);
        }
        GeoAnswer a = new GeoAnswer();
        if (location != null) {
            location.lookup(ip, a);
        }
        if (asn != null && asn != location) {
            asn.lookup(ip, a);
        }
        NetworkClass c = classifier.classifyNetwork(a.asn, a.asOrg);
        return new SourceInfo(v, c, true, a.country, a.city, a.asn, a.asOrg);
    }
}
