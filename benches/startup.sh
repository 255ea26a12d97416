#!/usr/bin/env bash
# Cold start to first frame and peak resident memory of the real release binary with five full drafts
# (BENCHMARKS.md). Linux with Xvfb (apt-get install xvfb xauth). Run from the repository root:
#   bash benches/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release
db="${TMPDIR:-/tmp}/lingjun-long.sqlite.$$"
cargo run --release --example long_drafts -- "$db" >/dev/null
display=:95
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb; rm -f "$db" "$db"-* "$db".lock' EXIT
sleep 1
for frames in 2 120; do
  for _ in $(seq "$runs"); do
    # Drop nothing from the page cache: "cold" here means a new process, as when the clerk starts the program.
    start=$(date +%s.%N)
    out=$(DISPLAY=$display LINGJUN_STARTUP_PROBE=$frames /usr/bin/time -f 'maxrss_kb %M wall_s %e' \
      target/release/lingjun --db "$db" 2>&1)
    painted=$(echo "$out" | sed -n 's/^first frame painted at unix //p')
    rss=$(echo "$out" | sed -n 's/^maxrss_kb \([0-9]*\).*/\1/p')
    echo "frames=$frames first_frame_ms=$(awk "BEGIN { printf \"%.0f\", ($painted - $start) * 1000 }") max_rss_mb=$((rss / 1024))"
  done
done
