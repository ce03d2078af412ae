"""Event-layer variants scored by ``days_event_replay`` (features computed from the captured stories)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from bench.days_event_replay import Captured, Grouped, Variant
from newsmirror.stories.cluster import _StoryState
from newsmirror.stories.eventlink import EVENT_FEATURES, is_latin_name, load_event_model
from newsmirror.text.tokenize import idf

BASE = list(range(len(EVENT_FEATURES)))
# The variants add to session 17's eleven features (title_terms .. lede_terms), whatever the current
# code adds after them: a capture made with later features must still score the variants as defined.
SESSION17_FEATURES = 11


def _session17(g: Grouped) -> np.ndarray:
    return g.features[:, :SESSION17_FEATURES]


def _sides(a: _StoryState, b: _StoryState) -> tuple[_StoryState, _StoryState]:
    """(side, core): the core is the story a link keeps (``cluster._rank``: more members, then the earlier)."""
    return (b, a) if (len(a.members), b.first) > (len(b.members), a.first) else (a, b)


def base(_: Captured, g: Grouped) -> np.ndarray:
    return _session17(g)


def _novel_title(a: _StoryState, b: _StoryState, names: dict[str, int], least: float) -> float:
    """Share (by IDF) of the names at least ``least`` of a's titles use that b never uses."""
    titled = max(a.titled, 1)
    own = {t: idf(t) for t, n in a.title_terms.items()
           if n / titled >= least and (names.get(t, 0) or is_latin_name(t))}
    total = sum(own.values())
    if not total:
        return 0.0
    known = set(b.lede_terms) | set(b.title_terms) | set(b.centroid)
    return sum(w for t, w in own.items() if t not in known) / total


def novel_title(least: float, also_lede: float | None = None) -> Any:
    def columns(c: Captured, g: Grouped) -> np.ndarray:
        rows = []
        for a_id, b_id in g.pairs:
            small, large = _sides(g.stories[a_id], g.stories[b_id])
            rows.append(_novel_title(large, small, g.names, least))
        x = np.hstack([_session17(g), np.array(rows, dtype=float).reshape(-1, 1)])
        if also_lede is not None:
            x = np.hstack([x, novel(also_lede, (1,))(c, g)[:, -1:]])
        return x
    return columns


def current(c: Captured, g: Grouped, cover: bool = False) -> np.ndarray:
    """``eventlink.event_features`` as the code now computes them (the capture holds the 11 features of
    session 17); with core_names_missing (names half the ledes of the core use) this is "novel .5 core only".
    ``cover``: ``EVENT_FEATURES_COVER`` (+ ``core_lede_cover``, as ``ClusterConfig.event_lede_cover`` reads)."""
    key = "current cover" if cover else "current"
    if key not in g.extra:
        from newsmirror.stories.cluster import _dice
        from newsmirror.stories.eventlink import event_features

        names = g.names
        g.extra[key] = np.array([event_features(g.stories[a], g.stories[b], lambda t: names.get(t, 0), _dice,
                                                cover=cover) for a, b in g.pairs], dtype=float)
    return g.extra[key]


def current_cover(c: Captured, g: Grouped) -> np.ndarray:
    return current(c, g, cover=True)


def _named_ledes(story: _StoryState, names: dict[str, int], least: float, rare: float) -> dict[str, float]:
    """IDF-weighted names (``rare`` > 0: every term of at least that IDF) of a story's titles and ledes that
    at least ``least`` of its ledes use."""
    ledes = max(story.ledes, 1)
    return {t: idf(t) for t, n in story.lede_terms.items()
            if n / ledes >= least and ((idf(t) >= rare) if rare else (names.get(t, 0) or is_latin_name(t)))}


def _novel(a: _StoryState, b: _StoryState, names: dict[str, int], least: float, rare: float = 0.0) -> float:
    """Share (by IDF) of a's names, used by at least ``least`` of its ledes, that b never uses."""
    own = _named_ledes(a, names, least, rare)
    total = sum(own.values())
    if not total:
        return 0.0
    known = set(b.lede_terms) | set(b.title_terms) | set(b.centroid)
    return sum(w for t, w in own.items() if t not in known) / total


def novel(least: float, which: tuple[int, ...] = (0, 1), rare: float = 0.0) -> Any:
    def columns(_: Captured, g: Grouped) -> np.ndarray:
        key = (least, rare)
        if key not in g.extra:
            rows = []
            for a_id, b_id in g.pairs:
                small, large = _sides(g.stories[a_id], g.stories[b_id])
                rows.append((_novel(small, large, g.names, least, rare), _novel(large, small, g.names, least, rare)))
            g.extra[key] = np.array(rows, dtype=float).reshape(-1, 2)  # type: ignore[index]
        return np.hstack([_session17(g), g.extra[key][:, list(which)]])  # type: ignore[index]
    return columns


def precedes(_: Captured, g: Grouped) -> np.ndarray:
    """+ log hours by which the smaller story's first report precedes the larger's (a side story follows its core)."""
    rows = []
    for a_id, b_id in g.pairs:
        small, large = _sides(g.stories[a_id], g.stories[b_id])
        rows.append(math.log1p(max(0.0, (large.first - small.first).total_seconds()) / 3600))
    return np.hstack([_session17(g), np.array(rows, dtype=float).reshape(-1, 1)])


def best_only(_: Captured, g: Grouped, p: np.ndarray) -> np.ndarray:
    """Each story keeps only its most probable pair (a side story joins one core, never bridges two)."""
    best: dict[str, tuple[float, int]] = {}
    for i, (a, b) in enumerate(g.pairs):
        for s in (a, b):
            if s not in best or p[i] > best[s][0]:
                best[s] = (float(p[i]), i)
    keep = np.zeros(len(p), dtype=bool)
    for _, i in best.values():
        keep[i] = True
    return keep


def mutual_best(_: Captured, g: Grouped, p: np.ndarray) -> np.ndarray:
    best: dict[str, tuple[float, int]] = {}
    for i, (a, b) in enumerate(g.pairs):
        for s in (a, b):
            if s not in best or p[i] > best[s][0]:
                best[s] = (float(p[i]), i)
    return np.array([best[a][1] == i and best[b][1] == i for i, (a, b) in enumerate(g.pairs)], dtype=bool)


def small_side(_: Captured, g: Grouped, p: np.ndarray) -> np.ndarray:
    """Only a side story joins a core: two stories of at least three reports each never link."""
    return np.array([min(len(g.stories[a].members), len(g.stories[b].members)) < 3 for a, b in g.pairs], dtype=bool)


def shipped(c: Captured, g: Grouped) -> np.ndarray:
    return g.features


VARIANTS = [
    Variant("refit (as shipped)", base),
    Variant("core4", base, event_core=4),
    Variant("best-only", base, best_only),
    Variant("mutual-best", base, mutual_best),
    Variant("side-only", base, small_side),
    Variant("precedes", precedes),
    Variant("novel .5", novel(0.5)),
    Variant("novel 1.0", novel(1.0)),
    Variant("novel .3", novel(0.3)),
    Variant("novel .5 side only", novel(0.5, (0,))),
    Variant("novel .5 core only", novel(0.5, (1,))),
    Variant("novel .7 core only", novel(0.7, (1,))),
    Variant("novel .3 core only", novel(0.3, (1,))),
    Variant("novel 1. core only", novel(1.0, (1,))),
    Variant("novel .5 rare>=7", novel(0.5, rare=7.0)),
    Variant("novel .5 rare>=9", novel(0.5, rare=9.0)),
    Variant("novel .5 core4", novel(0.5), event_core=4),
    Variant("novel .5 best-only", novel(0.5), best_only),
    Variant("novel .5 l2=3", novel(0.5), l2=3.0),
    Variant("novel .5 core, core4", novel(0.5, (1,)), event_core=4),
    Variant("novel .5 core, best-only", novel(0.5, (1,)), best_only),
    Variant("novel .5 core, l2=3", novel(0.5, (1,)), l2=3.0),
    Variant("novel title .5 core", novel_title(0.5)),
    Variant("novel title .3 core", novel_title(0.3)),
    Variant("novel title .5 + lede .5", novel_title(0.5, 0.5)),
    Variant("novel title .5 + lede 1.", novel_title(0.5, 1.0)),
    Variant("eventlink as committed (= novel .5 core only)", current),
]


def packaged(cache: dict[str, Captured]) -> dict[str, np.ndarray]:
    """Probabilities of the packaged event model on each day's shipped grouping."""
    model = load_event_model()
    w, b = np.array(model.weights), model.bias
    return {n: 1 / (1 + np.exp(-(current(c, c.ship) @ w + b))) for n, c in cache.items()}


# Session 19 (purity10): large stories that gather neighbouring events of their topic. Built on the
# committed features (``current``); the shipped row is ``current`` refit per fold at 0.85.
def _core_sizes(g: Grouped) -> np.ndarray:
    if "core_sizes" not in g.extra:
        g.extra["core_sizes"] = np.array([max(len(g.stories[a].members), len(g.stories[b].members))
                                          for a, b in g.pairs], dtype=float)
    return g.extra["core_sizes"]


def core_scaled(strength: float, reference: float = 10.0) -> Any:
    """A core larger than ``reference`` reports asks for more evidence: the link's log-odds lose
    ``strength`` per e-fold of the core's size beyond it (a big core attracts every side story of its topic)."""
    def adjust(g: Grouped, p: np.ndarray) -> np.ndarray:
        over = np.log(np.maximum(_core_sizes(g) / reference, 1.0))
        z = np.log(np.clip(p, 1e-12, 1 - 1e-12) / np.clip(1 - p, 1e-12, 1)) - strength * over
        return 1 / (1 + np.exp(-z))
    return adjust


def star(g: Grouped, probability: np.ndarray, threshold: float, allowed: np.ndarray, event_core: int = 3
         ) -> dict[str, str]:
    """The pass without chaining: most probable pair first, a link joins two stories neither of which
    was absorbed earlier in the pass (a side story never carries a link on to a third story)."""
    parent: dict[str, str] = {}
    size = {s: len(st.members) for s, st in g.stories.items()}
    first = {s: st.first for s, st in g.stories.items()}
    for i in np.argsort(-probability, kind="stable"):
        a, b = g.pairs[i]
        if probability[i] < threshold or not allowed[i] or a in parent or b in parent:
            continue
        if max(len(g.stories[a].members), len(g.stories[b].members)) < event_core:
            continue
        big, small = (a, b) if (size[a], first[b]) > (size[b], first[a]) else (b, a)
        parent[small] = big
        size[big] += size[small]
    def root(s: str) -> str:
        while s in parent:
            s = parent[s]
        return s
    return {s: root(s) for s in g.stories}


VARIANTS += [
    Variant("shipped (committed, refit)", current),
    Variant("shipped, days weighted equally", current, days_equal=True),
    Variant("star", current, linker=star),
    Variant("core-scaled .5", current, adjust=core_scaled(0.5)),
    Variant("core-scaled 1", current, adjust=core_scaled(1.0)),
    Variant("core-scaled 2", current, adjust=core_scaled(2.0)),
    Variant("core-scaled 1 ref 20", current, adjust=core_scaled(1.0, 20.0)),
    Variant("star + core-scaled 1", current, adjust=core_scaled(1.0), linker=star),
    Variant("best-only (committed)", current, best_only),
    Variant("mutual-best (committed)", current, mutual_best),
]


def established(least: int) -> Any:
    """Two stories of at least ``least`` reports each never link: the layer joins a side story to a core;
    two stories the report-level grouping already built apart (each its own first reports, names and
    moment) are two events of a topic more often than one (debate and the NYT's tax report, read10)."""
    def allowed(_: Captured, g: Grouped, p: np.ndarray) -> np.ndarray:
        return np.array([min(len(g.stories[a].members), len(g.stories[b].members)) < least for a, b in g.pairs],
                        dtype=bool)
    return allowed


def relative(share: float) -> Any:
    """A side story links only while it is at most ``share`` of its core's size."""
    def allowed(_: Captured, g: Grouped, p: np.ndarray) -> np.ndarray:
        rows = []
        for a, b in g.pairs:
            sizes = sorted((len(g.stories[a].members), len(g.stories[b].members)))
            rows.append(sizes[0] <= share * sizes[1])
        return np.array(rows, dtype=bool)
    return allowed


VARIANTS += [
    Variant("established 3", current, established(3)),
    Variant("established 5", current, established(5)),
    Variant("established 8", current, established(8)),
    Variant("relative .25", current, relative(0.25)),
    Variant("relative .5", current, relative(0.5)),
]
VARIANTS += [Variant("star + established 5", current, established(5), linker=star)]


# Session 21 (recall12): a side story told in other words agrees with one or a few of the core's members
# (a reaction with an earlier reaction), not with the core's first reports the centroid holds. The
# report-level pair model gained from its members features (recall9); these are their story-pair form.
def _member_cosines(a: _StoryState, b: _StoryState) -> list[float]:
    from newsmirror.stories.cluster import _cosine

    return sorted((_cosine(x, y) for x in a.member_vectors for y in b.member_vectors), reverse=True)


def members(agree: float = 0.2) -> Any:
    """+ the best cosine between a member of one story and a member of the other, the mean of the three
    best, and log(1 + member pairs at ``agree`` or more) (the latest ``member_vectors`` members of each)."""
    def columns(c: Captured, g: Grouped) -> np.ndarray:
        key = f"members {agree}"
        if key not in g.extra:
            rows = []
            for a, b in g.pairs:
                values = _member_cosines(g.stories[a], g.stories[b])
                rows.append((values[0] if values else 0.0, sum(values[:3]) / max(min(len(values), 3), 1),
                             math.log1p(sum(1 for v in values if v >= agree))))
            g.extra[key] = np.array(rows, dtype=float).reshape(-1, 6)
        return np.hstack([current(c, g), g.extra[key]])
    return columns


VARIANTS += [
    Variant("members", members()),
]


# Session 21 (recall13): a side story names the event's rare title word (台谍, TikTok) and little of the
# core's actors; the Jaccard features divide that one shared name by a big core's whole vocabulary. The
# share of the SIDE's title that the CORE's title keys cover does not grow smaller as the core grows.
def _core_keys(core: _StoryState, share: float = 0.6) -> set[str]:
    """The core's title keys as ``StoryClusterer._keys`` takes them (at the shipped ``key_share``)."""
    least = max(2.0, share * core.titled)
    return {t for t, n in core.title_terms.items() if n >= least}


def _keys_cover(side: _StoryState, core: _StoryState, names: dict[str, int], how: str) -> float:
    """Share of the side story's title terms (``how``: "idf" weighted as ``title_terms`` weighs them,
    "names" the same over names only, "count" distinct terms unweighted) among the core's title keys."""
    titled = max(side.titled, 1)
    if how == "count":
        own = {t: 1.0 for t in side.title_terms}
    else:
        own = {t: n / titled * idf(t) for t, n in side.title_terms.items()
               if how == "idf" or names.get(t, 0) or is_latin_name(t)}
    total = sum(own.values())
    if not total:
        return 0.0
    keys = _core_keys(core)
    return sum(w for t, w in own.items() if t in keys) / total


def keys_cover(how: str = "idf") -> Any:
    """+ ``core_keys_cover``: how much of the side story's title the core's title keys cover."""
    def columns(c: Captured, g: Grouped) -> np.ndarray:
        key = f"keys_cover {how}"
        if key not in g.extra:
            rows = []
            for a, b in g.pairs:
                side, core = _sides(g.stories[a], g.stories[b])
                rows.append(_keys_cover(side, core, g.names, how))
            g.extra[key] = np.array(rows, dtype=float).reshape(-1, 1)
        return np.hstack([current(c, g), g.extra[key]])
    return columns


VARIANTS += [
    Variant("core keys cover", keys_cover("idf")),
    Variant("core keys cover, names (information)", keys_cover("names")),
    Variant("core keys cover, count (information)", keys_cover("count")),
]


# Session 22 (recall14): what the side story's lede says about the core event. recall13 found that what
# two titles share cannot tell a side story from a neighbouring event of the topic; a reaction's first
# sentences restate the event it reacts to (the core's own words), a neighbouring event's restate its own.
def _common_lede_terms(core: _StoryState, day_df: dict[str, int] | None = None) -> dict[str, float]:
    """The core's terms at least half of its titles-and-ledes use, weighted by IDF (``day_df``: divided
    by how many of the day's live stories use the term in a lede, so the topic's words weigh less)."""
    half = max(core.ledes, 1) / 2
    return {t: idf(t) / (max(day_df.get(t, 1), 1) if day_df else 1)
            for t, n in core.lede_terms.items() if n >= half}


def core_lede_cover(side: _StoryState, core: _StoryState, day_df: dict[str, int] | None = None) -> float:
    """Weight share of the core's common lede terms that the side story's titles-and-ledes use."""
    common = _common_lede_terms(core, day_df)
    total = sum(common.values())
    if not total:
        return 0.0
    return sum(w for t, w in common.items() if t in side.lede_terms) / total


def side_lede_core_cosine(side: _StoryState, core: _StoryState) -> float:
    """Cosine of the side's title-and-lede terms (share of its ledes x IDF) with the core's term centroid."""
    share = 1.0 / max(side.ledes, 1)
    lede = {t: n * share * idf(t) for t, n in side.lede_terms.items()}
    norm = math.sqrt(sum(w * w for w in lede.values()))
    if not norm or not core.norm:
        return 0.0
    return sum(w * core.centroid.get(t, 0.0) for t, w in lede.items()) / (norm * core.norm)


def _day_lede_df(g: Grouped) -> dict[str, int]:
    """How many of the day's live stories use each term in a title or lede."""
    df: dict[str, int] = {}
    for story in g.stories.values():
        for t in story.lede_terms:
            df[t] = df.get(t, 0) + 1
    return df


def side_lede(which: tuple[int, ...] = (0, 1), day_specific: bool = False) -> Any:
    """+ ``core_lede_cover`` (column 0) and ``side_lede_core_cosine`` (column 1), as ``which`` picks them;
    ``day_specific``: the cover with day-specific weights."""
    def columns(c: Captured, g: Grouped) -> np.ndarray:
        key = f"side lede {day_specific}"
        if key not in g.extra:
            day_df = _day_lede_df(g) if day_specific else None
            rows = []
            for a, b in g.pairs:
                side, core = _sides(g.stories[a], g.stories[b])
                rows.append((core_lede_cover(side, core, day_df), side_lede_core_cosine(side, core)))
            g.extra[key] = np.array(rows, dtype=float).reshape(-1, 2)
        return np.hstack([current(c, g), g.extra[key][:, list(which)]])
    return columns


VARIANTS += [
    Variant("side lede", side_lede()),
    Variant("side lede cover", side_lede((0,))),
    Variant("side lede cosine", side_lede((1,))),
    Variant("side lede cover, day-specific", side_lede((0,), day_specific=True)),
]

# Session 22 (recall15): ``core_lede_cover`` as production computes it (``eventlink.event_features``, cover=True).
VARIANTS += [Variant("production lede cover", current_cover)]


# Session 23 (guard16): the cover with a guard against one actor's NEXT event. A side story that shares only the
# actor (a name in both ledes) but reports a new action covers the core's names, not its event words; a reaction
# restates the event itself. Columns: 0 the cover of the core's common non-name lede terms; 1 the share of the side's
# own common non-name lede terms the core never uses; 2 log(1 + hours) the side's first report follows the core's last;
# 3 the cover of the core's common lede terms except the names both stories use (the shared actor); 4 the cover times
# the share of the core's names the side uses (1 - core_names_missing): restating the lede while naming the core's
# other parties, not only the actor both share.
# 5 the cover only when the side uses most of the core's name weight (core_names_missing < .5), else 0.
def _guard_row(side: _StoryState, core: _StoryState, names: dict[str, int]
               ) -> tuple[float, float, float, float, float, float]:
    from newsmirror.stories.eventlink import lede_cover, names_missing, story_weights

    def is_name(t: str) -> int:
        return names.get(t, 0)

    core_w, side_w = story_weights(core, is_name), story_weights(side, is_name)
    core_words = {t: w for t, w in core_w[4].items() if t not in core_w[3]}
    side_words = {t: w for t, w in side_w[4].items() if t not in side_w[3]}
    after = max((side.first - core.last).total_seconds() / 3600, 0.0)
    known = set(side.lede_terms) | set(side.title_terms) | set(side.centroid)
    unshared = {t: w for t, w in core_w[4].items() if not (t in core_w[3] and t in known)}
    cover = lede_cover(core_w[4], side)
    return (lede_cover(core_words, side), names_missing(side_words, core), math.log1p(after), lede_cover(unshared, side),
            cover * (1.0 - names_missing(core_w[3], side)), cover if names_missing(core_w[3], side) < 0.5 else 0.0)


def guard(which: tuple[int, ...], keep_cover: bool = True) -> Any:
    def columns(c: Captured, g: Grouped) -> np.ndarray:
        if "guard" not in g.extra:
            rows = []
            for a, b in g.pairs:
                side, core = _sides(g.stories[a], g.stories[b])
                rows.append(_guard_row(side, core, g.names))
            g.extra["guard"] = np.array(rows, dtype=float).reshape(-1, 6)
        x = current(c, g, cover=True) if keep_cover else current(c, g)
        return np.hstack([x, g.extra["guard"][:, list(which)]])
    return columns


VARIANTS += [
    Variant("guard: cover + event-word cover", guard((0,))),
    Variant("guard: event-word cover for cover", guard((0,), keep_cover=False)),
    Variant("guard: cover + side's new words", guard((1,))),
    Variant("guard: cover + after the core", guard((2,))),
    Variant("guard: cover without shared names, for cover", guard((3,), keep_cover=False)),
    Variant("guard: cover + cover without shared names", guard((3,))),
    Variant("guard: cover x core names used, for cover", guard((4,), keep_cover=False)),
    Variant("guard: cover + cover x core names used", guard((4,))),
    Variant("guard: cover if most core names used, for cover", guard((5,), keep_cover=False)),
]


# guard16's "noticed" candidate (information, decides nothing): the cover model decides a pair only when the side
# restates most of the core's lede (cover >= ``least``); elsewhere main's model (refit in the same fold) decides.
# Needs "eventlink as committed" scored first in the same run (its probabilities per day and fold).
# ``side_below`` (gate18's small-side gate, ``GatedEventModel.side_below``): only for a side of fewer reports.
def gated(least: float, side_below: int = 0) -> tuple[Any, Any]:
    where: dict[int, tuple[str, bool]] = {}

    def columns(c: Captured, g: Grouped) -> np.ndarray:
        where[id(g)] = (c.day.name, g is c.loo)
        return current(c, g, cover=True)

    def adjust(g: Grouped, p: np.ndarray) -> np.ndarray:
        main = next(v for v in VARIANTS if v.name == "eventlink as committed (= novel .5 core only)")
        plain = main.probabilities[where[id(g)]]
        x = current(None, g, cover=True)  # type: ignore[arg-type]
        where_cover = x[:, -1] >= least
        if side_below:
            where_cover &= np.rint(np.exp(x[:, EVENT_FEATURES.index("min_size")])) < side_below
        return np.where(where_cover, p, plain)
    return columns, adjust


_gate_columns, _gate_adjust = gated(0.5)
VARIANTS += [Variant("gate: cover model where cover >= .5, else main's", _gate_columns, adjust=_gate_adjust)]
_small_columns, _small_adjust = gated(0.5, side_below=3)  # ClusterConfig().event_core, fixed by gate18's rule
VARIANTS += [Variant("small-side gate: cover model where cover >= .5 and side < 3 reports, else main's",
                     _small_columns, adjust=_small_adjust)]
