"""The genre gate's closures against the labels: which recogniser closed each report as a multi-event story, and
whether the labels list it as multi-event (session 67, genre116; issue 14's recall).

Each tuning day is grouped by a fresh ``StoryClusterer`` (defaults, ``--set``), its reports added in grouping's order
(``store.unassigned_article_ids``, oldest first, as ``days_eval._clusterer_cpu``), then the event layer's pass and
the final complete-story join. ``StoryClusterer._is_digest`` is wrapped to record which recogniser closed each report:

* ``title: <words>`` (``genre.multi_event_title``, strict genre words; the matched text is given, its kind
  ``market`` for the market-report words, else ``briefing``);
* ``list of items`` (``digest.is_list_of_items``: paragraphs whose names seldom recur);
* ``daily programme`` (``genre.DailyProgrammes``) and ``column bulletin`` (``genre.ColumnLabels`` with
  ``genre.paragraphs_leave``), which need the days before: grouped alone, as ``days_eval`` groups a day by default;
* also, not a closure, ``multi model`` (``multi_model.toml``'s reader, ``read_multi``): the join pass's side guard.

Each labelled report (a file of the day's labels: ``[[multi]]``, a member of an ``[[event]]`` of 2+ files, else a
singleton) is counted by the first recogniser that fired, and each false closure (a labelled event member) by the
report pairs it costs: its labelled event-mates outside its final story (what B-cubed recall loses) and in all.

    python -m bench.genre_gate_census --days PATH/archived [--day D ...] [--list] [--set NAME=VALUE]

Only tuning days are read (``days_eval.census_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import days_eval  # noqa: E402

MARKET = ("收盘", "盘前", "盘中", "早盘", "午盘", "尾盘", "开盘", "汇市", "股市", "美股", "港股", "a股", "欧股", "亚股",
          "日股", "台股", "金价", "油价", "期货", "债市", "中间价")


def recorder(reasons: dict[str, str], bodies: dict[str, tuple[int, float]]) -> Any:
    """A replacement of ``StoryClusterer._is_digest`` recording, per document id, the recogniser that closed it
    (or '' when none did), deciding as the original does."""
    from newsmirror.stories.cluster import StoryClusterer, _normal_title
    from newsmirror.stories.genre import LEAD_SKIP, MULTI_EVENT_TITLE, bulletin_title_terms, paragraphs_leave

    def is_digest(self: StoryClusterer, doc: Any, digest: bool, paragraphs: list[set[str]]) -> bool:
        programme = self._programmes is not None and self._programmes.add(doc.outlet, doc.title, doc.time)
        label = self._columns.add(doc.outlet, doc.title, doc.time) if self._columns is not None else None
        if doc.digest is not None:
            reasons[doc.id] = "given" if doc.digest else ""
            return bool(doc.digest)
        column = label is not None and paragraphs_leave(bulletin_title_terms(doc.title, label), paragraphs)
        terms, later = bulletin_title_terms(doc.title), paragraphs[LEAD_SKIP:]
        bodies[doc.id] = (len(paragraphs), sum(1 for t in later if t & terms) / len(later) if later else 1.0)
        reason = ""
        if digest:
            found = MULTI_EVENT_TITLE.search(_normal_title(doc.title, self.config.name_forms))
            if found and self.config.strict_genre:
                words = found.group(0).strip()
                reason = f"title ({'market' if words in MARKET else 'briefing'}): {words}"
            else:
                reason = "list of items" if not found else "title (loose)"
        elif programme:
            reason = "daily programme"
        elif column:
            reason = "column bulletin"
        reasons[doc.id] = reason
        return digest or programme or column

    return is_digest


def census_day(day: Any) -> list[dict[str, Any]]:
    """One row per labelled report of ``day`` (a ``days_eval.CensusDay``)."""
    from newsmirror.stories.cluster import StoryClusterer
    from newsmirror.stories.stored import document_of

    labels = days_eval.load_day_labels(day.labels)
    reasons: dict[str, str] = {}
    bodies: dict[str, tuple[int, float]] = {}
    multi_read: dict[str, bool] = {}
    original = StoryClusterer._is_digest
    StoryClusterer._is_digest = recorder(reasons, bodies)  # type: ignore[method-assign]
    try:
        with days_eval.imported_day(day.folder) as (store, file_of):
            documents = [document_of(a) for a in (store.get_article(i) for i in store.unassigned_article_ids()) if a]
            ledes = {d.id: (d.outlet, d.title, " ".join(d.text.split())[:160]) for d in documents}
        clusterer = StoryClusterer(day.config)
        story_of: dict[str, str] = {}
        for document in documents:
            assignment = clusterer.add(document)
            story_of[document.id] = assignment.story_id
            multi_read[document.id] = bool(clusterer._multi_last)
        clusterer.link_events()
        clusterer.join_complete(final=True)
    finally:
        StoryClusterer._is_digest = original  # type: ignore[method-assign]
    final = {a: clusterer.resolve(s) for a, s in story_of.items()}
    by_event: defaultdict[str, list[str]] = defaultdict(list)
    for article, file in file_of.items():
        if file in labels.events and file not in labels.multi:
            by_event[labels.events[file]].append(article)
    rows = []
    for article, file in file_of.items():
        if article not in final:
            continue
        if file in labels.multi:
            label, mates = "multi", []
        elif file in labels.events and len(by_event[labels.events[file]]) >= 2:
            label, mates = "member", [m for m in by_event[labels.events[file]] if m != article]
        else:
            label, mates = "singleton", []
        apart = [m for m in mates if final.get(m) != final[article]]
        outlet, title, lede = ledes[article]
        rows.append({"day": day.name, "id": article, "file": file, "label": label, "reason": reasons.get(article, ""),
                     "multi_model": multi_read.get(article, False), "mates": len(mates), "apart": len(apart),
                     "event": labels.events.get(file, ""), "body": bodies.get(article, (0, 1.0)), "outlet": outlet, "title": title, "lede": lede})
    return rows


def recogniser(reason: str) -> str:
    return reason.split(":")[0] if reason else "open (not closed)"


def table(rows: list[dict[str, Any]]) -> None:
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        key = recogniser(row["reason"])
        counts[key][row["label"]] += 1
        counts[key]["apart"] += row["apart"] if row["reason"] else 0
        counts[key]["mates"] += row["mates"] if row["reason"] else 0
        if row["multi_model"]:
            model = "multi model (reader fires; not a closure)" + (" on a closed report" if row["reason"] else "")
            counts[model][row["label"]] += 1
            counts[model]["apart"] += row["apart"]
            counts[model]["mates"] += row["mates"]
    days = len({row["day"] for row in rows})
    multi_total = sum(row["label"] == "multi" for row in rows)
    print(f"{days} tuning days, {len(rows)} labelled reports, {multi_total} labelled multi-event")
    print("| recogniser | reports | true multi | labelled event member | labelled singleton | precision | "
          "mates apart (report pairs lost) | mates in all |")
    print("|---|---|---|---|---|---|---|---|")
    for key in sorted(counts, key=lambda k: (k.startswith("open"), k.startswith("multi model"), k)):
        c = counts[key]
        total = c["multi"] + c["member"] + c["singleton"]
        print(f"| {key} | {total} | {c['multi']} | {c['member']} | {c['singleton']} | {c['multi'] / max(total, 1):.3f} | "
              f"{c['apart']} | {c['mates']} |")
    closed = [r for r in rows if r["reason"]]
    hits = sum(r["label"] == "multi" for r in closed)
    print(f"closed {len(closed)}: precision {hits / max(len(closed), 1):.3f}, recall {hits / max(multi_total, 1):.3f} "
          f"of the labelled multi-event reports")
    words: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in closed:
        if row["reason"].startswith("title"):
            words[row["reason"].split(": ", 1)[1]][row["label"]] += 1
            words[row["reason"].split(": ", 1)[1]]["apart"] += row["apart"]
    print("\n| title words | multi | member | singleton | mates apart |\n|---|---|---|---|---|")
    for word, c in sorted(words.items(), key=lambda kv: -kv[1]["member"] - kv[1]["singleton"]):
        print(f"| {word} | {c['multi']} | {c['member']} | {c['singleton']} | {c['apart']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    days_eval.add_tuning_day_arguments(parser)
    days_eval.add_setting_argument(parser)
    parser.add_argument("--list", action="store_true", help="list every false closure (title and lede)")
    parser.add_argument("--save", type=Path, help="pickle the rows to FILE")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for day in days_eval.census_days(args):
        rows += census_day(day)
        print(day.name, len(rows), file=sys.stderr, flush=True)
    if args.save:
        args.save.write_bytes(pickle.dumps(rows))
    table(rows)
    if args.list:
        print()
        for row in sorted(rows, key=lambda r: (r["reason"] == "", -r["apart"])):
            if row["reason"] and row["label"] != "multi":
                print(f"- {row['day']} [{row['label']}, {row['reason']}, {row['apart']}/{row['mates']} mates apart; "
                      f"body {row['body'][0]} paragraphs, {row['body'][1]:.2f} name the title] "
                      f"{row['outlet']}: {row['title']} | {row['lede']}")
        print("\nlabelled multi-event reports left open:")
        for row in rows:
            if row["label"] == "multi" and not row["reason"]:
                print(f"- {row['day']} [multi model {'fires' if row['multi_model'] else 'silent'}] {row['outlet']}: "
                      f"{row['title']}")


if __name__ == "__main__":
    main()
