"""What the reader of another name (``compare.ONE_OTHER_NAME_EACH`` with ``EVERY_PROPER_NOUN``) costs the comparison:
each story of some tuning only-X samples compared with the reader off and on, alternately, in one process (so both
see the same load), process CPU time summed per setting. A warm-up comparison of each story first (memos filled).
``--switch``: another of ``compare``'s switches measured so (session 74, latin74: ``LATIN_NEAR_FORMS``).

    PYTHONPATH=src python3 bench/onlyx73_speed.py --root <waimei-full> --letters A,B,C [--rounds 3] [--switch NAME]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.onlyx_audit import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True, help="the whole archive export (archived/, _posts/)")
    parser.add_argument("--letters", default="A,B,C", help="tuning samples, A,B,AA")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--switch", default="ONE_OTHER_NAME_EACH", help="the compare switch turned off and on")
    args = parser.parse_args()
    import newsmirror.stories.compare as compare

    if not isinstance(getattr(compare, args.switch, None), bool):
        raise SystemExit(f"{args.switch}: no switch of compare")

    stories = []
    for letter in onlyx_samples.names_of(args.letters):
        if letter not in onlyx_samples.TUNING:
            raise SystemExit(f"{letter}: not a tuning sample")
        stories.extend(articles for _story, articles in load(onlyx_samples.path(letter), letter, args.root))
    for articles in stories:  # warm-up
        compare.compare_story(articles)
    spent = {False: 0.0, True: 0.0}
    for _round in range(args.rounds):
        for setting in (False, True):
            setattr(compare, args.switch, setting)
            started = time.process_time()
            for articles in stories:
                compare.compare_story(articles)
            spent[setting] += time.process_time() - started
    off, on = spent[False], spent[True]
    print(f"{len(stories)} stories, {args.rounds} rounds, {args.switch}: off {off:.2f} s, on {on:.2f} s CPU ({on / off - 1:+.1%})")


if __name__ == "__main__":
    main()
