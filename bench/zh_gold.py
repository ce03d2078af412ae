"""Hand-made gold for saved Chinese news pages (``../shared/extraction/zh-pages``).

The pages are third-party and never copied into the repository, so the gold is a *recipe*
(``bench/zhgold/annotations.json``): for every page its path under zh-pages/, site, split,
title, date, author, and the body as cut markers over the page's visible text. At run time
this module decodes the saved HTML, renders its visible text (:func:`page_text`) and cuts the
body out with the markers (:func:`cut_body`). No extractor is involved: the markers were
chosen by reading each page (``bench/zhgold/README.md`` says how).

Recipe of a body:

* ``start`` / ``end``: strings, each occurring exactly once in the page text (whitespace
  ignored); the body runs from the first character of ``start`` through the last of ``end``;
* ``drop`` (optional): in-body junk lying between them (captions, ads, related links). A
  string drops every body line that contains it (it must occur exactly once in the page text);
  a pair ``[first, last]`` drops the lines from the one containing ``first`` through the one
  containing ``last``; ``{"equal": text}`` drops every body line that is exactly ``text``
  (repeated widget labels such as 分享; it must match at least one line).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import lxml.html

from bench.goldset import block_text

REPO_ROOT = Path(__file__).resolve().parent.parent
ZH_PAGES = REPO_ROOT.parent / "shared" / "extraction" / "zh-pages"
ANNOTATIONS = Path(__file__).resolve().parent / "zhgold" / "annotations.json"
SPLITS = ("tune", "test")


def split_of(site: str) -> str:
    """The split of a site, fixed before any page was labelled: ``test`` when the SHA-256 of
    ``"zhgold:" + site`` is even. Whole sites go to one side, so no site is in both splits."""
    return "test" if int(hashlib.sha256(f"zhgold:{site}".encode()).hexdigest(), 16) % 2 == 0 else "tune"


class ZhGoldError(Exception):
    """The Chinese gold cannot be loaded (pages missing, a recipe that no longer resolves)."""


@dataclass(frozen=True)
class GoldPage:
    path: Path  # the saved page (absolute)
    site: str
    split: str  # "tune" | "test"
    title: str
    published: str | None  # ISO 8601 with offset; None = the page shows no date
    author: str | None  # the reporter(s) named, "、"-joined; None = none named
    body: str


# --- decoding ------------------------------------------------------------------------------

_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DECLARED = re.compile(
    rb"""<\?xml[^>]*encoding=["']?([A-Za-z0-9_-]+)|<meta[^>]+charset=["']?\s*([A-Za-z0-9_-]+)""", re.I
)
# A page labelled GB2312/GBK uses GBK's extra characters in practice; GB18030 is their superset.
# Big5 pages use the HKSCS extensions for the same reason.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030",
              "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-big5": "big5hkscs"}  # fmt: skip


def decode_page(data: bytes) -> str:
    """The page as text: a BOM first, then strict UTF-8 (many saved pages were re-encoded to
    UTF-8 but kept their old ``charset=gb2312`` label), then the declared charset, then GB18030."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _DECLARED.search(data[:4096])
    declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else "gb18030"
    try:
        return data.decode(_SUPERSETS.get(declared, declared), errors="replace")
    except LookupError:
        return data.decode("gb18030", errors="replace")


# --- visible text --------------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "th", "thead", "tfoot", "tr", "ul",
}  # fmt: skip
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg")
_ANY_SPACE = re.compile(r"\s+")
_END_OF_DOCUMENT = re.compile(r"</(?:body|html)\s*>", re.I)
_FORMAT_CHARS = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # invisible when rendered


def page_text(html: str | bytes) -> str:
    """Visible text of a page: invisible elements dropped, block elements on their own lines."""
    text = decode_page(html) if isinstance(html, bytes) else html
    # lxml refuses a str that carries an encoding declaration; the text is already decoded.
    text = _XML_DECL_TEXT.sub("", text).strip()
    # A browser keeps rendering after a stray </body> or </html> (content after it joins the
    # body); libxml2 drops it, so remove those end tags first.
    text = _END_OF_DOCUMENT.sub("", text)
    if not text:
        return ""
    root = lxml.html.document_fromstring(text)
    for bad in root.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        bad.drop_tree()
    for hidden in root.xpath("//*[@hidden]"):
        hidden.drop_tree()
    return block_text(root, _BLOCK_TAGS, _FORMAT_CHARS)


# --- cutting -------------------------------------------------------------------------------


def _compact_index(text: str) -> tuple[str, list[int]]:
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _find_unique(compact: str, marker: str, what: str) -> int:
    needle = _ANY_SPACE.sub("", marker)
    if not needle:
        raise ZhGoldError(f"{what} marker is empty")
    first = compact.find(needle)
    if first < 0:
        raise ZhGoldError(f"{what} marker {marker!r} not found in the page text")
    if compact.find(needle, first + 1) >= 0:
        raise ZhGoldError(f"{what} marker {marker!r} occurs more than once in the page text")
    return first


DropMarker = str | list[str] | dict[str, str]


def cut_body(text: str, start: str, end: str, drop: list[DropMarker] | None = None) -> str:
    """The body between the ``start`` and ``end`` markers minus the ``drop`` lines (see module doc)."""
    compact, positions = _compact_index(text)
    s = _find_unique(compact, start, "start")
    e = _find_unique(compact, end, "end") + len(_ANY_SPACE.sub("", end)) - 1
    if e < s:
        raise ZhGoldError(f"end marker {end!r} lies before the start marker {start!r}")
    body_from, body_to = positions[s], positions[e] + 1
    lines = text[body_from:body_to].split("\n")
    line_starts = [body_from]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    def line_of(marker: str) -> int:
        at = positions[_find_unique(compact, marker, "drop")]
        if not body_from <= at < body_to:
            raise ZhGoldError(f"drop marker {marker!r} lies outside the body")
        return max(i for i, begin in enumerate(line_starts) if begin <= at)

    dropped: set[int] = set()
    for item in drop or []:
        if isinstance(item, dict):
            equal = _ANY_SPACE.sub("", item["equal"])
            hits = {i for i, line in enumerate(lines) if _ANY_SPACE.sub("", line) == equal}
            if not hits:
                raise ZhGoldError(f"drop marker {item!r} matches no body line")
            dropped.update(hits)
            continue
        first, last = (item, item) if isinstance(item, str) else (item[0], item[1])
        a, b = line_of(first), line_of(last)
        if b < a:
            raise ZhGoldError(f"drop range {item!r} is reversed")
        dropped.update(range(a, b + 1))
    body = "\n".join(line for i, line in enumerate(lines) if i not in dropped).strip()
    if not body:
        raise ZhGoldError("the recipe yields an empty body")
    return body


# --- loading -------------------------------------------------------------------------------


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ZhGoldError(f"date {value!r} has no UTC offset")
    return value


def load_annotations(annotations: Path = ANNOTATIONS) -> list[dict]:
    return list(json.loads(annotations.read_text(encoding="utf-8"))["pages"])


def day_only_paths(pages_dir: Path = ZH_PAGES, annotations: Path = ANNOTATIONS) -> frozenset[Path]:
    """Pages whose date the page gives as a day only (``published`` is local midnight): score
    these by calendar day, not by instant."""
    return frozenset(
        pages_dir / entry["path"] for entry in load_annotations(annotations) if entry.get("date_only")
    )


def load_zh_gold(
    split: str | None = None, pages_dir: Path = ZH_PAGES, annotations: Path = ANNOTATIONS
) -> list[GoldPage]:
    """The gold pages, all or one split (``"tune"`` or ``"test"``: never tune on ``"test"``)."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    if not pages_dir.is_dir():
        raise ZhGoldError(
            f"the saved Chinese pages are missing: expected them at {pages_dir} "
            "(../shared/extraction/zh-pages relative to the repository root). Check out the project "
            "with its shared/ folder beside the repository."
        )
    gold: list[GoldPage] = []
    for entry in load_annotations(annotations):
        if split is not None and entry["split"] != split:
            continue
        file = pages_dir / entry["path"]
        if not file.is_file():
            raise ZhGoldError(f"gold names {entry['path']}, which is not in {pages_dir}")
        try:
            body = cut_body(page_text(file.read_bytes()), entry["start"], entry["end"], entry.get("drop"))
            published = _check_date(entry["published"])
        except (ZhGoldError, ValueError) as error:
            raise ZhGoldError(f"{entry['path']}: {error}") from error
        gold.append(
            GoldPage(file, entry["site"], entry["split"], entry["title"], published, entry["author"], body)
        )
    return gold
