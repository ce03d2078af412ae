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


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store, settings and output folder for CLI commands that fetch from the loopback server: no delay
    between requests, no retry, a short timeout (a failing feed fails at once); wide output, so table rows stay one
    line. The store's path (it does not exist yet)."""
    db = tmp_path / "nm.sqlite"
    config = tmp_path / "nm.toml"
    config.write_text("[fetch]\nper_host_delay_seconds = 0.0\ntimeout_seconds = 2.0\nmax_retries = 0\n",
                      encoding="utf-8")
    monkeypatch.setenv("NEWSMIRROR_DB", str(db))
    monkeypatch.setenv("NEWSMIRROR_CONFIG", str(config))
    monkeypatch.setenv("NEWSMIRROR_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("COLUMNS", "200")
    return db
