"""A reader of multi-event reports from their title and body, for the complete-story join's side guard.

Grouping closes a report's own story when its title has the strict form of a multi-event report
(``genre.multi_event_title``) or its body is a list of items (``digest.is_list_of_items``); the reports about
several events it leaves open (a market report titled by its news, a column's bulletin, a briefing without its
genre's word) may then be glued into a big event's story as a join's side (session 61, join106/join107). This
reader reads such an open report by general signals of its form, never by the text of a labelled example:

* how the body's paragraphs name things: how many paragraphs of 20+ characters, the share of named paragraphs
  naming what another one names, the share of its names named once, the share holding its most named name, the
  share naming a name of the title;
* paragraphs led by a bullet or an item's number, paragraphs led by a dateline (each item its own dispatch);
* market words and percentages (currency, indexes, rises and falls), their density;
* the title's form: the loose list of multi-event words (``digest.digest_title``: 市场, 综述 ... anywhere), a
  separator between clauses, commas;
* the body's length.

A logistic regression over ``FEATURES`` (``multi_model.toml``), fitted by ``bench/days_multi_reader.py`` on the
tuning days' reports that grouping leaves open, their ``[[multi]]`` lists as the answer, decides (session 62,
join108). ``ClusterConfig.join_guard`` counts a story's members it calls multi-event (``_StoryState.mixed``);
``joincomplete.kept_out`` keeps a pair whose side holds one out of the join pass.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

from newsmirror.stories.digest import digest_title
from newsmirror.stories.genre import multi_event_title
from newsmirror.stories.pairscore import PairModel, load_pair_model
from newsmirror.text.normalize import normalize
from newsmirror.text.tokenize import is_name, words

FEATURES = ("title_loose", "paragraphs", "repeating", "named_once", "top_name", "bullet_share", "bullets",
            "dateline_share", "datelines", "market", "market_density", "percents", "title_separator",
            "title_commas", "length", "title_names_share", "title_has_names")
MULTI_MODEL_FILE = Path(__file__).with_name("multi_model.toml")
_PARAGRAPH = 20  # characters of a paragraph counted (as ``digest.paragraph_names``)
_READ = 3000  # characters of the body read for market words and percentages

# An item's lead: a bullet, an item's number or a bracketed heading.
_BULLET = re.compile(r"^\s*(?:[●■□◆◇▶►•·\-–—＊*★☆▲△○◎]|\d{1,2}[\.、．)）]|[一二三四五六七八九十]{1,2}[、．]"
                     r"|（[一二三四五六七八九十\d]{1,2}）|【)")
# A dateline near a paragraph's start: 日电 / (… 电 / 报道 / 记者 …) / 综合报道.
_DATELINE = re.compile(r"^.{0,30}?(?:\d{1,2}日(?:电|電)|（[^）]{0,20}(?:电|電|报道|報導|记者|記者)[^）]{0,10}）"
                       r"|综合报道|綜合報導)")
# Market words (normalized: Simplified).
_MARKET = re.compile(r"汇率|人民币|美元|指数|收盘|股市|道琼斯|纳斯达克|标普|恒生|原油|金价|债券|涨|跌|点")
_PERCENT = re.compile(r"\d+(?:\.\d+)?%|百分之")
_SEPARATOR = re.compile(r"[；;|｜]|\s[/\-–—]\s")


def _naming(named: list[set[str]]) -> tuple[float, float, float]:
    """How the named paragraphs (``named``: each one's names, none empty) name things, for both readings: the share
    naming what another one names, the share of the names named once, the share holding the most named name."""
    seen = Counter(name for group in named for name in group)
    repeating = (sum(1 for g in named if any(seen[n] > 1 for n in g)) / len(named)) if named else 1.0
    once = sum(1 for c in seen.values() if c == 1) / max(len(seen), 1)
    top = seen.most_common(1)[0][1] / len(named) if named else 1.0
    return repeating, once, top


def reader_features(title: str, text: str) -> tuple[float, ...]:
    """``FEATURES`` of a report."""
    paragraphs = [p for p in (line.strip() for line in text.split("\n")) if len(p) >= _PARAGRAPH]
    count = len(paragraphs)
    named = [g for g in ({w for w in words(p) if len(w) >= 2 and is_name(w)} for p in paragraphs) if g]
    repeating, once, top = _naming(named)
    bullets = sum(1 for p in paragraphs if _BULLET.match(p))
    datelines = sum(1 for p in paragraphs if _DATELINE.match(p))
    normal_title = normalize(title)
    market = len(_MARKET.findall(normalize(text[:_READ])))
    length = len(text)
    title_names = {w for w in words(normal_title) if len(w) >= 2 and is_name(w)}
    title_share = (sum(1 for g in named if g & title_names) / len(named)) if named and title_names else 0.5
    return (float(digest_title(normal_title, normalized=True) or multi_event_title(normal_title, normalized=True)),
            math.log1p(count), repeating if count >= 3 else 1.0, once, top,
            bullets / max(count, 1), math.log1p(bullets), datelines / max(count, 1), math.log1p(datelines),
            math.log1p(market), market / max(length / 1000, 0.3) / 10, math.log1p(len(_PERCENT.findall(text[:_READ]))),
            float(bool(_SEPARATOR.search(title))), float(title.count("、") + title.count("，") >= 2),
            math.log1p(length), title_share, float(bool(title_names)))


def analysed_features(title: str, normal_title: str, title_names: set[str], paragraphs: list[str],
                      named: list[set[str]], lines: list[str], text: str) -> tuple[float, ...]:
    """``FEATURES`` of a report read from what ``StoryClusterer._analyse`` already holds (session 62, join109), with
    no second tokenisation or normalisation of the body: ``normal_title`` its normalised title, ``title_names`` the
    title's terms that are names, ``paragraphs`` the normalised lines of 20+ characters it reads (within
    ``body_chars``), ``named`` the names of each such line (``terms & names``), ``lines`` all its normalised lines;
    the raw ``title`` and ``text`` for the separators, commas, percent signs and the length (C-level counts) and
    for the leads of its lines (bullets and datelines: normalisation drops a symbol bullet and a dateline's
    brackets; a split and two anchored matches a line, no tokenisation)."""
    count = len(paragraphs)
    raw = [p for p in (line.strip() for line in text.split("\n")) if len(p) >= _PARAGRAPH]
    named = [g for g in named if g]
    repeating, once, top = _naming(named)
    bullets = sum(1 for p in raw if _BULLET.match(p))
    datelines = sum(1 for p in raw if _DATELINE.match(p))
    market = len(_MARKET.findall(" ".join(lines)[:_READ]))
    head = text[:_READ]
    percents = head.count("%") + head.count("％") + head.count("百分之")
    length = len(text)
    title_share = (sum(1 for g in named if g & title_names) / len(named)) if named and title_names else 0.5
    return (float(digest_title(normal_title, normalized=True) or multi_event_title(normal_title, normalized=True)),
            math.log1p(count), repeating if count >= 3 else 1.0, once, top,
            bullets / max(len(raw), 1), math.log1p(bullets), datelines / max(len(raw), 1), math.log1p(datelines),
            math.log1p(market), market / max(length / 1000, 0.3) / 10, math.log1p(percents),
            float(bool(_SEPARATOR.search(title))), float(title.count("、") + title.count("，") >= 2),
            math.log1p(length), title_share, float(bool(title_names)))


def multi_report(model: PairModel, title: str, text: str) -> bool:
    """Whether ``model`` reads a report as about several events (its probability at or above its threshold)."""
    return model.probability(reader_features(title, text)) >= model.threshold


def load_multi_model(path: Path = MULTI_MODEL_FILE) -> PairModel:
    return load_pair_model(path, FEATURES, refit="refit it with bench/days_multi_reader.py --write")


@cache
def default_multi_model() -> PairModel:
    """The packaged reader, read once per process."""
    return load_multi_model()
