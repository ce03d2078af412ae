"""Tables built once and kept in the user's cache folder: read back only under the key of the
inputs they were built from, and never needed (a folder that fails means building as before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmirror.text import names, table_cache
from newsmirror.text.table_cache import cached_table


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSMIRROR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_table_is_built_once_per_key_and_a_changed_input_builds_it_again(folder: Path) -> None:
    built: list[str] = []

    def build(value: str) -> dict[str, list[tuple[str, bool]]]:
        built.append(value)
        return {"国会": [(value, True)]}

    assert cached_table("t", ["a", b"x"], lambda: build("one")) == {"国会": [("one", True)]}
    assert cached_table("t", ["a", b"x"], lambda: build("two")) == {"国会": [("one", True)]}  # kept
    assert cached_table("t", ["a", b"y"], lambda: build("three")) == {"国会": [("three", True)]}  # input changed
    assert cached_table("t", ["ab", b""], lambda: build("four")) == {"国会": [("four", True)]}  # parts stay apart
    assert built == ["one", "three", "four"]
    assert len(list(folder.glob("t-*.pickle"))) == 1  # tables of older inputs are removed


def test_a_damaged_file_an_unwritable_folder_or_off_mean_building(folder: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cached_table("t", ["k"], lambda: 1)
    next(folder.glob("t-*.pickle")).write_bytes(b"not a pickle")
    assert cached_table("t", ["k"], lambda: 2) == 2
    assert cached_table("t", ["k"], lambda: 3) == 2  # written again, whole
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    monkeypatch.setenv("NEWSMIRROR_CACHE_DIR", str(blocked / "cache"))  # cannot be made
    assert cached_table("t", ["k"], lambda: 4) == 4
    monkeypatch.setenv("NEWSMIRROR_CACHE_DIR", "off")
    assert table_cache.cache_dir() is None and cached_table("t", ["k"], lambda: 5) == 5


def test_the_attested_name_index_read_back_is_the_one_built(folder: Path) -> None:
    names._attested_index.cache_clear()
    try:
        first = names._attested_index()  # built and kept
        names._attested_index.cache_clear()
        again = names._attested_index()  # read back
        assert len(list(folder.glob("attested-index-*.pickle"))) == 1
        assert first == again == names._build_attested_index()
        assert again[0] and again[1]
    finally:
        names._attested_index.cache_clear()


def test_a_table_another_user_could_have_written_is_built_not_loaded(folder: Path) -> None:
    assert cached_table("t", ["k"], lambda: "built") == "built"
    kept = next(folder.glob("t-*.pickle"))
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    kept.chmod(0o666)  # writable by anyone: it may not be the table this process stored
    assert cached_table("t", ["k"], lambda: "again") == "again"
