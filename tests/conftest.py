"""Shared fixtures. The corpus is third-party data: it is read in place, never copied here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from bench import corpus as bench_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent


SHARED_PARTS = ("corpus", "days", "extraction")


# Where the tests look for the corpus: where `newsmirror demo` looks, as the bench scripts do (bench.corpus).
corpus_candidates = bench_corpus.corpus_candidates
find_corpus = bench_corpus.find_corpus


def missing_shared() -> str | None:
    """What of ../shared is missing, said as a user reads it; None when it is all there."""
    missing = [part for part in SHARED_PARTS[1:] if not (REPO_ROOT.parent / "shared" / part).is_dir()]
    said = []
    if find_corpus() is None:
        if os.environ.get("NEWSMIRROR_CORPUS"):
            said.append(f"corpus not at {os.environ['NEWSMIRROR_CORPUS']} ($NEWSMIRROR_CORPUS)")
        else:
            missing.insert(0, "corpus")
    if missing:
        said.append(f"{', '.join(missing)} not in {REPO_ROOT.parent / 'shared'}")
    if not said:
        return None
    return (f"shared data missing: {'; '.join(said)}; the tests that read them fail. Put the project's shared/ "
            "folder beside the repository (or name the corpus with $NEWSMIRROR_CORPUS).")


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
    """The corpus where the package finds it ($NEWSMIRROR_CORPUS, else ../shared/corpus); a clear failure
    (not a skip) when it is missing."""
    found = find_corpus()
    if found is None:
        pytest.fail(bench_corpus.missing_corpus(corpus_candidates()) + ". Check out the project with its shared/ "
                    "folder beside the repository.")
    return found


# --- fetch: loopback HTTP server (tests/httpserver.py) ---
from tests.httpserver import loopback_server  # noqa: E402, F401
