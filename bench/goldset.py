"""The extraction gold set: annotations in the repo, documents read in place from the corpus.

The corpus is third-party data and never copied into the repository, so the gold set is a
*recipe*: ``bench/gold/annotations.json`` names each corpus file and gives its expected
metadata and two short cut markers (the first and last few characters of the true article
text). At run time this module reads the file, builds the HTML every extractor receives, and
slices the gold body out of that HTML's text with the markers. ``bench/gold/README.md``
explains how every annotation was derived.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

REPO_ROOT = Path(__file__).resolve().parent.parent
# Where the corpus is when nothing else names it; the loaders look where the package does (bench.corpus).
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
ANNOTATIONS = Path(__file__).resolve().parent / "gold" / "annotations.json"

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "hr", "pre",
}  # fmt: skip
_ANY_SPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000\r\f\v]+")


class GoldSetError(Exception):
    """The gold set cannot be loaded (missing corpus, bad annotation, marker not found)."""


@dataclass(slots=True)
class CorpusDocument:
    """One corpus file as a reader would see it."""

    path: str  # relative to the corpus root
    container: str  # "page_mirror" or "jekyll_post"
    title: str
    url: str
    feed_date: datetime | None  # the feed item's date (Jekyll front matter), if any
    html: str  # the minimal HTML document every extractor receives


@dataclass(slots=True)
class GoldPage:
    path: str
    outlet: str
    document: CorpusDocument
    title: str
    published_date: date | None  # the calendar date in the outlet's time zone; None = not known
    timezone: str  # IANA name of the outlet's newsroom time zone
    authors: list[str] | None = None  # None = not annotated (outlet has no credit convention)
    editors: list[str] | None = None
    body_text: str = ""


def _render_markdown(text: str) -> str:
    # GitHub renders these files as CommonMark with raw HTML kept; that is what a reader sees.
    return MarkdownIt("commonmark", {"html": True}).render(text)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip().strip('"')
    return fields, text[match.end() :]


def wrap_document(title: str, body_html: str, url: str = "", published: datetime | None = None) -> str:
    """The minimal HTML page around a feed item's or mirror page's content.

    It carries only what the container knows: the title, the original URL and, for feed
    items, the feed's date (as ``article:published_time``, the way a feed reader that saves
    the item would keep it). Every extractor gets exactly this string.
    """
    head = [f"<meta charset=\"utf-8\"><title>{escape(title)}</title>"]
    if url:
        head.append(f'<meta property="og:url" content="{escape(url)}">')
    if published is not None:
        head.append(f'<meta property="article:published_time" content="{published.isoformat()}">')
    return f"<!DOCTYPE html>\n<html><head>{''.join(head)}</head><body>\n{body_html}\n</body></html>"


def read_corpus_document(corpus: Path, relative_path: str) -> CorpusDocument:
    file = corpus / relative_path
    if not file.is_file():
        raise GoldSetError(f"gold set names {relative_path}, which is not in the corpus at {corpus}")
    text = file.read_text(encoding="utf-8")
    fields, rest = _front_matter(text)
    if fields:
        title = fields.get("title", "")
        url = fields.get("from", "")
        feed_date = datetime.fromisoformat(fields["date"].replace("Z", "+00:00")) if "date" in fields else None
        return CorpusDocument(
            relative_path, "jekyll_post", title, url, feed_date,
            wrap_document(title, _render_markdown(rest), url, feed_date),
        )  # fmt: skip
    heading = _HEADING.search(text)
    title = heading.group(1) if heading else ""
    original = re.search(r"原文地址[^：:]*[：:]\s*(\S+)", text)
    url = original.group(1) if original else ""
    return CorpusDocument(relative_path, "page_mirror", title, url, None, wrap_document(title, _render_markdown(text), url))


def html_to_text(html: str) -> str:
    """Visible text with block boundaries as newlines (scripts and styles dropped)."""
    if not html.strip():
        return ""
    root = lxml.html.document_fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    return block_text(root)


def _compact_index(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, and for each kept character its index in ``text``."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def slice_between(text: str, start: str, end: str) -> str:
    """The text from the start marker's first occurrence through the end marker's last one.

    Matching ignores whitespace. First/last (rather than "must be unique") because some
    articles repeat their opening sentence as a pull quote.
    """
    compact, positions = _compact_index(text)
    start_c = re.sub(r"\s+", "", start)
    end_c = re.sub(r"\s+", "", end)
    s = compact.find(start_c)
    if s < 0:
        raise GoldSetError(f"start marker {start!r} not found")
    e = compact.rfind(end_c)
    if e < s:
        raise GoldSetError(f"end marker {end!r} not found after the start marker")
    return text[positions[s] : positions[e + len(end_c) - 1] + 1]


def load_gold_set(
    corpus: Path | None = None, annotations: Path = ANNOTATIONS, *, lead_captions: bool = False
) -> list[GoldPage]:
    """The gold pages of ``corpus`` (default: where the package finds it, ``bench.corpus``); ``lead_captions``
    starts bodies at the lead image's caption where there is one (the alternative reading of "the article text",
    for a sensitivity run)."""
    from bench.corpus import corpus_candidates, find_corpus, missing_corpus

    if corpus is None:
        found = find_corpus()
        if found is None:
            raise GoldSetError(missing_corpus(corpus_candidates()) + "; or pass --corpus PATH")
        corpus = found
    if not corpus.is_dir():
        raise GoldSetError(f"the shared corpus is missing: {corpus} is not a folder")
    entries = json.loads(annotations.read_text(encoding="utf-8"))["pages"]
    pages: list[GoldPage] = []
    for entry in entries:
        document = read_corpus_document(corpus, entry["path"])
        try:
            start = entry.get("caption_start", entry["start"]) if lead_captions else entry["start"]
            body = slice_between(html_to_text(document.html), start, entry["end"])
        except GoldSetError as error:
            raise GoldSetError(f"{entry['path']}: {error}") from error
        pages.append(
            GoldPage(
                path=entry["path"],
                outlet=entry["outlet"],
                document=document,
                title=entry["title"],
                published_date=date.fromisoformat(entry["date"]) if entry.get("date") else None,
                timezone=entry["tz"],
                authors=entry.get("authors"),
                editors=entry.get("editors"),
                body_text=body,
            )
        )
    return pages


def block_text(root: lxml.html.HtmlElement, block_tags: set[str] | frozenset[str] = frozenset(_BLOCK_TAGS),
               drop_chars: dict[int, None] | None = None) -> str:
    """The text of ``root``, each block element on its own lines, runs of spaces collapsed.

    Shared by the corpus gold and the Chinese web-page gold (``bench/zh_gold.py``), which differ
    only in which tags start a block and which invisible characters they drop.
    """
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        block = tag in block_tags
        if block:
            parts.append("\n")
        if element.text and tag:
            parts.append(_ANY_SPACE.sub(" ", element.text))
        for child in element:
            walk(child)
            if child.tail:
                parts.append(_ANY_SPACE.sub(" ", child.tail))
        if block:
            parts.append("\n")

    walk(root)
    joined = "".join(parts)
    if drop_chars:
        joined = joined.translate(drop_chars)
    lines = (_SPACES.sub(" ", line).strip() for line in joined.split("\n"))
    return "\n".join(line for line in lines if line)
