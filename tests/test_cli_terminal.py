"""Stored text printed by the CLI: Rich markup shown as written, terminal escapes never sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.cli.terminal import plain, shown
from newsmirror.model import Article, Story
from newsmirror.store import StoryMember, open_store

MARKUP_TITLE = "[link=file:///etc/passwd]点我看原文[/link][bold red]紧急[/]"
MARKUP_OUTLET = "[/]坏人报[blink]"


@pytest.mark.parametrize("text, expected", [
    ("标题\x1b[2J\x1b[31m红\x1b[0m", "标题红"),  # CSI: clear screen, colours
    ("前\x1b]0;假窗口标题\x07后", "前后"),  # OSC: window title
    ("\x1b]8;;file:///etc/passwd\x1b\\链接\x1b]8;;\x1b\\", "链接"),  # OSC 8 hyperlink
    ("a\x9b31mb\x07c\x00d\x7fe\x85f", "abcdef"),  # C1 CSI, BEL, NUL, DEL, NEL
    ("abc\u202edcba\u2066x", "abcdcbax"),  # bidirectional overrides
    ("第一段\n\n\t第二段\r\n", "第一段\n\n\t第二段\n"),  # layout stays
])
def test_plain_removes_escape_sequences_and_controls(text: str, expected: str) -> None:
    assert plain(text) == expected


def test_shown_escapes_rich_markup() -> None:
    from rich.console import Console

    console = Console(record=True, width=200, emoji=False)
    console.print(shown(MARKUP_TITLE + "\x1b[5m" + MARKUP_OUTLET))
    assert console.export_text().strip() == MARKUP_TITLE + MARKUP_OUTLET


def test_show_prints_stored_markup_as_text(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    article = Article(outlet=MARKUP_OUTLET, title=MARKUP_TITLE, original_url="https://example.org/[x]",
                      channel="[red]频道", authors=["[i]记者[/i]"], body_text="正文 [link=https://evil.example]点[/link]")
    with open_store(db) as store:
        store.upsert_article(article)
        story = Story(id="s1", title=MARKUP_TITLE)
        store.save_story(story, [StoryMember(article.id, story.id)])
    result = CliRunner().invoke(app, ["show", article.id, "--db", str(db)])
    assert result.exit_code == 0, result.output
    for text in (MARKUP_TITLE, MARKUP_OUTLET, "[red]频道", "[i]记者[/i]", "正文 [link=https://evil.example]点[/link]"):
        assert text in result.output, text
    listing = CliRunner().invoke(app, ["stories", "list", "--db", str(db), "--min-outlets", "1"])
    assert listing.exit_code == 0 and "[link=file:///etc/passwd]" in listing.output.replace("\n", "")


def test_errors_naming_user_input_are_shown_as_text(tmp_path: Path) -> None:
    from newsmirror.store import open_store

    open_store(tmp_path / "s.sqlite").close()  # reading commands refuse a store that does not exist
    result = CliRunner().invoke(app, ["show", "[/]x\x1b[2J", "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1 and "\x1b" not in result.output and "[/]x" in result.output


def test_import_prints_hostile_file_names_as_text(tmp_path: Path) -> None:
    posts = tmp_path / "archive/_posts"
    posts.mkdir(parents=True)
    (posts / "[red]x[blink] [link=file:x]y.md").write_text("not a post\x1b[2J", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "archive"), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1, result.output  # its one article file failed: every one (polish64)
    assert "[red]x[blink] [link=file:x]y.md" in result.output.replace("\n", "")


def test_the_workers_log_lines_send_no_escapes_a_hostile_error_carries(tmp_path: Path) -> None:
    """A job's error is logged with its exception's text (a server's reason phrase, an address): the worker's log handler
    wrote ESC ] 0 ; … BEL (a retitled window) and a bidi override to the terminal as they came (review58)."""
    import io
    import logging

    from rich.console import Console

    from newsmirror.cli.scaling import log_handler
    from newsmirror.errors import NewsmirrorError
    from newsmirror.jobs.worker import Worker, WorkerOptions

    def hostile(job: object, store: object) -> None:
        raise NewsmirrorError("HTTP 500 \x1b]0;pwned\x07服务器\x1b[2J错误 \u202egnp.exe")

    location = f"sqlite:{tmp_path / 'q.sqlite'}"
    with open_store(location) as store:
        store.enqueue_job("hostile", "k")
    written = io.StringIO()
    handler = log_handler(Console(file=written, force_terminal=True, width=300))
    logger = logging.getLogger("newsmirror.jobs.worker")
    logger.addHandler(handler)
    try:
        Worker(lambda: open_store(location), WorkerOptions(once=True, poll_seconds=0.01),
               handlers={"hostile": hostile}).run()  # type: ignore[dict-item]
    finally:
        logger.removeHandler(handler)
    said = written.getvalue()
    assert "服务器错误" in said and "gnp.exe" in said, said
    assert "\x1b]" not in said and "\x07" not in said and "\x1b[2J" not in said and "\u202e" not in said


def test_a_warning_of_a_command_that_sets_up_no_logging_reaches_stderr_without_escapes() -> None:
    """`fetch`, `run`, `import` and the rest set up no logging: what they log at WARNING reached stderr through Python's
    last-resort handler as it was (an address or a received store's name with ESC sequences or a bidi override).
    Run in a fresh interpreter: pytest's own log capture would otherwise take the record first."""
    import subprocess
    import sys

    code = ("import logging, newsmirror.cli\n"
            "logging.getLogger('newsmirror.anything').warning('前\\x1b]0;假标题\\x07%s', '后\\x1b[2J\\u202eexe')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "前后exe\n", repr(done.stderr)
