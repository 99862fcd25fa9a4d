#!/usr/bin/env bash
# Runs `npm start` in a scratch copy of the working tree with no configuration and checks that
# /healthz answers within 5 seconds, as the README promises. Prints the measured time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Same code and node_modules, but a fresh ./data so this is a first boot.
for entry in package.json src plugin.manifest.json schemas node_modules; do
  ln -s "$root/$entry" "$work/$entry"
done
cd "$work"
start=$(date +%s%N)
PORT="$port" LOG_FORMAT=json npm start --silent >"$work/start.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "healthz answered ${elapsed} ms after npm start"
    [ -f data/secrets.json ] || { echo "data/secrets.json was not generated" >&2; exit 1; }
    perms=$(stat -c %a data/secrets.json)
    [ "$perms" = "600" ] || { echo "data/secrets.json has mode $perms, want 600" >&2; exit 1; }
    [ "$elapsed" -le 5000 ] || { echo "slower than the 5 s target" >&2; exit 1; }
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
echo "npm start did not serve /healthz; its output:" >&2
cat "$work/start.log" >&2
exit 1
