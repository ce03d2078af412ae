"""SIGTERM (`systemctl stop`, `kill`) stops an import as Ctrl-C does: the same line, a non-zero end, what was stored
kept, and the next run resumes. Ctrl-C and `systemctl stop` signal the whole process group: the pool's workers
stay quiet. Each case is a real process that signals itself once its second batch is stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fixtures_archives import NAN_POST, write

SRC = Path(__file__).resolve().parent.parent / "src"
LINE = "interrupted: everything stored so far is kept; run the command again to resume."
POSTS = 20
BATCH = 4

# Batches of 4 and a pool from the first file, so a few files make several batches; the signal goes out after the
# second batch is stored (to this process, or to its group as a terminal's Ctrl-C and systemd's stop do).
IMPORT = f"""
import os, signal, sys
import newsmirror.jobs.importing as importing
importing.BATCH, importing.POOL_THRESHOLD = {BATCH}, 1
finish, stored = importing._finish_batch, []
how, number = sys.argv[1], getattr(signal, sys.argv[2])
def finish_then_signal(*args, **kwargs):
    finish(*args, **kwargs)
    stored.append(1)
    if len(stored) == 2:
        os.killpg(os.getpgid(0), number) if how == "group" else os.kill(os.getpid(), number)
importing._finish_batch = finish_then_signal
from newsmirror.cli import app
sys.argv = ["newsmirror", "import", *sys.argv[3:]]
app()
"""


def archive(root: Path) -> Path:
    for n in range(POSTS):
        write(root, f"_posts/2024-03-02-{n}.md", NAN_POST.replace("story20240302-1", f"story20240302-{n}")
              .replace("两地举行会谈", f"两地举行第{n}次会谈"))
    return root


def articles(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def stopped_import(tmp_path: Path, how: str, name: str, workers: int) -> subprocess.CompletedProcess[str]:
    db = tmp_path / "s.sqlite"
    command = [sys.executable, "-c", IMPORT, how, name, str(archive(tmp_path / "archive")), "--db", str(db),
               "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    # A session of its own: the group signal reaches the import and its workers, never pytest.
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, start_new_session=True)


def test_sigterm_stops_an_import_as_ctrl_c_does_and_the_next_run_resumes(tmp_path: Path) -> None:
    ended = stopped_import(tmp_path, "self", "SIGTERM", 0)
    assert LINE in ended.stderr, ended.stderr
    assert ended.returncode == -signal.SIGTERM  # ended by SIGTERM: a shell sees 143, systemd a stopped unit
    assert "Traceback" not in ended.stderr
    assert articles(tmp_path / "s.sqlite") == 2 * BATCH  # the two stored batches, none of the third
    again = subprocess.run([sys.executable, "-m", "newsmirror", "import", str(tmp_path / "archive"),
                            "--db", str(tmp_path / "s.sqlite")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert again.returncode == 0, again.stderr
    assert articles(tmp_path / "s.sqlite") == POSTS


@pytest.mark.parametrize("name, code", [("SIGTERM", -signal.SIGTERM), ("SIGINT", 130)])
def test_a_signal_to_the_whole_group_leaves_the_pool_s_workers_quiet(tmp_path: Path, name: str, code: int) -> None:
    ended = stopped_import(tmp_path, "group", name, 2)
    assert ended.returncode == code, ended.stderr
    assert ended.stderr.strip().splitlines()[-1] == LINE and "Traceback" not in ended.stderr, ended.stderr
    assert articles(tmp_path / "s.sqlite") == 2 * BATCH


@pytest.mark.parametrize("name, code", [("SIGTERM", -signal.SIGTERM), ("SIGINT", 130)])
def test_the_reader_stops_as_uvicorn_does_and_says_so_as_a_reader(tmp_path: Path, name: str, code: int) -> None:
    """`serve` keeps SIGTERM's default under uvicorn (a graceful shutdown, then the signal), not the import's line:
    raised inside uvicorn's event loop, that handler was swallowed and the reader ended with status 0. Ctrl-C (SIGINT)
    says "reader stopped": a reader stores nothing, and the import's "everything stored so far is kept" read oddly."""
    import socket
    import time
    from urllib.request import urlopen

    from newsmirror.store import open_store

    open_store(tmp_path / "s.sqlite").close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    reader = subprocess.Popen([sys.executable, "-m", "newsmirror", "serve", "--db", str(tmp_path / "s.sqlite"),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)})
    try:
        # Until the reader answers (60 s at most, a hang guard): 200 tries of 0.1 s fell through silently when a loaded
        # machine started the reader later, and the signal then came during its start, not to a running reader.
        deadline = time.monotonic() + 60
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/", timeout=5):  # noqa: S310 - our own reader
                    break
            except OSError:
                assert reader.poll() is None and time.monotonic() < deadline, "the reader did not start"
                time.sleep(0.1)
        reader.send_signal(getattr(signal, name))
        _, err = reader.communicate(timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == code and LINE not in err and "Traceback" not in err, err
    if name == "SIGINT":
        assert err.strip().splitlines()[-1] == "reader stopped.", err


def test_stories_group_stopped_while_comparing_says_how_to_finish(
        cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # polish64: Ctrl-C while `stories group` compared said "run the command again to resume", but every article was
    # grouped by then, so the second run said "every article is already in a story" and compared none of the rest.
    from typer.testing import CliRunner

    import newsmirror.jobs.grouping as grouping
    from newsmirror.cli import app
    from tests.fixtures_archives import make_archive

    assert CliRunner().invoke(app, ["import", str(make_archive(tmp_path / "archive"))]).exit_code == 0

    def grouped_then_stopped(*args: object, compare_progress: Callable[[int, int], None], **kwargs: object) -> None:
        compare_progress(0, 5)
        compare_progress(2, 5)
        raise KeyboardInterrupt

    monkeypatch.setattr(grouping, "group_articles", grouped_then_stopped)
    ended = CliRunner().invoke(app, ["stories", "group"])
    assert ended.exit_code == 130, ended.output
    said = " ".join(ended.stderr.split())
    assert ("interrupted: everything stored so far is kept; every article is grouped and 2 of 5 stories are "
            "compared: `newsmirror stories compare` compares the rest.") in said
    assert "run the command again" not in said

    def stopped_grouping(*args: object, progress: Callable[[int, int], None], **kwargs: object) -> None:
        progress(1, 3)
        raise KeyboardInterrupt

    monkeypatch.setattr(grouping, "group_articles", stopped_grouping)
    ended = CliRunner().invoke(app, ["stories", "group"])
    assert ended.exit_code == 130 and LINE in " ".join(ended.stderr.split()), ended.output  # grouping: run it again
