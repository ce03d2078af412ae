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
