"""How much of a story one comparison reads, and so how much a stored comparison may hold (safety75).

``compare_story`` read every sentence of every report: its cost grows about as the units to the power 1.8 (two
reports of 3,200 short synthetic sentences, 83,000 characters each: 46 s of CPU and 1.15 GB; six of 2,000: 165 s and
2.7 GB), and a fetched page may be 10 MB, an archive file 4 MiB. Grouping and the build compare every story they
change, so one long report stalled them. These bounds are set above every real story of the archive (whole-archive
figures, session 54's grouping; the days fresh for session 58 left out): an article's units at most 1,655 (50,700
characters), a story's at most 9,572 / 316,509 characters (one story: nine long lists of one outlet beside a short
report, the only one past the story bounds below; the next 3,245 / 118,562), at most 12 outlets, units x outlets at
most 38,940. Within them a comparison is what it was, byte for byte (no ALIGNMENT_VERSION bump); past them a report
is compared from its start, to its share.

A stored comparison is read only when it is one ``compare_story`` could have given within these bounds
(``stories.codec.decode``): the reader's page has a cell per fact and outlet, so a received comparison of 1,000
outlets and 1,000 one-sentence facts (10 KB stored) made a 65 MB page. One refused is stale, as one of an older
version: computed again from the story's reports (the reader computes on request only within its own bounds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsmirror.model import Article

MAX_REPORT_CHARS = 64_000  # of a report's body text
MAX_TITLE_CHARS = 1_000  # of its title (the longest real one: 103)
MAX_REPORT_UNITS = 2_000  # units (sentences, clauses of long ones) of one report
MAX_STORY_CHARS = 200_000  # of all reports' bodies together
MAX_STORY_UNITS = 5_000  # units of all reports together
# Units x outlets: the reader's and the site's grid walk each outlet's cell of each fact, and a fact has at most one
# unit of its own per cell shown. With more outlets a story's units are bounded tighter (past 20 outlets).
MAX_CELLS = 100_000
# A stored comparison's details and spellings (term -> outlets, term -> outlet -> form): entries and characters.
MAX_DETAIL_ENTRIES = MAX_CELLS


def share(sizes: Sequence[int], total: int) -> int | None:
    """The largest ``level`` such that ``sum(min(size, level))`` is at most ``total``; None when all sizes fit as
    they are. Short reports are kept whole and the long ones cut to one share: the first report is not the one
    a long story loses."""
    if sum(sizes) <= total:
        return None
    left = total
    ordered = sorted(sizes)
    for k, size in enumerate(ordered):
        rest = len(ordered) - k
        if size * rest > left:
            return left // rest
        left -= size
    return None  # not reached: the sizes did not fit


def _cut(text: str, limit: int) -> str:
    """``text``'s first ``limit`` characters, ending at a line's end where one is in their second half."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = head.rfind("\n")
    return head[: end + 1] if end >= limit // 2 else head


def bounded_reports(articles: Sequence[Article]) -> list[Article]:
    """The reports as a comparison reads them: a body of at most ``MAX_REPORT_CHARS`` and its share of
    ``MAX_STORY_CHARS``, a title of at most ``MAX_TITLE_CHARS``. A report within them is the same object."""
    sizes = [min(len(article.body_text), MAX_REPORT_CHARS) for article in articles]
    level = share(sizes, MAX_STORY_CHARS)
    out = []
    for article, size in zip(articles, sizes, strict=True):
        limit = size if level is None else min(size, level)
        if len(article.body_text) <= limit and len(article.title) <= MAX_TITLE_CHARS:
            out.append(article)
        else:
            out.append(replace(article, title=article.title[:MAX_TITLE_CHARS], body_text=_cut(article.body_text, limit)))
    return out


def unit_budget(outlets: int) -> int:
    """How many units a story of ``outlets`` outlets brings to its comparison, all reports together."""
    return min(MAX_STORY_UNITS, MAX_CELLS // max(outlets, 1))
