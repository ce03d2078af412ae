"""The CLI's start-up is proportional to what a command uses: every command (even `--help`)
imports ``newsmirror.cli``, so that module imports nothing heavy that only one command needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import newsmirror

SRC = str(Path(newsmirror.__file__).resolve().parents[1])


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                          capture_output=True, text=True, check=True, env=env)
    return set(done.stdout.split())


def _modules_after_command_on_empty_store(db: str, args: list[str], check: str) -> set[str]:
    """The modules loaded once a command ran on a new, empty store: ``check``, a Python expression over
    ``result`` (the CliRunner's), must hold."""
    return _modules_after(
        "from newsmirror.store import open_store\n"
        f"open_store({db!r}).close()\n"
        "from typer.testing import CliRunner\n"
        "from newsmirror.cli import app\n"
        f"result = CliRunner().invoke(app, {[*args, '--db', db]!r})\n"
        f"assert {check}, result.output\n"
    )


def test_the_cli_does_not_import_extraction_to_start() -> None:
    # newsmirror.extract (trafilatura, numpy, bs4) took 0.5 s of the 1.0 s of `newsmirror --help`;
    # only `show --markdown` renders Markdown from HTML.
    loaded = _modules_after("import newsmirror.cli")
    assert "newsmirror.cli.stories" in loaded  # every command registered
    assert not {"newsmirror.extract", "trafilatura", "numpy", "bs4"} & loaded


def test_grouping_nothing_new_does_not_load_the_grouping_model(tmp_path: Path) -> None:
    # `stories group` runs after every fetch and usually finds nothing new: it answered in 0.85 s, of which
    # 0.44 s imported the clusterer (jieba, the word vectors) it then did not use.
    db = f"sqlite:{tmp_path / 'empty.sqlite'}"
    # An empty store: nothing new either.
    loaded = _modules_after_command_on_empty_store(db, ["stories", "group"], "'nothing to group' in result.output")
    assert "newsmirror.jobs.grouping" in loaded  # it did take the grouping lease
    assert not {"newsmirror.stories.cluster", "jieba", "rjieba"} & loaded


def test_commands_that_read_a_store_load_no_converter(tmp_path: Path) -> None:
    # Every command that opens a SQLite store imports the search key (store -> text.search_key ->
    # text.script): numpy and OpenCC were loaded there, most of `newsmirror stats`'s start-up
    # (0.49 -> 0.35 s), though only a search key or a script check uses them.
    db = f"sqlite:{tmp_path / 'empty.sqlite'}"
    loaded = _modules_after_command_on_empty_store(db, ["stats"], "result.exit_code == 0 and 'articles' in result.output")
    assert "newsmirror.store.sqlite" in loaded
    assert not {"numpy", "opencc", "feedgen", "lxml"} & loaded


def test_the_converter_loads_when_a_key_is_first_needed() -> None:
    # ... and a key computed after that first lazy import is the key (OpenCC t2s, numpy script check).
    loaded = _modules_after(
        "from newsmirror.text.search_key import search_key\n"
        "assert search_key('馬朝旭說') == '马朝 朝旭 旭说 说', search_key('馬朝旭說')\n"
    )
    assert {"numpy", "opencc"} <= loaded


def test_show_loads_extraction_only_to_render_markdown(tmp_path: Path) -> None:
    # `show ID` printed the stored text but imported the extraction package (~0.4 s) first, for
    # the Markdown only `--markdown` renders.
    db = str(tmp_path / "s.sqlite")
    setup = (
        "from newsmirror.model import Article\n"
        "from newsmirror.store import open_store\n"
        "article = Article(outlet='中央社', title='標題', original_url='https://example.org/1',\n"
        "                  body_html='<p>第一段<b>粗</b></p>', body_text='第一段粗')\n"
        f"with open_store({db!r}) as store:\n"
        "    store.upsert_article(article)\n"
        "from typer.testing import CliRunner\n"
        "from newsmirror.cli import app\n"
    )
    loaded = _modules_after(setup + f"result = CliRunner().invoke(app, ['show', article.id, '--db', {db!r}])\n"
                                    "assert result.exit_code == 0 and '第一段粗' in result.output, result.output\n")
    assert "newsmirror.cli" in loaded and "newsmirror.extract" not in loaded
    loaded = _modules_after(setup + f"result = CliRunner().invoke(app, ['show', article.id, '--markdown', '--db', {db!r}])\n"
                                    "assert result.exit_code == 0 and '第一段**粗**' in result.output, result.output\n")
    assert "newsmirror.extract" in loaded
