"""Scoring for the extraction benchmark: body tokens, title, date and credit accuracy.

Body tokens are CJK characters and Latin words (letters/digits runs, case-folded, after NFKC),
compared as bags (multisets): precision = |pred ∩ gold| / |pred|, recall = |pred ∩ gold| / |gold|.
Punctuation and whitespace are not tokens, so markup and spacing choices do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

_TOKEN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"  # one CJK ideograph
    r"|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+"  # a run of letters/digits
)


def tokens(text: str) -> Counter[str]:
    """CJK characters one by one, Latin (and other alphabetic) words whole, digits as words."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def overlap(predicted: Counter[str], gold: Counter[str]) -> tuple[int, int, int]:
    """(matched, predicted total, gold total) token counts."""
    matched = sum((predicted & gold).values())
    return matched, sum(predicted.values()), sum(gold.values())


def prf(matched: int, predicted_total: int, gold_total: int) -> PRF:
    precision = matched / predicted_total if predicted_total else (1.0 if not gold_total else 0.0)
    recall = matched / gold_total if gold_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def body_prf(predicted_text: str, gold_text: str) -> PRF:
    return prf(*overlap(tokens(predicted_text), tokens(gold_text)))


def normalize_title(title: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title)).casefold()


def title_correct(predicted: str | None, gold: str) -> bool:
    """Same headline, ignoring width variants, case and whitespace."""
    return predicted is not None and normalize_title(predicted) == normalize_title(gold)


def parse_predicted_date(value: object) -> datetime | date | None:
    """Baselines report dates as strings in various shapes; newsmirror as aware datetimes."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    match = re.match(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})", text)
    if match:
        return date(*map(int, match.groups()))
    return None


def date_correct(predicted: object, gold: date, timezone: str) -> bool:
    """The predicted publication falls on the gold calendar day in the outlet's time zone.

    An aware datetime is converted to that zone first. A naive datetime or bare date is taken
    as already local (lenient to extractors that drop the zone).
    """
    value = parse_predicted_date(predicted)
    if value is None:
        return False
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(timezone))
        return value.date() == gold
    return value == gold


def normalize_name(name: str) -> str:
    return re.sub(r"[\s·・.]+", "", unicodedata.normalize("NFKC", name)).casefold()


def names_correct(predicted: list[str] | None, gold: list[str]) -> bool:
    """Exactly the gold set of people (order-free); no credits expected means none predicted."""
    return {normalize_name(n) for n in (predicted or []) if n.strip()} == {normalize_name(n) for n in gold}


# --- trafilatura's evaluation set: snippet counts --------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(slots=True)
class SnippetCounts:
    """Counts of trafilatura's evaluation (its tests/eval_common.py), summed over pages."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, output: str, with_snippets: list[str], without_snippets: list[str]) -> None:
        """``with`` snippets found are true positives, missed false negatives; ``without``
        snippets found are false positives, absent true negatives (whitespace normalized)."""
        text = normalize_space(output)
        for snippet in with_snippets:
            if text and normalize_space(snippet) in text:
                self.tp += 1
            else:
                self.fn += 1
        for snippet in without_snippets:
            if text and normalize_space(snippet) in text:
                self.fp += 1
            else:
                self.tn += 1

    def prf(self) -> PRF:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return PRF(precision, recall, f1)

    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0


# --- the Chinese gold: dates with their zone, author names ------------------------------------


def date_day_correct(predicted: object, gold: datetime) -> bool:
    """Same calendar day as the gold in the gold's own UTC offset (a naive value counts as local)."""
    value = parse_predicted_date(predicted)
    if value is None:
        return False
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(gold.tzinfo)
        return value.date() == gold.date()
    return value == gold.date()


def date_instant_correct(predicted: object, gold: datetime) -> bool:
    """The same moment, zone included: an aware datetime within a minute of the gold. Where the
    page shows only a day (gold at local midnight), the same day in the gold's offset with a zone."""
    value = parse_predicted_date(predicted)
    if not isinstance(value, datetime) or value.tzinfo is None:
        return False
    if gold.hour == gold.minute == gold.second == 0:
        return value.astimezone(gold.tzinfo).date() == gold.date()
    return abs((value - gold).total_seconds()) < 60


def author_correct(predicted: list[str] | None, gold: str | None) -> bool:
    """The same people as the gold ("、"-joined names; None = the page names nobody)."""
    gold_names = [name for name in re.split(r"[、,，;；/]", gold or "") if name.strip()]
    return names_correct(predicted, gold_names)
