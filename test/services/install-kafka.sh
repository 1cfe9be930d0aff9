#!/usr/bin/env bash
# Copies the Kafka broker's jars from Maven Central into the cache, once; prints the libs directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${CKB_CACHE_DIR:-$HOME/.cache/ckafka-cos-backup}
libs=$cache/kafka-$(sha1sum "$here/kafka-pom.xml" | cut -c1-12)
if [ -f "$libs/.complete" ]; then echo "$libs"; exit 0; fi
[ -z "${CKB_CACHED_ONLY:-}" ] || exit 10 # asked only whether the jars are cached
echo "install-kafka: downloading the broker's jars into $libs" >&2
rm -rf "$libs"
mvn -B -q -f "$here/kafka-pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DoutputDirectory="$libs" -DincludeScope=runtime >&2
touch "$libs/.complete"
echo "$libs"
