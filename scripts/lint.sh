#!/usr/bin/env bash
# Lints like n8n's verification scanner: the sources and package.json, then the packed tarball's
# dist/ and package.json, with inline eslint-disable comments ignored. Needs a fresh `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
packed=.cache/packed
rm -rf "$packed" && mkdir -p "$packed"
tarball=$(npm pack --silent --pack-destination "$packed" 2>/dev/null | tail -n 1)
tar -xzf "$packed/$tarball" -C "$packed"
npx eslint --no-inline-config --max-warnings=-1 nodes credentials package.json "$packed/package/dist" "$packed/package/package.json"
