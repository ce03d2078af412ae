"""The README's set-up command works on a stock Debian 12: its system Python refuses `pip install`
(externally-managed-environment), so the command makes a virtual environment first, and the
README names what that needs and the Python the package requires."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_setup_installs_into_a_virtual_environment_and_names_what_it_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up")[1].split("\n## ")[0]
    first_block = setup.split("```sh\n")[1].split("```")[0]
    assert first_block.index("python3 -m venv") < first_block.index("pip install")
    assert "python3-venv" in setup and "externally-managed-environment" in setup
    required = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    version = re.fullmatch(r">=(\d+\.\d+)", required)
    assert version is not None and f"Python {version.group(1)} or newer" in setup


def test_the_dev_extra_has_the_client_the_installed_test_client_imports() -> None:
    # Starlette 1.x's TestClient imports httpx2 and, finding only httpx, warns (StarletteDeprecationWarning) in
    # every test module of the reader: the suite's one warning source. Read, not imported: importing warns.
    import importlib.util

    spec = importlib.util.find_spec("starlette.testclient")
    assert spec is not None and spec.origin is not None
    wants_httpx2 = re.search(r"^\s*import httpx2\b", Path(spec.origin).read_text(encoding="utf-8"), re.M)
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["dev"]
    assert bool(wants_httpx2) == any(re.match(r"httpx2\b", requirement) for requirement in dev)


def test_the_first_build_example_is_a_trial_that_downloads_no_image() -> None:
    # The first `build` of the README (polish65) fetched every article's images from the outlets: minutes of
    # downloads, and on a machine without a network 1,433 skipped and a "no network?" hint, for a first try.
    import typer.main

    from newsmirror.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = next(line for line in readme.splitlines() if line.startswith("newsmirror build"))
    command = first.split("#")[0]
    assert "--no-images" in command.split()
    build = typer.main.get_command(app).commands["build"]  # type: ignore[attr-defined]  # a click Group
    known = {option for param in build.params for option in param.opts}
    assert set(re.findall(r"--?[a-z][a-z-]*", command.removeprefix("newsmirror build"))) <= known
