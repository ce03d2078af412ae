"""Archive files written by an attacker: alias bombs, oversized files and fields, bad name tables.

Every payload here is made up for the test; each must give one clear failure (or a harmless
import) while the rest of the archive still imports.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from newsmirror.ingest.archives import (
    MAX_FIELD_CHARS,
    MAX_FRONT_MATTER_CHARS,
    ArchiveFormatError,
    read_archive_file,
)
from newsmirror.jobs.importing import FileOutcome, import_paths
from newsmirror.store import open_store
from tests.fixtures_archives import JEKYLL_POST, NAMES_CSV, PAGE_MIRROR, make_archive, write


def alias_bomb(levels: int, fan_out: int = 9) -> str:
    """Front matter whose title expands to fan_out**levels strings when aliases are followed."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * fan_out)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"title: *a{levels}")
    lines.append(f"author: *a{levels}")
    lines.append("from: https://example.org/bomb")
    return "---\nlayout: post\n" + "\n".join(lines) + "\n---\n<p>正文</p>\n"


def post_with(front: str) -> str:
    return f"---\nlayout: post\n{front}\nfrom: https://example.org/x\n---\n<p>正文一段。</p>\n"


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    bomb = alias_bomb(levels=6)  # 531,441 strings if expanded: small enough to survive a failing test
    assert len(bomb) < 600
    path = write(tmp_path, "_posts/2024-01-01-bomb.md", bomb)
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveFormatError, match="alias") as caught:
            read_archive_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(path) in str(caught.value)
    assert peak < 5_000_000, f"{peak:,} bytes held while refusing a {len(bomb)}-byte file"


def test_import_reports_the_bomb_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "archive/_posts/2024-01-01-bomb.md", alias_bomb(levels=6))
    write(tmp_path, "archive/_posts/2024-03-01-good.md", JEKYLL_POST)
    with open_store(tmp_path / "s.sqlite") as store:
        report = import_paths(store, [tmp_path / "archive"])
        assert [r.path.endswith("bomb.md") for r in report.failures] == [True]
        assert "alias" in report.failures[0].reason
        assert report.imported == 1
        assert all(len(a.outlet) < 100 and len(a.title) < 100 for a in store.iter_articles())


def test_a_title_that_merely_starts_with_a_star_still_imports(tmp_path: Path) -> None:
    # `*独家*` is an undefined alias to YAML; real archives carry such titles.
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post_with("title: *独家* 某市长辞职"))).raw
    assert raw is not None and raw.title_hint == "*独家* 某市长辞职"


def test_an_anchor_without_an_alias_is_harmless(tmp_path: Path) -> None:
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post_with("title: &t 标题一"))).raw
    assert raw is not None and raw.title_hint == "标题一"


@pytest.mark.parametrize("front, limit", [
    ("title: 长标题\n" + "note: " + "x" * (MAX_FIELD_CHARS + 1), "character limit"),
    ("title: " + "标" * (MAX_FIELD_CHARS + 1), "character limit"),
    ("title: t\n" + "\n".join(f"k{i}: v" for i in range(MAX_FRONT_MATTER_CHARS // 6)), "limit"),
    ('title: "stray" quote"\nnote: ' + "y" * (MAX_FIELD_CHARS + 5), "character limit"),  # line by line
], ids=["field", "title", "front matter", "line-by-line field"])
def test_oversized_front_matter_and_fields_are_refused(tmp_path: Path, front: str, limit: str) -> None:
    with pytest.raises(ArchiveFormatError, match=limit):
        read_archive_file(write(tmp_path, "_posts/x.md", post_with(front)))


def test_deeply_nested_front_matter_does_not_crash(tmp_path: Path) -> None:
    front = "title: 标题\nx: " + "[" * 900 + "]" * 900  # deeper than the recursion limit allows
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post_with(front))).raw
    assert raw is not None and raw.title_hint == "标题"


def test_an_oversized_article_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "archive/_posts/2024-01-01-big.md"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:  # 50 MB of front matter and body, sparse on disk
        handle.write(JEKYLL_POST.encode())
        handle.truncate(50 * 1024 * 1024)
    write(tmp_path, "archive/_posts/2024-03-02-good.md", JEKYLL_POST.replace("202403010001", "202403020002"))
    with open_store(tmp_path / "s.sqlite") as store:
        tracemalloc.start()
        try:
            report = import_paths(store, [tmp_path / "archive"])
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    [failure] = report.failures
    assert failure.path == str(big) and "52,428,800 bytes" in failure.reason and "--max-file-size" in failure.reason
    assert report.imported == 1
    assert peak < 20 * 1024 * 1024, f"{peak:,} bytes"


def test_the_file_size_limit_is_configurable(tmp_path: Path) -> None:
    write(tmp_path, "archive/_posts/2024-03-01-x.md", JEKYLL_POST)
    with open_store(tmp_path / "s.sqlite") as store:
        tight = import_paths(store, [tmp_path / "archive"], max_file_bytes=1000)
        assert tight.imported == 0 and "1,000-byte limit" in tight.failures[0].reason
        assert import_paths(store, [tmp_path / "archive"]).imported == 1


def bad_names_tables() -> dict[str, bytes]:
    return {
        "oversized": NAMES_CSV.encode() + b"x" * (2 * 1024 * 1024),
        "not UTF-8": b"prog204,\xff\xfe\xfa\n",
        "huge field": b'prog204,"' + b"y" * 200_000 + b'"\n',
    }


@pytest.mark.parametrize("problem", list(bad_names_tables()))
def test_a_bad_names_table_is_reported_once_and_its_articles_still_import(tmp_path: Path, problem: str) -> None:
    make_archive(tmp_path)
    table = tmp_path / "mirror/indexes/names.csv"
    table.write_bytes(bad_names_tables()[problem])
    write(tmp_path, "mirror/pages/prog204/a2.md", PAGE_MIRROR.replace("a1.html", "a2.html").replace("a1.md", "a2.md"))
    with open_store(tmp_path / "s.sqlite") as store:
        report = import_paths(store, [tmp_path / "mirror"])
        [failure] = report.failures
        assert failure.path == str(table) and "channel-name table" in failure.reason
        pages = [r for r in report.results if r.path.endswith(("a1.md", "a2.md"))]
        assert len(pages) == 2 and all(r.outcome is not FileOutcome.FAILED for r in pages)
        # Without the table the channel comes from the page's navigation link ("N大陆新闻").
        assert {a.channel for a in store.iter_articles()} == {"大陆新闻"}


def test_a_bad_names_table_above_the_imported_folder_is_reported_once(tmp_path: Path) -> None:
    make_archive(tmp_path)
    table = tmp_path / "mirror/indexes/names.csv"
    table.write_bytes(bad_names_tables()["oversized"])
    write(tmp_path, "mirror/pages/prog204/a2.md", PAGE_MIRROR.replace("a1.html", "a2.html").replace("a1.md", "a2.md"))
    with open_store(tmp_path / "s.sqlite") as store:
        report = import_paths(store, [tmp_path / "mirror/pages"])  # the table itself is not walked
    [failure] = report.failures
    assert Path(failure.path) == table.resolve() and "over the 1,048,576-byte limit" in failure.reason
    assert report.article_files == 2  # both pages imported (the store holds them as one article: same text and URL)


def test_a_names_table_that_cannot_be_opened_is_reported_once(tmp_path: Path) -> None:
    make_archive(tmp_path)
    table = tmp_path / "mirror/indexes/names.csv"
    table.unlink()
    table.symlink_to(tmp_path / "nowhere.csv")  # is_file() is False: as if there were none
    with open_store(tmp_path / "s.sqlite") as store:
        assert import_paths(store, [tmp_path / "mirror"]).failures == []
    table.unlink()
    table.mkdir()  # a folder where the table should be: also ignored, never a failure per article
    with open_store(tmp_path / "s2.sqlite") as store:
        report = import_paths(store, [tmp_path / "mirror"])
    assert report.failures == [] and report.imported == 1


def test_an_epoch_past_the_last_representable_day_gives_no_date(tmp_path: Path) -> None:
    # Found by tests/test_fuzz.py: datetime.fromtimestamp raised OSError for it.
    post = "---\nlayout: post\ntitle: 标题\nfrom: https://example.org/a\n---\n<!--99999999999999999999-->\n<p>正文</p>\n"
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post)).raw
    assert raw is not None and raw.published_hint is None


def test_max_file_size_counts_in_mib_as_its_help_and_refusal_say(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsmirror.cli import app

    shown = CliRunner().invoke(app, ["import", "--help"], env={"COLUMNS": "250"}).output
    assert "--max-file-size" in shown and "MiB" in shown and " MB " not in shown
    # 1,040,000 bytes: over 1 MB, under 1 MiB; `--max-file-size 1` takes it, as its help says.
    post = tmp_path / "archive/_posts/2024-03-01-x.md"
    write(tmp_path, "archive/_posts/2024-03-01-x.md", JEKYLL_POST)
    with post.open("ab") as handle:
        handle.write(b" " * (1_040_000 - post.stat().st_size))
    db = str(tmp_path / "s.sqlite")
    taken = CliRunner().invoke(app, ["import", str(tmp_path / "archive"), "--db", db, "--max-file-size", "1"])
    assert taken.exit_code == 0 and "articles imported │ 1 │" in " ".join(taken.output.split()), taken.output
    refused = CliRunner().invoke(app, ["import", str(tmp_path / "archive"), "--db", db, "--reread",
                                       "--max-file-size", "0.5"])
    assert "1,040,000 bytes, over the 524,288-byte limit (0.5 MiB" in " ".join(refused.output.split())
