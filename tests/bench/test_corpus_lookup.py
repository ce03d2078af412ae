"""The bench scripts find the corpus as the package does ($NEWSMIRROR_CORPUS, else ../shared/corpus), and say
where they looked when it is missing (they read ../shared/corpus only, whatever the variable said)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from tests.fixtures_archives import make_archive

REPO = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str, env_corpus: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSMIRROR_CORPUS": str(env_corpus), "PYTHONPATH": ""}
    return subprocess.run([sys.executable, str(REPO / "bench" / script), *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_the_variable_names_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path))
    assert corpus.find_corpus() == corpus.require_corpus() == tmp_path.absolute()
    assert corpus.require_corpus(tmp_path / ".") == tmp_path / "."  # --corpus wins
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path / "missing"))
    with pytest.raises(SystemExit, match=r"looked for it at .*missing \(\$NEWSMIRROR_CORPUS names it\)"):
        corpus.require_corpus()
    with pytest.raises(SystemExit, match="--corpus .*nope is not a folder"):
        corpus.require_corpus(tmp_path / "nope")


@pytest.mark.parametrize("script", ["bench_import.py", "ingest_bench.py", "stories_eval.py"])
def test_a_missing_corpus_is_said_not_replaced(script: str, tmp_path: Path) -> None:
    done = _run(script, env_corpus=tmp_path / "missing")
    assert done.returncode == 1, done.stdout
    assert f"the shared corpus is missing: looked for it at {tmp_path / 'missing'}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_import_bench_reads_the_corpus_the_variable_names(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "tiny")
    done = _run("bench_import.py", "--repeat", "1", env_corpus=archive)
    assert done.returncode == 0, done.stderr
    table = " ".join(done.stdout.split())
    assert "import benchmark (tiny)" in table and "first import │ 7 │ 3 │" in table
