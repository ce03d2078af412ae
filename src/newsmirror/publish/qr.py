"""QR codes of share links, as small PNGs readers can scan from another phone."""

from __future__ import annotations

import io

import segno
from PIL import Image as PILImage


def qr_png(url: str, scale: int = 4, border: int = 2) -> bytes:
    """A black-and-white PNG of ``url``; the same URL always gives the same bytes.

    segno encodes; two shortcuts keep 100k pages affordable: a fixed mask pattern (segno's
    search over all eight costs ~5x the encoding, and any mask is valid for scanners), and
    Pillow's C PNG encoder instead of segno's pure-Python writer.
    """
    matrix = segno.make(url, error="m", micro=False, mask=0).matrix
    size = len(matrix)
    modules = PILImage.frombytes("L", (size, size), bytes(0 if dark else 255 for row in matrix for dark in row))
    side = size + 2 * border
    canvas = PILImage.new("L", (side, side), 255)
    canvas.paste(modules, (border, border))
    canvas = canvas.resize((side * scale, side * scale), PILImage.Resampling.NEAREST).convert("1")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
