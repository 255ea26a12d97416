"""Draws the 领军 icon: a red seal-like rounded square with 领 in white, from the bundled Noto Serif SC Bold subset.

Run from the repository root (needs Pillow: `pip install pillow`):

    python3 assets/icon/make_icon.py

Writes assets/icon/lingjun.ico (16, 32, 48 and 256 px, for the Windows .exe) and assets/icon/lingjun.png
(256 px, the window icon set at run time). The files are committed; rerun only to change the design.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "fonts" / "NotoSerifSC-Bold-subset.otf"
OUT = ROOT / "assets" / "icon"
# 中国红, a little deeper than pure red so the white character reads well at 16 px.
RED = (178, 34, 34, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    """One size, drawn at 4x and scaled down for smooth edges."""
    scale = 4
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    # Small sizes use the whole square; larger ones keep a margin and a thin inner frame, like a seal.
    margin = 0 if size <= 16 else big // 32
    radius = big // 6
    pen.rounded_rectangle((margin, margin, big - margin - 1, big - margin - 1), radius, fill=RED)
    if size >= 48:
        inset = big // 12
        pen.rounded_rectangle(
            (inset, inset, big - inset - 1, big - inset - 1),
            radius - inset + margin,
            outline=WHITE,
            width=max(scale, big // 64),
        )
    glyph_px = int(big * (0.78 if size <= 16 else 0.66))
    font = ImageFont.truetype(str(FONT), glyph_px)
    left, top, right, bottom = pen.textbbox((0, 0), "领", font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    pen.text((x, y), "领", font=font, fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    sizes = [16, 32, 48, 256]
    images = [draw(s) for s in sizes]
    images[-1].save(OUT / "lingjun.ico", sizes=[(s, s) for s in sizes], append_images=images[:-1])
    images[-1].save(OUT / "lingjun.png")


if __name__ == "__main__":
    main()
