"""The only-X samples (``onlyx-sample*.toml``): which exist and what role each has, in one place.

Every bench tool that names samples reads this list (``mine_glosses``, ``mine_name_usage``, ``onlyx_audit``,
``onlyx_joins``, ``sitting``); before session 41 each wrote its own copy and every new sample edited five files.
A sample is drawn and judged in one session (fresh), scored once by the next session's lead, then tuning data.
"""

from __future__ import annotations

from pathlib import Path

DAYS = Path(__file__).resolve().parent

DRAWN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # every sample, in the order drawn (A and B share onlyx-sample.toml)
HELD = "K"  # drawn in session 31: scored by a session's lead only, never tuned on
FRESH = "Z"  # drawn and judged, scored by nobody until the next session's lead scores it once
TUNING = "".join(letter for letter in DRAWN if letter not in HELD + FRESH)
# The archive miners (glosses, name usage) leave out the files of every sample drawn from K on: the held one, the
# fresh one, and those that were fresh or held when a shipped table was mined (A-J were read by earlier builds).
MINED_WITHOUT = DRAWN[DRAWN.index("K"):]


def file_name(letter: str) -> str:
    """The file holding sample ``letter``'s stories."""
    if letter not in DRAWN:
        raise ValueError(f"no only-X sample {letter!r} (drawn: {DRAWN})")
    return "onlyx-sample.toml" if letter in "AB" else f"onlyx-sample-{letter.lower()}.toml"


def file_names(letters: str) -> tuple[str, ...]:
    """The files of samples ``letters``, each once, in order."""
    return tuple(dict.fromkeys(file_name(letter) for letter in letters))


def path(letter: str) -> Path:
    return DAYS / file_name(letter)


def judged_path(letter: str) -> Path:
    """The verdicts file of sample ``letter``: the held sample's and the fresh sample's verdicts live in files of their
    own, so that nobody searching or appending the tuning verdicts (onlyx-judged.toml) for a precedent reads them."""
    if letter not in DRAWN:
        raise ValueError(f"no only-X sample {letter!r} (drawn: {DRAWN})")
    if letter in HELD:
        return DAYS / "onlyx-judged-held.toml"
    if letter in FRESH:
        return DAYS / "onlyx-judged-fresh.toml"
    return DAYS / "onlyx-judged.toml"
