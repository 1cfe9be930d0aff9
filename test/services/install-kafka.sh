#!/usr/bin/env bash
# Copies the Kafka broker's jars from Maven Central into the cache, once; prints the libs directory.
# No argument: the KRaft broker the tests run (kafka-pom.xml). A version (2.4.1, 2.8.1, 3.2.3): that release,
# with its ZooKeeper, for the version matrix (kafka-zookeeper-pom.xml).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${CKB_CACHE_DIR:-$HOME/.cache/ckafka-cos-backup}
version=${1:-}
if [ -n "$version" ]; then pom=$here/kafka-zookeeper-pom.xml; else pom=$here/kafka-pom.xml; fi
libs=$cache/kafka-${version:+$version-}$(sha1sum "$pom" | cut -c1-12)
if [ -f "$libs/.complete" ]; then echo "$libs"; exit 0; fi
[ -z "${CKB_CACHED_ONLY:-}" ] || exit 10 # asked only whether the jars are cached
echo "install-kafka: downloading the broker's jars into $libs" >&2
rm -rf "$libs"
mvn -B -q -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  ${version:+-Dkafka.version=$version} -DoutputDirectory="$libs" -DincludeScope=runtime >&2
touch "$libs/.complete"
echo "$libs"
