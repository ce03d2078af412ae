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


# The source checkout's root (src/newsmirror/settings.py -> two folders up from the package):
# the demo's sample archives sit beside the checkout, so `newsmirror demo` finds them from any
# working directory, not only from the repository root.
_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def demo_corpus_candidates() -> list[Path]:
    """Where `newsmirror demo` looks for sample archives, first match wins:
    ``NEWSMIRROR_CORPUS``, ../shared/corpus from the working directory, then beside the checkout."""
    if os.environ.get("NEWSMIRROR_CORPUS"):
        return [Path(os.environ["NEWSMIRROR_CORPUS"])]
    return [Path("..") / "shared" / "corpus", _CHECKOUT_ROOT.parent / "shared" / "corpus"]


def default_demo_corpus() -> Path | None:
    return next((path for path in demo_corpus_candidates() if path.is_dir()), None)
