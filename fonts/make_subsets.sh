#!/usr/bin/env bash
# Rebuilds the bundled font subsets from registry packages. Recipe (Debian 12 + PyPI):
#   apt-get install fonts-noto-cjk unicode-data     # Noto CJK 2.004 (OFL) and Unihan 15.0
#   pip install fonttools==4.*                       # pyftsubset
#   bash fonts/make_subsets.sh
# The character set is GB 2312 ∪ 通用规范汉字表 (Unihan kTGH, 8105 characters) ∪ ASCII ∪ Latin-1 ∪ general and
# CJK punctuation ∪ full-width forms ∪ a few symbols used in forms (№ ℃ ① … ⑳ Ⅰ … Ⅻ ※ → ×).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
noto=/usr/share/fonts/opentype/noto
python3 - "$here/charset.txt" <<'PY'
import bz2, glob, sys
chars = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([b1, b2]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
for path in glob.glob("/usr/share/unicode/Unihan_*.txt.bz2"):
    for line in bz2.open(path, "rt", encoding="utf-8"):
        parts = line.split("\t")
        if len(parts) > 1 and parts[1] == "kTGH":
            chars.add(int(parts[0][2:], 16))
ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF),
          (0x2460, 0x2473), (0x2160, 0x216B), (0x2100, 0x214F), (0x2190, 0x2193), (0x25A0, 0x25CF)]
for lo, hi in ranges:
    chars.update(range(lo, hi + 1))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n".join(f"U+{c:04X}" for c in sorted(chars)) + "\n")
print(len(chars), "code points")
PY
subset() { # source face-index output
  pyftsubset "$noto/$1" --font-number="$2" --unicodes-file="$here/charset.txt" \
    --layout-features='kern,vert,vrt2,palt,halt,locl' --no-hinting --desubroutinize \
    --name-IDs='*' --name-languages='*' --output-file="$here/$3"
  echo "$3: $(stat -c %s "$here/$3") bytes"
}
# Face 2 of each Noto CJK collection is the Simplified Chinese (SC) one.
subset NotoSansCJK-Regular.ttc 2 NotoSansSC-Regular-subset.otf
subset NotoSerifCJK-Regular.ttc 2 NotoSerifSC-Regular-subset.otf
subset NotoSerifCJK-Bold.ttc 2 NotoSerifSC-Bold-subset.otf
