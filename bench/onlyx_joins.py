"""Every answer of the only-X check's "does this outlet name N" (``stories.compare._names_in``) on the stories of
only-X samples, recorded so that two trees' answers can be compared: what a change joins that the code did not
join before is read in the texts, as carefully as the claims it removes (sessions 36-37, onlyx41 and onlyx42).

    python3 bench/onlyx_joins.py record --root ARCHIVE --out ANSWERS.tsv [--letters A B ...]
    python3 bench/onlyx_joins.py diff OLD.tsv NEW.tsv

``record`` runs this tree's ``compare_story`` on every story of the samples (the same import as
``onlyx_audit.py score``) and writes one line per distinct question: sample story, outlet, name, answer (1 or 0).
``diff`` lists the questions two recordings answer differently (``+`` named now, ``-`` no longer named), to be
read in the stories' texts. ``ARCHIVE`` is the folder holding ``archived/<date>/`` (the whole export).
Held samples (K, and R while it is fresh) are not offered; O became tuning data in session 38, P in session 39, Q in
session 40.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.onlyx_audit import load  # noqa: E402

TUNING_SAMPLES = tuple(onlyx_samples.TUNING)
sample_file = onlyx_samples.path


def record(args: argparse.Namespace) -> None:
    import newsmirror.stories.compare as compare

    answers: dict[tuple[str, str, str], bool] = {}
    story_id = ""
    original: Callable[..., bool] = compare._names_in

    def recording(outlet: str, term: str, *rest: Any, **named: Any) -> bool:
        answer = original(outlet, term, *rest, **named)
        answers.setdefault((story_id, outlet, term), answer)
        return answer

    compare._names_in = recording  # type: ignore[assignment]
    # The question about a whole name a piece was cut from (session 37, onlyx42), recorded as "whole:NAME".
    whole_original: Callable[..., bool] | None = getattr(compare, "_whole_named_in", None)
    if whole_original is not None:
        asked_whole = whole_original

        def recording_whole(outlet: str, whole: str, *rest: Any) -> bool:
            answer = asked_whole(outlet, whole, *rest)
            answers.setdefault((story_id, outlet, f"whole:{whole}"), answer)
            return answer

        compare._whole_named_in = recording_whole  # type: ignore[attr-defined]
    # The question about another name written in the same place of a fact's sentences (session 38, onlyx43),
    # recorded as "place:NAME".
    place_original: Callable[..., bool] | None = getattr(compare, "_names_in_same_place", None)
    if place_original is not None:
        asked_place = place_original

        def recording_place(outlet: str, name: str, *rest: Any) -> bool:
            answer = asked_place(outlet, name, *rest)
            key = (story_id, outlet, f"place:{name}")
            answers[key] = answers.get(key, False) or answer  # asked once per fact: named in any of them
            return answer

        compare._names_in_same_place = recording_place  # type: ignore[attr-defined]
    for letter in args.letters:
        for story, articles in load(sample_file(letter), letter, args.root):
            story_id = story["id"]
            compare.compare_story(articles)
    with args.out.open("w", encoding="utf-8") as handle:
        for (story, outlet, term), answer in sorted(answers.items()):
            handle.write(f"{story}\t{outlet}\t{term}\t{int(answer)}\n")
    print(f"{len(answers)} questions, {sum(answers.values())} named", file=sys.stderr)


def _read(path: Path) -> dict[tuple[str, str, str], bool]:
    answers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        story, outlet, term, answer = line.split("\t")
        answers[(story, outlet, term)] = answer == "1"
    return answers


def diff(args: argparse.Namespace) -> None:
    old, new = _read(args.old), _read(args.new)
    changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    for story, outlet, term in changed:
        print(f"{'+' if new[(story, outlet, term)] else '-'} {story}\t{outlet}\t{term}")
    # A question only one tree asks (a change that asks about another name) is listed when it is answered yes.
    for story, outlet, term in sorted(k for k in new.keys() - old.keys() if new[k]):
        print(f"+ {story}\t{outlet}\t{term}\t(asked by the new tree only)")
    for story, outlet, term in sorted(k for k in old.keys() - new.keys() if old[k]):
        print(f"- {story}\t{outlet}\t{term}\t(asked by the old tree only)")
    print(f"{len(old.keys() & new.keys())} questions on both, {len(new.keys() - old.keys())} new only, "
          f"{len(old.keys() - new.keys())} old only; {sum(new[k] for k in changed)} newly named, "
          f"{sum(old[k] for k in changed)} no longer", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("--root", type=Path, required=True)
    recording.add_argument("--out", type=Path, required=True)
    recording.add_argument("--letters", nargs="+", choices=TUNING_SAMPLES, default=list(TUNING_SAMPLES))
    differing = commands.add_parser("diff")
    differing.add_argument("old", type=Path)
    differing.add_argument("new", type=Path)
    args = parser.parse_args()
    {"record": record, "diff": diff}[args.command](args)


if __name__ == "__main__":
    main()
