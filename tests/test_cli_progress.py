"""Progress lines when stderr is no terminal, and the empty-import warning."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.cli.progress import StageProgress, progress_line
from newsmirror.jobs.importing import import_paths
from newsmirror.store import open_store


def test_a_line_every_interval_with_count_rate_and_eta() -> None:
    now = [100.0]
    stream = io.StringIO()
    with StageProgress("importing", Console(file=io.StringIO()), unit="files", interval=10, stream=stream,
                       clock=lambda: now[0], terminal=False) as progress:
        for done, at in [(50, 105.0), (100, 110.0), (150, 115.0), (400, 121.0)]:
            now[0] = at
            progress.update(done, 1000)
        now[0] = 130.0
        progress.update(1000, 1000)
    lines = stream.getvalue().splitlines()
    # One line at 10 s, one at 21 s, one at 30 s (the last update) and the closing line.
    assert lines[0] == "importing: 100/1,000 files (10%), 10/s, about 1m 30s left"
    assert lines[1].startswith("importing: 400/1,000 files (40%), 19/s, about ")
    assert lines[-1] == "importing: 1,000/1,000 files (100%), 33/s, done in 30s"
    assert len(lines) == 3


def test_the_time_left_is_counted_from_the_first_item_done_not_from_the_start_up() -> None:
    # An import of a 196-file day: its worker processes took 10 s to start, then read every file in 2-3 s; counted
    # from the start, the first line said "about 37m 47s left".
    now = [0.0]
    stream = io.StringIO()
    with StageProgress("importing", Console(file=io.StringIO()), unit="files", interval=10, stream=stream,
                       clock=lambda: now[0], terminal=False) as progress:
        for done, at in [(1, 10.0), (100, 15.0), (150, 20.0)]:
            now[0] = at
            progress.update(done, 196)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "importing: 1/196 files (1%), 0/s"  # no pace yet: no estimate
    assert lines[1] == "importing: 150/196 files (77%), 8/s, about 3s left"  # 149 files in the 10 s since the first


def test_a_terminal_gets_a_bar_and_no_lines() -> None:
    stream = io.StringIO()
    with StageProgress("building", Console(file=io.StringIO()), interval=0, stream=stream,
                       terminal=True) as progress:
        progress.update(5, 10)
    assert stream.getvalue() == ""


def test_a_long_chinese_file_name_never_hides_how_far_the_bar_got() -> None:
    """On an 80-column terminal the detail (a Chinese file name: two cells a character) took the whole line, and
    the bar showed "import… <name>" without its count, bar or time left."""
    for width in (80, 60):
        screen = io.StringIO()
        with StageProgress("importing", Console(file=screen, width=width, force_terminal=True, color_system=None),
                           unit="files") as progress:
            progress.update(5888, 59242, "archived/2020-08-06/2020-08-06-台湾开放陆生入境政策大转弯，陆生可望返台复学 .md")
            assert progress._bar is not None
            progress._bar.refresh()
        frame = screen.getvalue().split("\r\x1b[2K")[-1]
        assert "importing" in frame and "5888/59242" in frame and "━" in frame


def test_progress_line_without_a_total() -> None:
    assert progress_line("grouping", 30, None, 3.0, "articles") == "grouping: 30 articles, 10/s"


def test_a_phase_with_nothing_in_it_says_so() -> None:
    # `build` off a terminal on 2020-10-28 wrote "building, story pages and listings (jekyll): 0, 0/s": the Jekyll
    # output has no story pages, and a known total of 0 was written as an unknown one.
    now = [0.0]
    stream = io.StringIO()
    with StageProgress("building", Console(file=io.StringIO()), interval=10, stream=stream, clock=lambda: now[0],
                       terminal=False) as progress:
        progress.phase(0, 2, "story pages and listings (pagemirror)")
        now[0] = 1.0
        progress.phase(2, 2, "story pages and listings (pagemirror)")
        progress.phase(0, 0, "story pages and listings (jekyll)")
        now[0] = 2.0
        progress.phase(1, 1, "history pages")
    lines = stream.getvalue().splitlines()
    # Phases over in less than the interval write nothing since polish65, this one neither; its line would say:
    assert not any(line.endswith(": 0, 0/s") for line in lines), lines
    assert progress_line("grouping", 0, 0, 3.0) == "grouping: nothing to do"


def test_importing_an_empty_folder_or_one_without_articles_warns(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "README.md").write_text("# notes\n", encoding="utf-8")
    (notes / "list.txt").write_text("a\n", encoding="utf-8")
    with open_store(tmp_path / "s.sqlite") as store:
        assert "empty" in import_paths(store, [tmp_path / "empty"]).warning
        warning = import_paths(store, [notes]).warning
        assert "no article files found among 2 files" in warning and "README" in warning
    result = CliRunner().invoke(app, ["import", str(tmp_path / "empty"), "--db", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0 and "warning" in result.output and "empty" in result.output
