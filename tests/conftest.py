"""Shared fixtures. The corpus is third-party data: it is read in place, never copied here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


SHARED_PARTS = ("corpus", "days", "extraction")


def missing_shared() -> str | None:
    """What of ../shared is missing, said as a user reads it; None when it is all there."""
    missing = [part for part in SHARED_PARTS if not (REPO_ROOT.parent / "shared" / part).is_dir()]
    if not missing:
        return None
    return (f"shared data missing: {', '.join(missing)} not in {REPO_ROOT.parent / 'shared'}; the tests that read "
            "them fail. Put the project's shared/ folder beside the repository.")


def pytest_configure(config: pytest.Config) -> None:
    """Tables the package keeps in the user's cache folder (``text.table_cache``) go to a folder of
    this run, not the real ``~/.cache/newsmirror``, unless the caller chose one."""
    if "NEWSMIRROR_CACHE_DIR" not in os.environ:
        os.environ["NEWSMIRROR_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsmirror-test-cache-")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A checkout without ../shared got ~45 failures and errors, some a bare FileNotFoundError of a
    bench file: say once, under them (the header is hidden by -q), what is missing and where."""
    said = missing_shared()
    if said:
        terminalreporter.write_sep("=", said, red=True)


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
