"""The only-X samples (``onlyx-sample*.toml``): which exist and what role each has, in one place.

Every bench tool that names samples reads this list (``mine_glosses``, ``mine_name_usage``, ``onlyx_audit``,
``onlyx_joins``, ``sitting``); before session 41 each wrote its own copy and every new sample edited five files.
A sample is drawn and judged in one session (fresh), scored once by the next session's lead, then tuning data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

DAYS = Path(__file__).resolve().parent

# A sample's name is a string of capital letters: A-Z, then AA, AB, ... (``name_after``), as spreadsheet columns
# go; its stories' ids are the name and a number (Z01, AA01), its file onlyx-sample-<name in small letters>.toml.
# The lists are tuples of names (until session 48 they were strings of one letter each, which a name of two letters
# would have broken: "AB" in "AB" is True, "AA"[0] is "A").
DRAWN = (*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR", "AS", "AT", "AU", "AV", "AW", "AX", "AY", "AZ", "BA")  # every sample, in the order drawn (A and B share onlyx-sample.toml)
HELD = ("K",)  # drawn in session 31: scored by a session's lead only, never tuned on
FRESH: tuple[str, ...] = ("BA",)  # drawn and judged, scored by nobody until the next session's lead scores it once
TUNING = tuple(name for name in DRAWN if name not in HELD + FRESH)
# The archive miners (glosses, name usage) leave out the files of every sample drawn from K on: the held one, the
# fresh one, and those that were fresh or held when a shipped table was mined (A-J were read by earlier builds).
MINED_WITHOUT = DRAWN[DRAWN.index("K"):]
_NAME = re.compile(r"[A-Z]+")


def name_after(name: str) -> str:
    """The name the next sample drawn after ``name`` takes: B after A, AA after Z, AB after AA, BA after AZ."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"a sample's name is capital letters, not {name!r}")
    head, last = name[:-1], name[-1]
    if last != "Z":
        return head + chr(ord(last) + 1)
    return (name_after(head) if head else "A") + "A"


def spelled(names: Iterable[str]) -> str:
    """Samples as tools print them: ABC while every name is one letter (as before session 48), else A,B,AA."""
    names = tuple(names)
    return "".join(names) if all(len(name) == 1 for name in names) else ",".join(names)


def names_of(given: str) -> tuple[str, ...]:
    """Samples named on a command line (``sitting.py samples --letters``): ``A,B,AA`` or ``A B AA``, or, as before
    session 48, a run of one-letter names (``ABC``); a run that is itself a drawn name (``AA``) is that sample.
    Each must be drawn."""
    parts = tuple(part for part in re.split(r"[,\s]+", given.strip()) if part)
    if len(parts) == 1 and parts[0] not in DRAWN:
        parts = tuple(parts[0])
    for name in parts:
        _check(name)
    return parts


def sample_of(story_id: str) -> str:
    """The sample a story id (Z01, AA01) or a verdict's ``story`` belongs to."""
    return story_id.rstrip("0123456789")


def _check(name: str) -> None:
    if name not in DRAWN:
        raise ValueError(f"no only-X sample {name!r} (drawn: {spelled(DRAWN)})")


def file_name(name: str) -> str:
    """The file holding sample ``name``'s stories."""
    _check(name)
    return "onlyx-sample.toml" if name in ("A", "B") else f"onlyx-sample-{name.lower()}.toml"


def file_names(names: Iterable[str]) -> tuple[str, ...]:
    """The files of samples ``names``, each once, in order."""
    return tuple(dict.fromkeys(file_name(name) for name in names))


def path(name: str) -> Path:
    return DAYS / file_name(name)


def judged_path(name: str) -> Path:
    """The verdicts file of sample ``name``: the held sample's and the fresh sample's verdicts live in files of their
    own, so that nobody searching or appending the tuning verdicts (onlyx-judged.toml) for a precedent reads them."""
    _check(name)
    if name in HELD:
        return DAYS / "onlyx-judged-held.toml"
    if name in FRESH:
        return DAYS / "onlyx-judged-fresh.toml"
    return DAYS / "onlyx-judged.toml"
