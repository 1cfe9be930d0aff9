#!/usr/bin/env bash
# Builds SeaweedFS's `weed` binary from the Go module proxy into the cache, once.
# Its go.mod has replace directives, so `go install pkg@version` is refused: build it as the main module.
set -euo pipefail
version=v0.0.0-20261109003541-7506e5f91cd6
cache=${CKB_CACHE_DIR:-$HOME/.cache/ckafka-cos-backup}
bin=$cache/weed-$version/weed
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
[ -z "${CKB_CACHED_ONLY:-}" ] || exit 10 # asked only whether weed is cached
mkdir -p "$(dirname "$bin")"
src=$(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "github.com/seaweedfs/seaweedfs@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "install-weed: go mod download gave no source directory" >&2; exit 1; }
work=$(mktemp -d)
cp -r "$src/." "$work/"
chmod -R u+w "$work"
echo "install-weed: building weed from $src (several minutes on 2 cores)" >&2
(cd "$work" && go build -o "$bin.tmp" ./weed)
mv "$bin.tmp" "$bin"
rm -rf "$work"
echo "$bin"
