"""Which texts an OpenCC conversion leaves as they are, told without running it.

OpenCC writes each piece of a text that matches a dictionary key as the key's first value and copies
every other character, step after step of its configuration (normalization, then the conversion
chain). So a text in which no key of a changing entry (first value different from the key) occurs is
returned unchanged by every step, whatever the segmentation. ``unchanged`` tests exactly that: a
character of every changing single-character key, or of a longer key holding one, by one table look-up
per character; the few changing longer keys without such a character, as substrings. Most Simplified
reports hold neither, and converting one (``t2s``, a tenth of grouping a report) is then skipped.

The entries are read from the installed OpenCC's own dictionaries (its ``opencc_dict`` tool writes
them as text), so the test follows whatever OpenCC is installed; when they cannot be read (no tool, a
dictionary type it does not know), ``unchanged`` answers False and callers convert as before.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import opencc

_CODE_POINTS = 0x110000

_MARKED, _CHANGING = 1, 2  # a code point's entry in the table: marks a longer key, is a changing key
# (the table, the longer keys by their marked character, each with where in it that character is)
Changers = tuple[np.ndarray, dict[str, tuple[tuple[str, int], ...]]]


def _leaves(node: object) -> list[dict[str, str]]:
    """The dictionaries a configuration names (each step's, groups opened), in order."""
    if isinstance(node, dict):
        if node.get("type") == "group":
            return [leaf for child in node.get("dicts", []) for leaf in _leaves(child)]
        if "file" in node:
            return [node]
        return [leaf for value in node.values() for leaf in _leaves(value)]
    if isinstance(node, list):
        return [leaf for value in node for leaf in _leaves(value)]
    return []


def _entries(leaf: dict[str, str], folder: Path, tool: str | None, scratch: Path) -> list[tuple[str, str]] | None:
    """(key, first value) of each entry of one dictionary, or None when it cannot be read."""
    path = Path(leaf["file"])
    path = path if path.is_absolute() else folder / path
    kind = leaf.get("type")
    if kind == "ocd2" and tool is not None:
        text_path = scratch / (path.name + ".txt")
        done = subprocess.run([tool, "-i", str(path), "-o", str(text_path), "-f", "ocd2", "-t", "text"],
                              capture_output=True, timeout=60, check=False)
        if done.returncode != 0 or not text_path.is_file():
            return None
    elif kind == "text":
        text_path = path
    else:
        return None
    entries = []
    for line in text_path.read_text(encoding="utf-8").splitlines():
        key, tab, values = line.partition("\t")
        if not tab or not key or not values:
            return None  # not the layout this reads: no shortcut rather than a wrong one
        entries.append((key, values.split(" ")[0]))
    return entries


@cache
def _changing(config: str) -> tuple[tuple[str, str], ...] | None:
    """(key, first value) of every changing entry of the OpenCC configuration ``config`` (a name such as
    ``t2s``), every step's; None when its dictionaries cannot be read."""
    try:
        path = Path(opencc.OpenCC(config).config)
        steps = json.loads(path.read_text(encoding="utf-8"))
        leaves = _leaves([steps.get("normalization", []), steps.get("conversion_chain", [])])
        bundled = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
        tool = str(bundled) if bundled.is_file() else shutil.which("opencc_dict")
        changing: list[tuple[str, str]] = []
        with tempfile.TemporaryDirectory(prefix="newsmirror-opencc-scan-") as scratch:
            for leaf in leaves:
                entries = _entries(leaf, path.parent, tool, Path(scratch))
                if entries is None:
                    return None
                changing += [(key, value) for key, value in entries if key != value]
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return tuple(changing)


@cache
def changers(config: str) -> Changers | None:
    """The changing keys of ``config``, as ``unchanged`` tests them; None when its dictionaries
    cannot be read."""
    changing = _changing(config)
    if not changing:
        return None
    single = {key for key, _ in changing if len(key) == 1}
    # A longer key holding a changing character is found by it; each other longer key is looked for
    # whole, only where its marked character stands: the first one its value changes (沈 of 深沈 -> 深沉;
    # any of its characters would be exact).
    longer: dict[str, list[tuple[str, int]]] = {}
    for key, value in sorted(set(changing)):
        if len(key) > 1 and single.isdisjoint(key):
            at = next((i for i, (a, b) in enumerate(zip(key, value, strict=False)) if a != b), 0)
            longer.setdefault(key[at], []).append((key, at))
    table = np.zeros(_CODE_POINTS, dtype=np.uint8)
    table[[ord(char) for char in longer]] = _MARKED
    table[[ord(char) for char in single]] = _CHANGING
    return table, {char: tuple(keys) for char, keys in longer.items()}


def unchanged(text: str, config: str) -> bool:
    """True only when OpenCC's ``config`` surely returns ``text`` as it is (no changing key occurs in
    it); False when one may, or when the dictionaries could not be read."""
    found = changers(config)
    if found is None:
        return False
    table, longer = found
    try:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: let OpenCC decide
        return False
    kinds = table.take(points)
    most = int(kinds.max()) if len(kinds) else 0
    if most == _CHANGING:
        return False
    if most == _MARKED:  # does a longer key stand around one of the (few) marked characters?
        for at in np.flatnonzero(kinds == _MARKED).tolist():
            for key, offset in longer[text[at]]:
                start = at - offset
                if start >= 0 and text.startswith(key, start):
                    return False
    return True


@cache
def _movers(config: str) -> np.ndarray | None:
    """Per code point: whether it stands where a changing entry of ``config`` writes another character
    (a key's character its value replaces); None when an entry changes the length (a position of the
    output is then not the same position of the input) or the dictionaries cannot be read."""
    changing = _changing(config)
    if changing is None or any(len(key) != len(value) for key, value in changing):
        return None
    table = np.zeros(_CODE_POINTS, dtype=bool)
    table[[ord(a) for key, value in changing for a, b in zip(key, value, strict=True) if a != b]] = True
    return table


def most_changed(text: str, config: str) -> int | None:
    """An upper bound on the positions where OpenCC's ``config`` output differs from ``text`` (what
    ``script._differing`` counts): every entry keeps the length, so a position changes only if it holds a
    character some entry replaces. None when no bound is known."""
    table = _movers(config)
    if table is None:
        return None
    try:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None
    return int(np.count_nonzero(table.take(points)))
