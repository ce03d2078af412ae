"""Shared fixtures. The corpus is third-party data: it is read in place, never copied here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from newsmirror.settings import demo_corpus_candidates

REPO_ROOT = Path(__file__).resolve().parent.parent


SHARED_PARTS = ("corpus", "days", "extraction")


def corpus_candidates() -> list[Path]:
    """Where the tests look for the corpus: where `newsmirror demo` looks (``$NEWSMIRROR_CORPUS``, else
    ../shared/corpus from the working directory, then beside the checkout: ``settings.demo_corpus_candidates``),
    and, without the variable, beside this checkout (the package imported may be installed from another)."""
    candidates = demo_corpus_candidates()
    if not os.environ.get("NEWSMIRROR_CORPUS"):
        candidates.append(REPO_ROOT.parent / "shared" / "corpus")
    return list(dict.fromkeys(path.absolute() for path in candidates))


def find_corpus() -> Path | None:
    return next((path for path in corpus_candidates() if path.is_dir()), None)


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
        tried = " or ".join(str(path) for path in corpus_candidates())
        how = ("$NEWSMIRROR_CORPUS names it" if os.environ.get("NEWSMIRROR_CORPUS") else
               "../shared/corpus beside the repository, or set $NEWSMIRROR_CORPUS")
        pytest.fail(f"the shared corpus is missing: looked for it at {tried} ({how}). Check out the project with "
                    "its shared/ folder beside the repository.")
    return found


# --- fetch: loopback HTTP server (tests/httpserver.py) ---
from tests.httpserver import loopback_server  # noqa: E402, F401
