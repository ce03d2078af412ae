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
    here, beside = Path("..") / "shared" / "corpus", _CHECKOUT_ROOT.parent / "shared" / "corpus"
    # Run from the checkout (README's set-up) both are one folder, which the demo's "no archives at" named twice.
    return [here] if here.resolve() == beside.resolve() else [here, beside]


def default_demo_corpus() -> Path | None:
    return next((path for path in demo_corpus_candidates() if path.is_dir()), None)


# A new user without ../shared (a clone alone): the public archive the corpus's samples come from (a Jekyll site of
# news posts; its LICENSE file is MIT), one day of it fetched without the rest of the repository (463 posts, about
# 2 MB, where a whole clone fetches some 250 MB), and the demo pointed at that day (452 articles, about 15 s on 2 cores).
# `demo`'s message when it finds no archives and README's "Set up" say these (tests/jobs/test_demo.py).
SAMPLE_ARCHIVE = "github.com/zhouxiang93123/waimei"
SAMPLE_FETCH = (f"git clone --depth 1 --filter=blob:none --sparse https://{SAMPLE_ARCHIVE} && "
                "git -C waimei sparse-checkout set archived/2021-01-07")
SAMPLE_DEMO = "newsmirror demo --corpus waimei/archived/2021-01-07"


def sample_archive_hint() -> str:
    """What to fetch, and how to give it to the demo, when it has no archives."""
    return (f"fetch one day of the public archive the project's samples come from, {SAMPLE_ARCHIVE} (MIT): "
            f"`{SAMPLE_FETCH}`, then `{SAMPLE_DEMO}`")
