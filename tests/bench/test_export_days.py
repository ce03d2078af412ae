"""bench/days/export_days.py on a tiny waimei-like git repository made here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bench.days import export_days


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          capture_output=True, check=True, text=True)
    return done.stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    work = tmp_path / "waimei"
    (work / "archived" / "2020-01-01").mkdir(parents=True)
    (work / "archived" / "2020-01-02").mkdir(parents=True)
    (work / "archived" / "2020-01-01" / "2020-01-01-甲.md").write_bytes("---\ntitle: 甲\n---\n正文\r\n".encode())
    (work / "archived" / "2020-01-01" / "2020-01-01-b.md").write_bytes(b"second\n")
    (work / "archived" / "2020-01-02" / "2020-01-02-c.md").write_bytes(b"another day\n")
    (work / "README.md").write_bytes(b"not a day\n")
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "first")
    return work


def test_one_day_is_exported_byte_for_byte_and_nothing_else(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export_days.export_days(repo, out, ["2020-01-01"]) == {"2020-01-01": 2}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "2020-01-01", "2020-01-01/2020-01-01-b.md", "2020-01-01/2020-01-01-甲.md"]
    assert (out / "2020-01-01" / "2020-01-01-甲.md").read_bytes() == "---\ntitle: 甲\n---\n正文\r\n".encode()


def test_a_bare_mirror_and_an_older_commit_work(repo: Path, tmp_path: Path) -> None:
    first = _git(repo, "rev-parse", "HEAD")
    (repo / "archived" / "2020-01-01" / "2020-01-01-b.md").write_bytes(b"changed later\n")
    _git(repo, "commit", "-q", "-am", "second")
    bare = tmp_path / "mirror.git"
    subprocess.run(["git", "clone", "-q", "--mirror", str(repo), str(bare)], check=True)
    out = tmp_path / "out"
    export_days.export_days(bare, out, ["2020-01-01"], commit=first[:9])
    assert (out / "2020-01-01" / "2020-01-01-b.md").read_bytes() == b"second\n"


def test_a_missing_date_is_a_clear_error_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(export_days.ExportError, match="2020-02-30"):
        export_days.export_days(repo, out, ["2020-01-01", "2020-02-30"])
    assert not out.exists()
    assert export_days.main([str(repo), str(out), "2020-02-30"]) == 1


def test_an_existing_export_is_not_overwritten(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_days.export_days(repo, out, ["2020-01-02"])
    with pytest.raises(export_days.ExportError, match="not empty"):
        export_days.export_days(repo, out, ["2020-01-02"])
