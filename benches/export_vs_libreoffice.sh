#!/usr/bin/env bash
# The full export of the five long reports (package folder with the PDFs, the .docx and .xlsx, the 打印版, the
# listing and manifest, and the .iso) against LibreOffice converting the same five report .docx files to PDF,
# run in turn, pair by pair, on the same machine (BENCHMARKS.md). Each pair prints both wall times and their ratio;
# the ratio is what to watch on a shared machine, where the absolute times move with the load.
#   bash benches/export_vs_libreoffice.sh [pairs]      (needs soffice: apt-get install libreoffice-writer-nogui)
# LINGJUN_BENCH_BIN=path measures another build of lingjun and builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
command -v soffice >/dev/null || { echo "export_vs_libreoffice: soffice is missing" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-target}
bin=${LINGJUN_BENCH_BIN:-$target/release/lingjun}
if [ -z "${LINGJUN_BENCH_BIN:-}" ]; then
  cargo build --release --bin lingjun
fi
cargo build --example long_drafts
work=$(mktemp -d "${TMPDIR:-/tmp}/lingjun-vs-lo.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/drafts.sqlite
"$target/debug/examples/long_drafts" "$db" >/dev/null
"$bin" --db "$db" finalize >/dev/null
# The five report .docx of one export are LibreOffice's input; LibreOffice gets its own profile, started once
# before the runs so that its first start (creating the profile) is not counted.
"$bin" --db "$db" export --out "$work/first" >/dev/null 2>&1
mapfile -t reports < <(find "$work/first" -name '*推荐报告*.docx' | sort)
[ "${#reports[@]}" -eq 5 ] || { echo "expected five report .docx, found ${#reports[@]}" >&2; exit 1; }
profile="-env:UserInstallation=file://$work/lo-profile"
soffice "$profile" --headless --convert-to pdf --outdir "$work/warmup" "${reports[0]}" >/dev/null 2>&1

now() { date +%s.%N; }
for pair in $(seq "$pairs"); do
  rm -rf "$work/out" "$work/lo"
  sync
  start=$(now)
  "$bin" --db "$db" export --out "$work/out" >/dev/null 2>&1
  lingjun_s=$(awk "BEGIN { printf \"%.3f\", $(now) - $start }")
  sync
  start=$(now)
  soffice "$profile" --headless --convert-to pdf --outdir "$work/lo" "${reports[@]}" >/dev/null 2>&1
  lo_s=$(awk "BEGIN { printf \"%.3f\", $(now) - $start }")
  echo "pair $pair: lingjun export ${lingjun_s} s, LibreOffice five .docx → PDF ${lo_s} s, ratio $(awk "BEGIN { printf \"%.3f\", $lingjun_s / $lo_s }") (load $(cut -d' ' -f1 /proc/loadavg))"
done
