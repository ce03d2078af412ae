"""The links a comparison change makes and drops, for reading (tuning fact files only).

Judged precision sees only units that a fact quote covers; a recall change mostly links others, so
its new links are read. ``dump`` writes every link between units of two outlets that the current
tree's ``compare_story`` puts in one fact, for the stories of the fact files; ``diff`` counts the
links of one dump not in the other and prints a random draw of them (fixed seed: draw before
reading, as the rules of bench/days_results.md ask). ``draw`` draws from one dump's links (as ``diff`` against
an empty dump would: main's own links, session 45, links56); ``dump --kinds`` also writes how each link was made (the
round that first put its two units in one fact, or a unit shown there as a second telling).

    PYTHONPATH=src python3 bench/facts_new_links.py dump --days ARCHIVED --out BEFORE.json   # on main
    PYTHONPATH=src python3 bench/facts_new_links.py dump --days ARCHIVED --out AFTER.json    # on the branch
    python3 bench/facts_new_links.py diff BEFORE.json AFTER.json --draw 20 --seed 19
    PYTHONPATH=src python3 bench/facts_new_links.py dump --days ARCHIVED --out MAIN.json --kinds KINDS.json
    PYTHONPATH=src python3 bench/facts_new_links.py draw MAIN.json --unjudged --draw 40 --seed 4501 --kinds KINDS.json

Test files (bench/days/test/) and the fresh files are refused.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

Link = tuple[str, str, str, str, str, str]  # fact file, story, outlet, unit text, outlet, unit text


# How a link was made, in the order of compare._linked's rounds (the first that put its two units in one fact);
# "second": one of its units is shown in the fact as its outlet's second telling (_Linker.second_facts).
KINDS = ("rules", "repetition", "continuity", "amount", "model", "second")


def story_links(articles: list[Any]) -> dict[tuple[str, str, str, str], str]:
    """The links of ``compare_story`` on a story's reports, (outlet, text, outlet, text) -> how it was made (``KINDS``):
    the rounds' pairs traced by wrapping their makers and the linker's steps for this call only."""
    from unittest import mock

    from newsmirror.stories import compare

    made: dict[int, str] = {}  # id of a round's pair list -> its kind
    steps: list[tuple[Any, str, list[int]]] = []  # (linker, kind, each unit's root after the step)
    first_groups: list[tuple[Any, dict[int, list[int]]]] = []

    def tagging(function: Any, kind: str) -> Any:
        def tagged(*args: Any, **kwargs: Any) -> Any:
            pairs = function(*args, **kwargs)
            made[id(pairs[0] if kind == "rules" else pairs)] = kind
            return pairs
        return tagged

    def roots(linker: Any) -> list[int]:
        return [linker.links.find(i) for i in range(len(linker.sentences))]

    link, repetitions, groups = compare._Linker.link, compare._Linker.join_repetitions, compare._groups

    def linking(linker: Any, pairs: list[Any]) -> None:
        link(linker, pairs)
        steps.append((linker, made.get(id(pairs), "other"), roots(linker)))

    def repeating(linker: Any, pair_scores: Any) -> None:
        repetitions(linker, pair_scores)
        steps.append((linker, "repetition", roots(linker)))

    def grouping(linker: Any, blocked: Any, pair_scores: Any) -> dict[int, list[int]]:
        result = groups(linker, blocked, pair_scores)
        if not first_groups:  # compare_story's facts (a second call groups the rules' linker)
            first_groups.append((linker, result))
        return result

    with mock.patch.multiple(compare, _rule_matches=tagging(compare._rule_matches, "rules"),
                             _continuing=tagging(compare._continuing, "continuity"),
                             _amount_matches=tagging(compare._amount_matches, "amount"),
                             _rescue_matches=tagging(compare._rescue_matches, "model"), _groups=grouping), \
            mock.patch.object(compare._Linker, "link", linking), \
            mock.patch.object(compare._Linker, "join_repetitions", repeating):
        compare.compare_story(list({a.id: a for a in articles}.values()))
    linker, facts = first_groups[0]
    own = [(kind, after) for who, kind, after in steps if who is linker]
    links: dict[tuple[str, str, str, str], str] = {}
    for root, units in facts.items():
        if len(units) < 2:
            continue
        for a in units:
            for b in units:
                first, second = linker.sentences[a].ref, linker.sentences[b].ref
                if first.outlet >= second.outlet:
                    continue
                if root not in (linker.links.find(a), linker.links.find(b)) or linker.links.find(a) != linker.links.find(b):
                    kind = "second"
                else:
                    kind = next((k for k, after in own if after[a] == after[b]), "other")
                key = (first.outlet, first.text, second.outlet, second.text)
                rank = {k: n for n, k in enumerate(KINDS)}
                if key not in links or rank.get(kind, len(KINDS)) < rank.get(links[key], len(KINDS)):
                    links[key] = kind  # one text twice in an outlet: the earliest way it was linked
    return links


def dump(facts: list[Path], days: Path, kinds: dict[Link, str] | None = None) -> list[Link]:
    """Every link of the fact files' stories; with ``kinds``, how each was made is filled in too."""
    from days_facts_eval import load_stories
    from newsmirror.stories.compare import compare_story

    links: set[Link] = set()
    for path in facts:
        for story, articles in load_stories(path, days):
            if kinds is not None:
                for (outlet_a, text_a, outlet_b, text_b), kind in story_links(list(articles.values())).items():
                    link = (path.stem, story["event"], outlet_a, text_a, outlet_b, text_b)
                    links.add(link)
                    kinds[link] = kind
                continue
            comparison = compare_story(list({a.id: a for a in articles.values()}.values()))
            for fact in [*comparison.shared, *comparison.partial]:
                for a in fact.sentences:
                    for b in fact.sentences:
                        if a.outlet < b.outlet:
                            links.add((path.stem, story["event"], a.outlet, a.text, b.outlet, b.text))
    return sorted(links)


def unjudged(links: list[Link]) -> list[Link]:
    """The links judged precision does not see: a unit holding no fact quote of its story."""
    quotes = _quotes({link[0] for link in links})
    return [link for link in links if not (_quoted(quotes, link[0], link[1], link[3])
                                           and _quoted(quotes, link[0], link[1], link[5]))]


def drawn(links: list[Link], count: int, seed: int) -> list[Link]:
    """A random draw of the (sorted) links, fixed by the seed."""
    return random.Random(seed).sample(sorted(links), min(count, len(links)))


def _quotes(names: set[str]) -> dict[tuple[str, str], list[str]]:
    """(fact file, story) -> the match keys of its fact quotes (session 44, facts53)."""
    import tomllib

    from newsmirror.text.normalize import match_key

    quotes: dict[tuple[str, str], list[str]] = {}
    for name in names:
        with (REPO / "bench" / "days" / f"{name}.toml").open("rb") as handle:
            for story in tomllib.load(handle)["story"]:
                # One event id may name several stories of a file (facts-s53): their quotes are pooled.
                quotes.setdefault((name, story["event"]), []).extend(
                    match_key(q["text"]) for fact in story.get("fact", []) for q in fact["sentences"])
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
    drawing = commands.add_parser("draw", help="a random draw of one dump's links (main's own: as diff from nothing)")
    drawing.add_argument("links", type=Path)
    drawing.add_argument("--draw", type=int, default=20)
    drawing.add_argument("--seed", type=int, default=19)
    drawing.add_argument("--unjudged", action="store_true", help="as diff's")
    drawing.add_argument("--kinds", type=Path, help="a dump --kinds file: count by kind and show each link's")
    drawing.add_argument("--kind", choices=KINDS, help="draw only the links made this way (needs --kinds)")
    dumping.add_argument("--kinds", type=Path, help="also write how each link was made (KINDS) to this file")
    args = parser.parse_args()
    if args.command == "draw":
        links = [tuple(x) for x in json.loads(args.links.read_text(encoding="utf-8"))]
        kinds = ({tuple(x[:6]): x[6] for x in json.loads(args.kinds.read_text(encoding="utf-8"))}
                 if args.kinds else {})
        print(f"{len(links)} links")
        if args.unjudged:
            links = unjudged(links)  # type: ignore[arg-type]
            print(f"not judged (a unit holding no fact quote): {len(links)}")
        if args.kind:
            if not kinds:
                sys.exit("--kind needs --kinds")
            links = [link for link in links if kinds.get(link) == args.kind]
            print(f"made by {args.kind}: {len(links)}")
        if kinds:
            counts = Counter(kinds.get(link, "?") for link in links)
            print("by kind: " + ", ".join(f"{kind} {counts[kind]}" for kind in (*KINDS, "other", "?") if counts[kind]))
        for n, link in enumerate(drawn(links, args.draw, args.seed), 1):  # type: ignore[arg-type]
            name, event, outlet_a, text_a, outlet_b, text_b = link
            kind = f" [{kinds.get(link, '?')}]" if kinds else ""
            print(f"{n:2d} {name} {event}{kind}\n    {outlet_a}: {text_a}\n    {outlet_b}: {text_b}")
        return
    if args.command == "dump":
        from days_facts_eval import tuning_or_given

        facts = tuning_or_given(args.facts, "read link by link")
        made: dict[Link, str] | None = {} if args.kinds else None
        links = dump(facts, args.days, made)
        if made is not None:
            args.kinds.write_text(json.dumps([[*link, made[link]] for link in links], ensure_ascii=False, indent=0),
                                  encoding="utf-8")
        args.out.write_text(json.dumps(links, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(links)} links")
        return
    before = {tuple(x) for x in json.loads(args.before.read_text(encoding="utf-8"))}
    after = {tuple(x) for x in json.loads(args.after.read_text(encoding="utf-8"))}
    new, gone = sorted(after - before), sorted(before - after)
    print(f"links before {len(before)}, after {len(after)}: {len(new)} new, {len(gone)} gone")
    if args.unjudged:
        new = unjudged(new)  # type: ignore[arg-type]
        print(f"new links not judged (a unit holding no fact quote): {len(new)}")
    for n, (name, event, outlet_a, text_a, outlet_b, text_b) in enumerate(drawn(new, args.draw, args.seed), 1):  # type: ignore[arg-type]
        print(f"{n:2d} {name} {event}\n    {outlet_a}: {text_a[:160]}\n    {outlet_b}: {text_b[:160]}")


if __name__ == "__main__":
    main()
