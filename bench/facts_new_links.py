"""The links a comparison change makes and drops, for reading (tuning fact files only).

Judged precision sees only units that a fact quote covers; a recall change mostly links others, so
its new links are read. ``dump`` writes every link between units of two outlets that the current
tree's ``compare_story`` puts in one fact, for the stories of the fact files; ``diff`` counts the
links of one dump not in the other and prints a random draw of them (fixed seed: draw before
reading, as the rules of bench/days_results.md ask).

    PYTHONPATH=src python3 bench/facts_new_links.py dump --days ARCHIVED --out BEFORE.json   # on main
    PYTHONPATH=src python3 bench/facts_new_links.py dump --days ARCHIVED --out AFTER.json    # on the branch
    python3 bench/facts_new_links.py diff BEFORE.json AFTER.json --draw 20 --seed 19

Test files (bench/days/test/) and the fresh files are refused.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

Link = tuple[str, str, str, str, str, str]  # fact file, story, outlet, unit text, outlet, unit text


def dump(facts: list[Path], days: Path) -> list[Link]:
    from days_facts_eval import load_stories
    from newsmirror.stories.compare import compare_story

    links: set[Link] = set()
    for path in facts:
        for story, articles in load_stories(path, days):
            comparison = compare_story(list({a.id: a for a in articles.values()}.values()))
            for fact in [*comparison.shared, *comparison.partial]:
                for a in fact.sentences:
                    for b in fact.sentences:
                        if a.outlet < b.outlet:
                            links.add((path.stem, story["event"], a.outlet, a.text, b.outlet, b.text))
    return sorted(links)


def _quotes(names: set[str]) -> dict[tuple[str, str], list[str]]:
    """(fact file, story) -> the match keys of its fact quotes (session 44, facts53)."""
    import tomllib

    from newsmirror.text.normalize import match_key

    quotes: dict[tuple[str, str], list[str]] = {}
    for name in names:
        with (REPO / "bench" / "days" / f"{name}.toml").open("rb") as handle:
            for story in tomllib.load(handle)["story"]:
                quotes[name, story["event"]] = [match_key(q["text"]) for fact in story.get("fact", [])
                                                for q in fact["sentences"]]
    return quotes


def _quoted(quotes: dict[tuple[str, str], list[str]], name: str, event: str, text: str) -> bool:
    from newsmirror.text.normalize import match_key

    key = match_key(text)
    return any(q in key or (len(q) >= 12 and q[:12] in key) for q in quotes.get((name, event), []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write the current tree's links")
    dumping.add_argument("--days", type=Path, required=True)
    dumping.add_argument("--out", type=Path, required=True)
    dumping.add_argument("--facts", nargs="*", type=Path)
    diffing = commands.add_parser("diff", help="links of AFTER not in BEFORE (and the other way), a random draw")
    diffing.add_argument("before", type=Path)
    diffing.add_argument("after", type=Path)
    diffing.add_argument("--draw", type=int, default=20)
    diffing.add_argument("--seed", type=int, default=19)
    diffing.add_argument("--unjudged", action="store_true",
                         help="count and draw only the links judged precision does not see: one unit or both holding "
                              "no fact quote of its story (a quote's match key, or its first 12 characters, in the unit's)")
    args = parser.parse_args()
    if args.command == "dump":
        from days_facts_eval import never_tuned_on
        from facts_lofo import TUNING

        facts = args.facts or [REPO / "bench" / "days" / f"{name}.toml" for name in TUNING]
        if any(never_tuned_on(path) for path in facts):
            sys.exit("test and fresh fact files are never read link by link")
        links = dump(facts, args.days)
        args.out.write_text(json.dumps(links, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(links)} links")
        return
    before = {tuple(x) for x in json.loads(args.before.read_text(encoding="utf-8"))}
    after = {tuple(x) for x in json.loads(args.after.read_text(encoding="utf-8"))}
    new, gone = sorted(after - before), sorted(before - after)
    print(f"links before {len(before)}, after {len(after)}: {len(new)} new, {len(gone)} gone")
    if args.unjudged:
        quotes = _quotes({link[0] for link in new})
        new = [link for link in new if not (_quoted(quotes, link[0], link[1], link[3])
                                            and _quoted(quotes, link[0], link[1], link[5]))]
        print(f"new links not judged (a unit holding no fact quote): {len(new)}")
    drawn = random.Random(args.seed).sample(new, min(args.draw, len(new)))
    for n, (name, event, outlet_a, text_a, outlet_b, text_b) in enumerate(drawn, 1):
        print(f"{n:2d} {name} {event}\n    {outlet_a}: {text_a[:160]}\n    {outlet_b}: {text_b[:160]}")


if __name__ == "__main__":
    main()
