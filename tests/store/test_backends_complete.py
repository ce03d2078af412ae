"""Every backend implements the whole Store interface: no abstract method left open, and no
method still answering with the base class's NotImplementedError placeholder.

A method missing on one backend (as ``unassigned_article_ids`` once was on PostgreSQL, which
made ``stories group`` crash there) fails here, whether or not a PostgreSQL server is available:
this test only inspects the classes.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable

import pytest

from newsmirror.store.base import Store
from newsmirror.store.postgres import PostgresStore
from newsmirror.store.sqlite import SQLiteStore

BACKENDS: list[type[Store]] = [SQLiteStore, PostgresStore]


def _concrete_subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    for sub in cls.__subclasses__():
        if not inspect.isabstract(sub) and sub.__module__.startswith("newsmirror."):
            found.add(sub)
        found |= _concrete_subclasses(sub)
    return found


def _raises_not_implemented(function: Callable[..., object]) -> bool:
    """True when the function's body raises NotImplementedError (a placeholder, not an answer)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name) and target.id == "NotImplementedError":
                return True
    return False


def _interface() -> list[str]:
    """Store's public methods: the abstract ones and those whose base body is a placeholder."""
    names = []
    for name, member in vars(Store).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        if getattr(member, "__isabstractmethod__", False) or _raises_not_implemented(member):
            names.append(name)
    return sorted(names)


def test_the_interface_is_found() -> None:
    names = _interface()
    # The introspection must see the methods this test exists for, or it would prove nothing.
    for expected in ("search", "count_search", "unassigned_article_ids", "claim_jobs", "upsert_article"):
        assert expected in names


def test_every_concrete_backend_is_checked() -> None:
    assert _concrete_subclasses(Store) == set(BACKENDS)


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
def test_backend_implements_every_store_method(backend: type[Store]) -> None:
    assert not inspect.isabstract(backend), f"abstract: {sorted(backend.__abstractmethods__)}"
    missing = []
    for name in _interface():
        implementation = getattr(backend, name)
        if implementation is vars(Store)[name] or _raises_not_implemented(implementation):
            missing.append(name)
    assert not missing, f"{backend.__name__} does not implement: {', '.join(missing)}"


def test_the_check_catches_a_missing_method() -> None:
    # A backend that leaves one placeholder in place must be reported.
    class Incomplete(SQLiteStore):
        def count_search(self, query: object) -> int:
            raise NotImplementedError("not yet")

    assert _raises_not_implemented(Incomplete.count_search)
    assert _raises_not_implemented(vars(Store)["due_checks"])
