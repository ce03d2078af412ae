"""The suite says once what of ../shared is missing (a checkout without it had ~45 bare failures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest


def test_missing_shared_data_is_named_with_where_it_was_expected(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "REPO_ROOT", tmp_path / "repo")
    (tmp_path / "shared" / "corpus").mkdir(parents=True)
    said = conftest.missing_shared()
    assert said is not None and "days, extraction" in said and str(tmp_path / "shared") in said
    for part in ("days", "extraction"):
        (tmp_path / "shared" / part).mkdir()
    assert conftest.missing_shared() is None


def test_the_corpus_is_found_where_the_package_finds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The corpus fixture read ../shared/corpus only: $NEWSMIRROR_CORPUS, which `newsmirror demo` honours, was ignored.
    elsewhere = tmp_path / "my-corpus"
    elsewhere.mkdir()
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(elsewhere))
    assert conftest.find_corpus() == elsewhere
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path / "missing"))
    assert conftest.find_corpus() is None
    said = conftest.missing_shared()
    assert said is not None and str(tmp_path / "missing") in said and "$NEWSMIRROR_CORPUS" in said
