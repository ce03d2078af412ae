"""QR codes of share links, as small PNGs readers can scan from another phone."""

from __future__ import annotations

import io

import segno


def qr_png(url: str, scale: int = 4) -> bytes:
    """A PNG of ``url``; segno writes no timestamp, so the same URL gives the same bytes."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
