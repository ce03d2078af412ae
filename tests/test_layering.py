"""Data flows one way: a stage never imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsmirror"

# Earlier stages first. model/errors/settings/config are the shared foundation;
# jobs (orchestration across stages) and cli sit on top of everything.
ORDER = ["text", "fetch", "ingest", "extract", "store", "stories", "publish", "web", "jobs", "cli"]
FOUNDATION = {"model", "errors", "settings", "config", "__init__", "__main__"}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "newsmirror" or len(parts) < 2:
        return None
    return parts[1]


def test_no_stage_imports_a_later_stage() -> None:
    violations = []
    for path in PACKAGE.rglob("*.py"):
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if own in FOUNDATION or own not in ORDER:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                target = stage_of(name)
                if target in ORDER and ORDER.index(target) > ORDER.index(own):
                    violations.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not violations, "later-stage imports:\n" + "\n".join(violations)


def test_foundation_imports_no_stage() -> None:
    for name in ("model", "errors", "settings"):
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert stage_of(node.module) not in ORDER, f"{name}.py imports {node.module}"
