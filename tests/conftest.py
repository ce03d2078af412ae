"""Shared fixtures. The corpus is third-party data: it is read in place, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus beside the repository; a clear failure (not a skip) when it is missing."""
    if not CORPUS_DIR.is_dir():
        pytest.fail(
            f"the shared corpus is missing: expected it at {CORPUS_DIR} (../shared/corpus relative to the "
            "repository root). Check out the project with its shared/ folder beside the repository."
        )
    return CORPUS_DIR


# --- fetch: loopback HTTP server (tests/httpserver.py) ---
from tests.httpserver import loopback_server  # noqa: E402, F401
