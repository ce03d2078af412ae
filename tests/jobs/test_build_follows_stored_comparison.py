"""A story page is made again when the stored comparison it shows is replaced under the same reports (safety76).

The site build keeps a story page while its fingerprint stands; on main that fingerprint held the reports (ids,
content hashes, titles) and not the comparison read, so a received store whose comparison was replaced under the same
reports left the earlier page, showing facts the store no longer held."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app as cli_app
from newsmirror.jobs.building import build as run_build
from newsmirror.jobs.building import default_comparer
from newsmirror.publish.base import BuildOptions
from newsmirror.store import open_store
from newsmirror.stories import codec
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from tests.web.test_stored_comparison_bounds import FIRST, SECOND, TEXT, received


def comparison_saying(text: str) -> bytes:
    shared = [Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, text), SentenceRef(SECOND.id, SECOND.outlet, 0, TEXT)])]
    return codec.encode(Comparison(story_id="visit", outlets=[FIRST.outlet, SECOND.outlet], shared=shared,
                                   unique={FIRST.outlet: [], SECOND.outlet: []}))


def build(path: Path, out: Path) -> str:
    built = CliRunner().invoke(cli_app, ["build", "--db", f"sqlite:{path}", "--out", str(out), "-f", "site",
                                         "--no-images"])
    assert built.exit_code == 0, built.output
    return (out / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8")


def test_a_comparison_replaced_under_the_same_reports_is_shown(tmp_path: Path) -> None:
    path = received(tmp_path, comparison_saying("双方首先讨论了贸易。"))
    out = tmp_path / "out"
    assert "双方首先讨论了贸易。" in build(path, out)
    with open_store(path, create=False) as store:
        stored = store.story_comparison("visit")
        assert stored is not None
        store.save_story_comparison("visit", stored[0], comparison_saying("双方随后讨论了关税。"))  # same fingerprint
    page = build(path, out)
    assert "双方随后讨论了关税。" in page and "双方首先讨论了贸易。" not in page



def rendered_stories(path: Path, out: Path) -> int:
    """How many story pages a build of the site made (a page made again with the same bytes is not written, so the
    page's file cannot tell)."""
    with open_store(path, create=False) as store:
        report = run_build(store, out, formats=["site"], options=BuildOptions(), images=False,
                           comparer=default_comparer(store))
    return report.formats["site"].rendered_stories


def test_an_unchanged_comparison_leaves_the_page_alone(tmp_path: Path) -> None:
    # Counted, not read off the page's file (review60): the writer does not write a page made again with the same
    # bytes, so a file overwritten with "kept" stayed so whether the page was made again or not.
    path = received(tmp_path, comparison_saying("双方首先讨论了贸易。"))
    out = tmp_path / "out"
    assert rendered_stories(path, out) == 1
    assert rendered_stories(path, out) == 0


def test_a_comparison_the_build_computed_makes_its_page_once(tmp_path: Path) -> None:
    # review60: the page was fingerprinted with the mark read before the build computed and stored its comparison
    # (none stored: grouping ran with --no-compare), so the next build found another mark and made the page again.
    path = received(tmp_path, b"")
    with open_store(path, create=False) as store:
        store.execute("DELETE FROM story_comparisons")
    out = tmp_path / "out"
    assert rendered_stories(path, out) == 1
    assert rendered_stories(path, out) == 0  # made again on main: the mark read before the comparison was stored
    with open_store(path, create=False) as store:
        stored = store.story_comparison("visit")
        assert stored is not None
        store.save_story_comparison("visit", stored[0], comparison_saying("双方随后讨论了关税。"))  # same fingerprint
    assert rendered_stories(path, out) == 1
