"""Where newsmirror keeps its data unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path("data")


def default_store_location() -> str:
    """``NEWSMIRROR_DB`` if set (a path, ``sqlite:PATH`` or ``postgresql://...``), else ./data/newsmirror.sqlite."""
    return os.environ.get("NEWSMIRROR_DB") or str(DEFAULT_DATA_DIR / "newsmirror.sqlite")


def default_output_dir() -> Path:
    return Path(os.environ.get("NEWSMIRROR_OUT") or "out")
