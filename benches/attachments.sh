#!/usr/bin/env bash
# Attachments at CD scale (BENCHMARKS.md): five full reports with 650 MB of attachments (33 scans of
# random bytes, so compression cannot cheat), generated in a temporary folder and removed afterwards (about 5 GB
# while it runs). Measures on the release binary: restore, window start to first frame and its memory, the UI
# pass while typing during autosaves, open and save costs, export (folder + .iso) beside `cp -r` + `xorriso -as
# mkisofs -J` of the same folder, verify of the folder and the .iso, backup. Needs xvfb and xorriso.
#   bash benches/attachments.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
# LINGJUN_BENCH_BIN=path measures another build (a copy of an older one, say) and builds nothing.
bin=${LINGJUN_BENCH_BIN:-target/release/lingjun}
if [ -z "${LINGJUN_BENCH_BIN:-}" ]; then
  cargo build --release --bin lingjun --example save_cost
fi
cargo build --example long_drafts
work=$(mktemp -d "${TMPDIR:-/tmp}/lingjun-attachments.XXXXXX")
display=:96
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb; rm -rf "$work"' EXIT
db=$work/drafts.sqlite

# `measure LABEL COMMAND...`: wall time and peak resident memory of one run.
measure() {
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>&1 || {
    cat "$work/out"
    exit 1
  }
  read -r wall rss <"$work/time"
  echo "$label: wall_s=$wall max_rss_mb=$((rss / 1024)) load=$(cut -d' ' -f1 /proc/loadavg)"
}

# Five long reports, then a drafts file of them with the scans added (streamed, base64), restored into $db.
target/debug/examples/long_drafts "$work/long.sqlite" >/dev/null
"$bin" --db "$work/long.sqlite" backup "$work/long.json" >/dev/null
/usr/bin/python3 - "$work/long.json" "$work/big.json" <<'EOF'
import base64, json, os, sys
top = json.load(open(sys.argv[1], encoding="utf-8"))
total, count = 650_000_000, 33
sizes = [total // count] * count
sizes[-1] += total - sum(sizes)
enterprises = top["enterprises"]
for e in enterprises:
    e["attachments"] = []
per = [count // len(enterprises) + (k < count % len(enterprises)) for k in range(len(enterprises))]
i = 0
for e, n in zip(enterprises, per):
    for _ in range(n):  # numbered in the order they appear in the file
        e["attachments"].append({"name": f"扫描件{i + 1:02}.pdf", "data_base64": f"@@{i}@@"})
        i += 1
text = json.dumps(top, ensure_ascii=False, indent=2)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, size in enumerate(sizes):
        head, text = text.split(f"@@{i}@@", 1)
        out.write(head)
        left = size
        while left:
            n = min(left, 3 << 20)  # a multiple of 3: no padding inside the stream
            out.write(base64.b64encode(os.urandom(n)).decode())
            left -= n
    out.write(text)
EOF
rm "$work/long.sqlite"* "$work/long.json"
echo "drafts file: $(du -m "$work/big.json" | cut -f1) MB"
measure "restore of the drafts file" "$bin" --db "$db" restore "$work/big.json"
rm "$work/big.json"
echo "database: $(du -m "$db" | cut -f1) MB"

# A cold start: the page cache dropped first (needs root; `sync; echo 3 > /proc/sys/vm/drop_caches`), so the
# program, the libraries, the fonts and the database come from the disk as after a reboot. Said so when it cannot.
drop_cache() {
  sync
  if { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
    cache=cold
  else
    cache="warm (cannot drop the page cache here: not root)"
  fi
}
for _ in $(seq "$runs"); do
  drop_cache
  start=$(date +%s.%N)
  out=$(DISPLAY=$display LINGJUN_STARTUP_PROBE=2 /usr/bin/time -f 'maxrss_kb %M' "$bin" --db "$db" 2>&1)
  painted=$(echo "$out" | sed -n 's/^first frame painted at unix //p')
  rss=$(echo "$out" | sed -n 's/^maxrss_kb \([0-9]*\).*/\1/p')
  echo "window start, page cache $cache: first_frame_ms=$(awk "BEGIN { printf \"%.0f\", ($painted - $start) * 1000 }") max_rss_mb=$((rss / 1024)) load=$(cut -d' ' -f1 /proc/loadavg)"
done
for frames in 2 120; do
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    out=$(DISPLAY=$display LINGJUN_STARTUP_PROBE=$frames /usr/bin/time -f 'maxrss_kb %M' "$bin" --db "$db" 2>&1)
    painted=$(echo "$out" | sed -n 's/^first frame painted at unix //p')
    rss=$(echo "$out" | sed -n 's/^maxrss_kb \([0-9]*\).*/\1/p')
    echo "window start, frames=$frames: first_frame_ms=$(awk "BEGIN { printf \"%.0f\", ($painted - $start) * 1000 }") max_rss_mb=$((rss / 1024)) load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
# Typing a character at every frame into enterprise 1's first section for 600 frames: several autosaves.
for _ in $(seq "$runs"); do
  out=$(DISPLAY=$display LINGJUN_STARTUP_PROBE=600 LINGJUN_TYPING_PROBE=1 "$bin" --db "$db" 2>&1)
  echo "window, typing: $(echo "$out" | sed -n 's/^typing //p') (load $(cut -d' ' -f1 /proc/loadavg))"
done

if [ -x target/release/examples/save_cost ]; then
  target/release/examples/save_cost "$db" 50
fi

"$bin" --db "$db" finalize >/dev/null
# Export and `cp -r` + `xorriso` + `sync` of the same folder side by side, `runs` times (the disk's speed varies
# from one minute to the next on a shared machine): the last export stays for verify.
for run in $(seq "$runs"); do
  rm -rf "$work/export"
  sync
  export_start=$(date +%s.%N)
  measure "export (folder + .iso), run $run" "$bin" --db "$db" export --out "$work/export"
  export_s=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $export_start }")
  folder=$(find "$work/export" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  iso=$(find "$work/export" -maxdepth 1 -name '*.iso' | head -n 1)
  sync
  start=$(date +%s.%N)
  measure "cp -r of the package folder" cp -r "$folder" "$work/copy"
  measure "xorriso -as mkisofs -J of the copy" xorriso -as mkisofs -J -o "$work/xorriso.iso" "$work/copy"
  sync
  together=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }")
  echo "run $run: export ${export_s} s, cp + xorriso + sync ${together} s, ratio $(awk "BEGIN { printf \"%.2f\", $export_s / $together }") (load $(cut -d' ' -f1 /proc/loadavg))"
  rm -rf "$work/copy" "$work/xorriso.iso"
done
echo "package: $(du -sm "$folder" | cut -f1) MB folder, $(du -m "$iso" | cut -f1) MB .iso"
measure "verify of the folder" "$bin" verify "$folder"
measure "verify of the .iso" "$bin" verify "$iso"
rm -rf "$work/export"
measure "backup to a drafts file" "$bin" --db "$db" backup "$work/again.json"
