"""Why same-event reports stay apart: every split labelled event's fragment pairs, by the stage that kept them apart
(session 59, group96; issue 14's recall).

Groups each tuning day as ``days_eval`` does (``group_articles(close=True)``), recording what
``days_split_census.record_grouping`` records (every story offered to each report at arrival, the pair model's
probability with and without the topic guard; the event layer's scored pairs), and keeps the clusterer to read the
end-of-day passes on the stories as they finally stand. For each labelled event whose reports end in two or more
stories, every pair of its fragments (A, B) gets:

- **the end stage** (the last pass that could still have joined the two final stories, and why it did not):
  ``genre (closed)``: one is a multi-subject story, never joined; ``outside the window/span``; ``not Chinese`` (the
  event layer and both passes judge Chinese stories only); ``event layer`` (one holds ``event_core`` reports:
  the layer's probability, under or over its threshold) and ``join pass`` (one holds ``join_least`` reports: the
  join model's probability; before it, ``join guard``: the side holds a report the multi-event reader calls one)
  for larger pairs; for two small stories (both under ``join_least``), the small pass's
  scope in its order: ``not an event candidate`` (neither is offered to the other by ``event_candidates``:
  the term index, the window, a daily series), ``first reports > join_gap apart``, ``an outlet in both`` (the pass
  never scores a pair one outlet is in on both sides), ``one side already joined`` (star), ``under the floor``
  (cores' or ledes' meaning cosine below ``small_join_floor``: never scored), ``small model under threshold``
  (its probability), else ``would join now`` (the order of passes: the pair was not both complete and untouched
  when judged);
- **the arrival stage** (``days_split_census._classify``: never offered, under the pair threshold (its best
  probability), the topic guard, the lede guard (over the threshold but refused by ``_lede_apart``), lost to a
  better story, closed);
- **the kind** (``kind``, session 66, census116): ``pulled`` (a fragment sits in another event's story), ``core and
  side`` (the larger story holds ``join_least`` reports), ``two singles`` (two one-report stories of two outlets),
  else ``other`` (an outlet in both, or a story of two);
- **attributes**: a short item (a report of either fragment with under ``SHORT`` body characters), the two
  fragments' best title overlap (character bigrams of the titles in simplified script, shared over the shorter
  title's), a copy among either fragment's members.

Counted both as fragment pairs and as the same-event report pairs they keep apart (|A| x |B|: what B-cubed recall
loses).

    python -m bench.split_census --days PATH/archived [--day D ...] [--list] [--half SEED]

Only tuning days are read (``days_eval.census_days``); held-out, test and fresh days never are.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval, days_split_census  # noqa: E402

SHORT = 200  # body characters under which a report is a short item (a brief, a flash)
_HAN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def title_grams(title: str) -> frozenset[str]:
    """Character bigrams of a title's Han, digit and Latin characters, in simplified script."""
    from newsmirror.text.script import to_simplified

    chars = "".join(_HAN.findall(to_simplified(title)))
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared bigrams over the shorter title's."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass
class Pair:
    day: str
    event: str
    a: list[str]
    b: list[str]
    end: str
    end_p: float | None
    arrival: str
    arrival_p: float | None
    short: bool
    title_overlap: float
    copy: bool
    midnight: bool  # a report of either fragment dated at midnight to the second (a date without a clock)
    hours: float  # the least time between a report of A and one of B
    kind: str = ""  # ``kind``: core and side, two singles, or other
    sizes: tuple[int, int] = (0, 0)  # reports in the two final stories

    @property
    def weight(self) -> int:
        return len(self.a) * len(self.b)


def kind(sa: Any, sb: Any, a: list[str], b: list[str], event_of: dict[str, str], least: int) -> str:
    """The kind of split of two final stories holding fragments ``a`` and ``b`` of one labelled event: ``pulled`` (a
    fragment is fewer than half of its story's labelled reports: it sits in another event's story), ``core and side``
    (the larger story holds ``least``, ``join_least``, reports or more), ``two singles`` (two one-report stories of
    two outlets), else ``other`` (an outlet in both, or a story of two)."""
    for story, part in ((sa, a), (sb, b)):
        labelled = [m.article_id for m in story.members if m.article_id in event_of] if story is not None else part
        if 2 * len(part) < len(labelled):
            return "pulled into another event's story"
    if sa is None or sb is None:
        return "other: no story"
    if max(len(sa.members), len(sb.members)) >= least:
        return "core and side"
    if sa.outlets & sb.outlets:
        return "other: an outlet in both"
    if len(sa.members) == len(sb.members) == 1:
        return "two singles"
    return "other: a story of two"


def _capture_clusterer() -> tuple[list[Any], Any]:
    from newsmirror.stories.cluster import StoryClusterer

    kept: list[Any] = []
    original = StoryClusterer.join_complete

    def join_complete(self: StoryClusterer, final: bool = False) -> int:
        if not kept or kept[-1] is not self:
            kept.append(self)
        return original(self, final)

    StoryClusterer.join_complete = join_complete  # type: ignore[method-assign]
    return kept, original


def end_stage(cl: Any, sa: Any, sb: Any) -> tuple[str, float | None]:
    """The last pass that could have joined two final stories, and why it did not (see the module docstring)."""
    from newsmirror.stories.cluster import _dice
    from newsmirror.stories.joincomplete import join_probability, kept_out
    from newsmirror.text.vectors import cosine as vector_cosine

    config = cl.config
    if sa.closed or sb.closed:
        return "genre (closed)", None
    if not cl._mergeable(sa, sb):  # beyond the window or max_span (or one daily series' two days)
        return "outside the window/span (report times)", None
    if not (cl._is_chinese(sa) and cl._is_chinese(sb)):  # the event layer and both passes judge Chinese stories only
        return "not Chinese (the passes judge Chinese stories only)", None
    big = max(len(sa.members), len(sb.members))
    if big >= config.join_least or big >= config.event_core:
        p_event = None
        if cl.event_model is not None and cl._may_link(sa, sb):
            from newsmirror.stories.eventlink import event_features

            p_event = cl.event_model.probability(event_features(sa, sb, cl._is_name, _dice, cl._event_weights,
                                                                cl._event_cover))
        p_join = None
        a, b = cl._unjoined.get(sa.id, sa), cl._unjoined.get(sb.id, sb)
        if cl.join_model is not None:
            p_join = join_probability(cl.join_model, 0.0, a, b, cl._is_name, _dice, cl._event_weights,
                                      cl._core_probability)
        offered = sb.id in {s.id for s in cl.event_candidates(sa)} or sa.id in {s.id for s in cl.event_candidates(sb)}
        if not offered:
            return "large: not an event candidate", p_join
        if p_event is not None and p_event >= cl.event_probability:
            return "large: event layer over its threshold, not merged", p_event
        gap = config.join_gap
        if gap is not None and abs(sa.first - sb.first) > gap:
            return "large: first reports > join_gap apart", p_join
        if kept_out(a, b):
            return "large: side holds a multi-event report (join guard)", p_join
        if p_join is not None and p_join >= cl.complete_probability:
            return "large: join over threshold, star/cap/order", p_join
        return "large: join model under threshold", p_join
    if not ({s.id for s in cl.event_candidates(sa)} & {sb.id} or {s.id for s in cl.event_candidates(sb)} & {sa.id}):
        return "small: not an event candidate", None
    gap = config.join_gap
    if gap is not None and abs(sa.first - sb.first) > gap:
        return "small: first reports > join_gap apart", None
    if sa.outlets & sb.outlets:
        same = "one and the same outlets" if sa.outlets == sb.outlets else "outlets differ too"
        return f"small: an outlet in both ({same})", None
    p = None
    if cl.small_join_model is not None:
        p = join_probability(cl.small_join_model, 0.0, sa, sb, cl._is_name, _dice, cl._event_weights,
                             cl._core_probability)
    if sa.id in cl._joined or sb.id in cl._joined:
        return "small: one side already joined", p
    floor = config.small_join_floor
    if vector_cosine(sa.meaning, sb.meaning) < floor or vector_cosine(sa.lede, sb.lede) < floor:
        return "small: meaning/lede cosine under floor", p
    if p is not None and p < cl.small_join_probability:
        return "small: small model under threshold", p
    return "small: would join now (order)", p


def census_day(day: str, folder: Path, labels_path: Path, config: Any, keep: dict[str, Any] | None = None
               ) -> list[Pair]:
    """The day's fragment pairs; ``keep``, when given, receives the clusterer as it ended (``clusterer``), the
    labelled event of each report (``event_of``), each report's title line (``texts``) and what arrival offered
    (``record``: ``days_split_census.Record``), for a further probe."""
    from newsmirror.stories.cluster import StoryClusterer
    from newsmirror.stories.stored import document_of

    labels = days_eval.load_day_labels(labels_path)
    kept, original = _capture_clusterer()
    probe = StoryClusterer(config)
    threshold, layer_threshold = probe.join_probability, probe.event_probability
    try:
        with days_eval.imported_day(folder) as (store, file_of):
            record, _ = days_split_census.record_grouping(store, config)
            texts = {}
            record_times = {}
            for a in file_of:
                article = store.get_article(a)
                texts[a] = (f"{article.outlet}: {article.title}", len(article.body_text or "")) if article else ("", 0)
                if article is not None:
                    record_times[a] = document_of(article).time
    finally:
        StoryClusterer.join_complete = original  # type: ignore[method-assign]
    cl = kept[-1]
    story_of: dict[str, Any] = {}
    copies: set[str] = set()
    times = {}
    for story in cl.stories.values():
        for m in story.members:
            story_of[m.article_id] = story
            if m.duplicate_of:
                copies.add(m.article_id)
    for a, when in record_times.items():
        times[a] = when
    event_of = {a: labels.events[f] for a, f in file_of.items() if f in labels.events and f not in labels.multi}
    pairs: list[Pair] = []
    for event, members in days_eval.members_of(event_of).items():
        fragments: dict[str, list[str]] = defaultdict(list)
        for a in members:
            story = story_of.get(a)
            fragments[story.id if story is not None else a].append(a)
        if len(fragments) < 2:
            continue
        parts = sorted(fragments.items(), key=lambda kv: (-len(kv[1]), min(record.order.get(x, 0) for x in kv[1])))
        for i, (ida, a) in enumerate(parts):
            for idb, b in parts[i + 1:]:
                split = days_split_census._classify(day=day, event=event, size=len(members), a=a, b=b,
                                                    record=record, threshold=threshold,
                                                    layer_threshold=layer_threshold)
                arrival = split.stage
                if arrival == "lost to another story":
                    arrival = "over threshold, not joined (lede guard or a better story)"
                sa, sb = cl.stories.get(ida), cl.stories.get(idb)
                end, end_p = end_stage(cl, sa, sb) if sa is not None and sb is not None else ("no story", None)
                grams_a = [title_grams(texts[x][0].split(": ", 1)[-1]) for x in a]
                grams_b = [title_grams(texts[x][0].split(": ", 1)[-1]) for x in b]
                split_kind = kind(sa, sb, a, b, event_of, config.join_least)
                pairs.append(Pair(day, event, a, b, end, end_p, arrival,
                                  split.best.probability if split.best else None,
                                  any(texts[x][1] < SHORT for x in a + b),
                                  max(overlap(x, y) for x in grams_a for y in grams_b),
                                  bool(copies & set(a + b)),
                                  any(_midnight(times[x]) for x in a + b if x in times),
                                  min((abs((times[x] - times[y]).total_seconds()) / 3600 for x in a for y in b
                                       if x in times and y in times), default=0.0),
                                  split_kind, (len(sa.members) if sa else 0, len(sb.members) if sb else 0)))
    if keep is not None:
        keep.update(clusterer=cl, event_of=event_of, texts=texts, record=record)
    for pair in pairs:
        pair.a = [f"{texts[x][0][:40]}" for x in pair.a]
        pair.b = [f"{texts[x][0][:40]}" for x in pair.b]
    return pairs


def _midnight(when: Any) -> bool:
    return bool(when.hour == when.minute == when.second == 0)


def _band(p: float | None) -> str:
    if p is None:
        return "-"
    return ">= .5" if p >= 0.5 else ">= .3" if p >= 0.3 else ">= .1" if p >= 0.1 else "< .1"


def table(pairs: list[Pair], key: Any, head: str) -> None:
    rows: Counter[Any] = Counter()
    weight: Counter[Any] = Counter()
    example: dict[Any, Pair] = {}
    for p in pairs:
        k = key(p)
        rows[k] += 1
        weight[k] += p.weight
        example.setdefault(k, p)
    total = sum(weight.values()) or 1
    print(f"\n| {head} | fragment pairs | report pairs | share of report pairs | example |\n|---|---|---|---|---|")
    for k, n in sorted(rows.items(), key=lambda kv: -weight[kv[0]]):
        e = example[k]
        print(f"| {k} | {n} | {weight[k]} | {weight[k] / total:.0%} | {e.day} {e.a[0]} / {e.b[0]} |")
    print(f"| all | {sum(rows.values())} | {sum(weight.values())} | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    days_eval.add_setting_argument(parser)
    parser.add_argument("--list", action="store_true", help="one line per fragment pair")
    parser.add_argument("--half", type=int, metavar="SEED", help="a random half of the days (random.Random(SEED))")
    args = parser.parse_args()
    days = days_eval.census_days(args)
    if args.half is not None:
        days = sorted(random.Random(args.half).sample(days, len(days) // 2), key=lambda d: d.name)
    pairs: list[Pair] = []
    for day, folder, labels, config in days:
        found = census_day(day, folder, labels, config)
        pairs.extend(found)
        print(f"{day}: {len(found)} fragment pairs, {sum(p.weight for p in found)} report pairs", flush=True)
        if args.list:
            for p in found:
                ep = f"{p.end_p:.2f}" if p.end_p is not None else "-"
                ap = f"{p.arrival_p:.2f}" if p.arrival_p is not None else "-"
                print(f"  {p.event[:26]:26} {len(p.a)}x{len(p.b)} of {p.sizes[0]}/{p.sizes[1]} {p.kind[:14]:14} "
                      f"end {p.end:40} {ep:5} arr {p.arrival[:24]:24} "
                      f"{ap:5} ov {p.title_overlap:.2f}{' short' if p.short else ''}{' copy' if p.copy else ''} "
                      f"| {p.a[0]} | {p.b[0]}", flush=True)
    print(f"\n{len(days)} tuning days: " + " ".join(d.name for d in days))
    table(pairs, lambda p: p.end, "end stage")
    table(pairs, lambda p: (p.end, _band(p.end_p)) if p.end.startswith("small: small") or p.end.startswith("large: join")
          else p.end, "end stage, model band")
    table(pairs, lambda p: p.kind, "kind")
    table(pairs, lambda p: (p.kind, p.end), "kind, end stage")
    table(pairs, lambda p: p.arrival, "arrival stage")
    table(pairs, lambda p: f"{'pair of singles' if p.weight == 1 else 'larger'}; "
          f"{'titles share >= .5' if p.title_overlap >= 0.5 else 'titles share < .5'}; "
          f"{'short item' if p.short else 'both long'}", "size, title overlap, length")
    table([p for p in pairs if p.title_overlap >= 0.5], lambda p: p.end, "end stage, titles share >= .5")
    table(pairs, lambda p: ("a report dated at midnight" if p.midnight else "clock times")
          + ("; > 72 h apart" if p.hours > 72 else "; > 24 h apart" if p.hours > 24 else "; within 24 h"),
          "report times")


if __name__ == "__main__":
    main()
