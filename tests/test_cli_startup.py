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


def test_the_cli_does_not_import_extraction_to_start() -> None:
    # newsmirror.extract (trafilatura, numpy, bs4) took 0.5 s of the 1.0 s of `newsmirror --help`;
    # only `show --markdown` renders Markdown from HTML.
    loaded = _modules_after("import newsmirror.cli")
    assert "newsmirror.cli.stories" in loaded  # every command registered
    assert not {"newsmirror.extract", "trafilatura", "numpy", "bs4"} & loaded
