"""Extract: RawDocument -> clean Article (sanitized body, metadata).

``extract_article`` runs the container step (:mod:`.containers`), the generic cleaning pass with the
site's profile (:mod:`.clean`, :mod:`.profiles`), then the metadata helpers (:mod:`.datelines`,
:mod:`.credits`, :mod:`.page_meta`, :mod:`.urls`).
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.errors import ExtractionError
from newsmirror.extract.bylines import closing_credit, credit_line, meta_author, names_in, page_bylines
from newsmirror.extract.bylines_latin import byline_names, latin_authors, outlet_words
from newsmirror.extract.clean import clean_html
from newsmirror.extract.containers import container_body, parse_web_page
from newsmirror.extract.credits import find_credits
from newsmirror.extract.datelines import checked_by_url, date_from_url, publication_date
from newsmirror.extract.page_header import read_header, visible_lines
from newsmirror.extract.page_meta import (
    document_published,
    document_title,
    document_updated,
    htmldate_published,
    plain_title,
    script_published,
    stated_published,
    strip_site_suffix,
)
from newsmirror.extract.profiles import profile_for
from newsmirror.extract.relative import relative_by_headline, saved_at
from newsmirror.extract.stamps import (
    headline_clock,
    headline_end_clock,
    headline_line,
    headline_stamp,
    near_headline,
    time_elements,
    time_on_day,
)
from newsmirror.extract.urls import canonical_url
from newsmirror.extract.webpage import is_bare_document, last_resort_html, parse_document
from newsmirror.extract.zones import declared_url, known_zone, linked_site, page_language, site_zone
from newsmirror.model import Article, DocumentKind, RawDocument, utcnow
from newsmirror.outlets import normalize_outlet_name, outlet_for_url
from newsmirror.text.script import detect_script

__all__ = ["extract_article"]

_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_SUMMARY_LENGTH = 160
HEADER_BLOCKS = 300  # blocks of the headline's neighbourhood read for its stamp
CREDIT_PARAGRAPHS = 4  # paragraphs at the end of the text where a closing credit may stand (tuned: zh tune)


def _looks_cjk(*texts: str) -> bool:
    sample = "".join(text[:2000] for text in texts)
    return len(_CJK_CHAR.findall(sample)) >= 8


UNTITLED_SAMPLE = 300  # blocks of a page without a <title> whose visible text tells its script


def _chinese_page(document: HtmlElement) -> bool:
    title = plain_title(document)
    if title.strip():
        return len(_CJK_CHAR.findall(title)) >= 2
    # no <title> (old portals, blog hosts): the page's visible text tells (the body element's own
    # text is only what stands before its first child, often nothing)
    return _looks_cjk(" ".join(visible_lines(document, UNTITLED_SAMPLE)))


def _outlet(raw: RawDocument) -> str:
    if raw.outlet_hint:
        return normalize_outlet_name(raw.outlet_hint)
    known = outlet_for_url(raw.url)
    if known:
        return known.name
    try:
        return (urlsplit(raw.url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _summary(paragraphs: list[str], captions: set[str]) -> str:
    for paragraph in paragraphs:
        if len(paragraph) >= 20 and paragraph not in captions:
            return paragraph if len(paragraph) <= _SUMMARY_LENGTH else paragraph[:_SUMMARY_LENGTH] + "…"
    return ""


def _crawl_time(raw: RawDocument) -> datetime | None:
    """When the page was read: the fetcher's word, else the saved page's own record; never "now"
    (asked only when a relative or yearless stamp needs it)."""
    return raw.fetched_at or saved_at(raw.content)


def _with_script_time(day: datetime, script: datetime | None) -> datetime:
    """A day without its time of day (local midnight: a day-only stamp or metadata value) and the
    instant a page script states for publication in Unix seconds: the script's instant when it falls
    on that day in the day's own offset (WeChat prints "2018-04-06" and keeps ``var ct`` in a script),
    shown in that offset; a script instant on another day is some other time (a save, an edit)."""
    if script is None or day.tzinfo is None:
        return day
    local = script.astimezone(day.tzinfo)
    return local if local.date() == day.date() else day


def _published(raw: RawDocument, body_text: str, feed_stamp: str, page_date: datetime | None, *,
               zone: str, page_url: str, relative: datetime | None = None) -> datetime | None:
    url_date = date_from_url(page_url, zone)
    found = publication_date(page_date=page_date, container_date=raw.published_hint, text=body_text,
                             stamps=[feed_stamp] if feed_stamp else [], url_date=url_date, zone=zone)
    if found is not None and raw.kind == DocumentKind.WEB_PAGE and found.time() == time(0):
        found = _with_script_time(found, script_published(raw.content))
    if found is None and raw.kind == DocumentKind.WEB_PAGE:
        found = script_published(raw.content)  # a page that prints only "昨天" may keep the instant in a script
        # a relative stamp by the headline ("3小时前"), resolved against a known crawl time
        found = found or relative
        if found is None:
            # nothing of ours dates the page: htmldate's reading of it (the parsed tree was consumed)
            with contextlib.suppress(ValueError, etree.ParserError):
                found = htmldate_published(parse_document(raw.content), page_url, zone)
    if found is not None and raw.kind == DocumentKind.WEB_PAGE:
        found = checked_by_url(found, url_date)
    return found


# How far a publication time may lie after the download of its copy: a stamp in another zone than it says, a feed
# that dates an item at the hour it is scheduled for. Beyond that it is no publication time.
DOWNLOAD_SLACK = timedelta(days=1)


def _not_after_download(published: datetime | None, fetched_at: datetime | None) -> datetime | None:
    """``published``, or the download time when it lies more than :data:`DOWNLOAD_SLACK` after it.

    Every newest-first list (the reader's home, an outlet's page, the feeds, the built indexes, the stories ordered
    by their newest report) sorts by publication time: one feed dating its items 2099 would head them all for
    good. Only a fetched copy is checked (an archive's copy has no download time: imports are never changed)."""
    if published is not None and fetched_at is not None and published > fetched_at + DOWNLOAD_SLACK:
        return fetched_at
    return published


def _prints_stated_clock(shown: datetime, stated: datetime | None, url: str) -> bool:
    """Whether a stamp the page prints without a zone (``shown``: read in the site's zone, with its time of day)
    is the clock of the metadata's value in the offset that value states (``stated``, from
    :func:`stated_published`): "2026-12-01 02:00" printed, "2026-12-01T02:00:00+00:00" stated. The page then
    printed the time in the metadata's offset, and the offset the metadata states outranks the zone the
    stamp was read in, a guess from the site's address or language.

    Not when the stated offset is UTC and the site's zone is known (its profile or country domain): a CMS
    that labels the local clock as UTC writes that too (``stamps._local_time_labelled_utc``, a Berlin
    page), and a known zone is better evidence than a UTC label."""
    if stated is None or stated.utcoffset() == shown.utcoffset():
        return False  # no stated offset, or the same reading of the same clock
    if stated.utcoffset() == timedelta(0) and known_zone(url):
        return False
    return (stated.date(), stated.hour, stated.minute) == (shown.date(), shown.hour, shown.minute)


def _stamp_by_headline(document: HtmlElement, headline: str, page_date: datetime | None, zone: str,
                       url: str, lines: list[str] | None = None, stated: datetime | None = None) -> datetime | None:
    """The publication time from the stamp printed by the headline, when it shows the
    time of day in a zone the page states or the site's country gives (metadata is often a
    server's or CMS's guess), else the metadata, else the stamp's day. ``lines``: the page's
    :func:`visible_lines` when already computed; ``stated``: the metadata's value in the offset it states
    (:func:`_prints_stated_clock`)."""
    if lines is None:
        around = near_headline(document, headline)
        if around is document and page_date is not None:
            return page_date  # no heading holds the headline: reading the whole page rarely pays
        lines = visible_lines(around, HEADER_BLOCKS)
    found = headline_stamp(lines, headline, zone, time_elements(document))
    if found is None:
        if page_date is not None and page_date.time() == time(0) and (clock := headline_clock(lines, headline)):
            # metadata gave the day only; the stamp by the headline shows only the time of day
            return page_date.replace(hour=clock[0], minute=clock[1])
        return page_date
    stamp, before_text = found
    if not before_text:
        # below the first paragraph: the article's date only when the page gives none at all
        return page_date or stamp.value
    if page_date is None or (stamp.has_time and (stamp.stated_zone or bool(known_zone(url)))
                             and (stamp.stated_zone or not _prints_stated_clock(stamp.value, stated, url))):
        return stamp.value
    if page_date.time() == time(0) and stamp.value.time() != time(0) and page_date.date() == stamp.value.date():
        return stamp.value  # metadata gave the day only; the stamp's <time> value has the time of day
    return page_date


def _printed_headline(document: HtmlElement, around: HtmlElement, lines: list[str], headline: str,
                      zone: str) -> tuple[str, list[str]]:
    """The headline and the lines to read its stamp and byline in: the heading's neighbourhood,
    unless no heading holds the headline or no stamp stands by that heading (a heading in the
    text that repeats a shortened headline); then the page's line that prints the title, if any
    (the whole page's lines are read only then)."""
    if around is not document and headline_stamp(lines, headline, zone, time_elements(document)) is not None:
        return headline, lines
    page_lines = lines if around is document else visible_lines(document, HEADER_BLOCKS)
    titles = {plain_title(document), document.findtext(".//title") or ""}
    shown = headline_line(page_lines, " | ".join(title for title in titles if title.strip()))
    return (shown, page_lines) if shown is not None else (headline, lines)


def extract_article(raw: RawDocument) -> Article:
    """Clean one raw document into an Article; raises ExtractionError when no article text is left."""
    profile = profile_for(raw.url)
    page_date: datetime | None = None
    page_headline = ""
    web_page = False
    header_authors: list[str] = []
    editor_authors: list[str] = []
    columnists: list[str] = []
    meta_names: list[str] = []
    latin_names: list[str] = []
    lines: list[str] | None = None
    page_url = raw.url
    zone = profile.timezone or "Asia/Shanghai"  # the zone of most datelines in the archives
    relative: datetime | None = None
    if raw.kind == DocumentKind.WEB_PAGE:
        document = parse_web_page(raw)  # parsed once: metadata first, then the body finders consume it
        web_page = not is_bare_document(document)
        chinese = _chinese_page(document)
        if web_page:
            # naive dates of a page are in its site's zone; a saved page may only say where it lives
            page_url = raw.url or declared_url(document)
            zone = site_zone(page_url or linked_site(document), chinese=chinese, language=page_language(document),
                             document=document)
        page_date = document_published(document, raw.url, zone if web_page else None)
        stated = stated_published(document, raw.url, zone if web_page else None) if page_date is not None else None
        # the stamp/byline reader and the visible-headline rule are written for Chinese pages
        lines = visible_lines(document) if web_page and chinese else None
        # rendered archive files and feed items carry their headline as the title, as it is
        page_headline = raw.title_hint or (document_title(document, lines or []) if web_page
                                           else plain_title(document))
        if lines is not None:
            meta_names = meta_author(document, lines)  # read before the body finders prune the head
            # a Latin-script byline by the headline ("By John Smith" on a Chinese edition), last resort
            latin_names = byline_names(lines, page_headline, outlet_words(document, page_url), bare=True)
            headings = tuple(text for h1 in document.iter("h1") if (text := h1.text_content().strip()))
            # the year of a stamp printed without one: from the page's metadata or its address
            reference = page_date or document_updated(document, zone) or date_from_url(page_url, zone) \
                or _crawl_time(raw)
            header = read_header(lines, page_headline, zone, headings, reference)
            header_authors, editor_authors, columnists = header.authors, header.editor_authors, header.columnists
            # the stamp the page prints under its headline is what the outlet states; metadata
            # only wins over a stamp that has no time of day
            # (a stamp among or below the text is taken only when the page gives no other date)
            if header.published is not None and header.has_time and not header.stated_zone \
                    and page_date is not None and _prints_stated_clock(header.published, stated, page_url):
                # a stamp printed without a zone that shows the metadata's clock in the offset the metadata
                # states: the same moment, told exactly by the metadata (the stamp was read in a guessed
                # zone); the metadata's instant stays
                pass
            elif header.published is not None and (page_date is None or (header.has_time and header.before_text)):
                # no metadata and a day-only stamp: a <time> that prints that day may hold its time
                page_date = header.published if header.has_time or page_date is not None \
                    else time_on_day(document, header.published, zone) or header.published
            elif header.published is not None and header.before_text and page_date is not None \
                    and page_date.astimezone(header.published.tzinfo).date() != header.published.date():
                # a day under the headline that the metadata contradicts: the page's visible word
                # wins (metadata fills in only the parts a stamp lacks, on the stamp's own day),
                # unless a script wrote that day from a <time> element's instant in the reader's zone
                page_date = (None if header.has_time else time_on_day(document, header.published, zone, rendered=True)) \
                    or header.published
            elif header.published is None and page_date is None:
                # no stamp below the headline and no metadata: a stamp just above it, or a <time>
                page_date = _stamp_by_headline(document, page_headline, None, zone, page_url, lines)
            if page_date is None and header.published is None:
                found = relative_by_headline(lines, (page_headline, *headings), _crawl_time(raw), zone)
                relative = found.value if found is not None else None
        elif web_page:
            around = near_headline(document, page_headline)
            # the headline's neighbourhood holds its stamp and byline (on a page whose headline no
            # heading holds, the stamp is read from the whole page only when metadata gives no date
            # or a line prints the title)
            around_lines = visible_lines(around, HEADER_BLOCKS)
            shown, shown_lines = _printed_headline(document, around, around_lines, page_headline, zone)
            page_date = _stamp_by_headline(document, shown, page_date, zone, page_url,
                                           shown_lines if around is not document or shown != page_headline
                                           else None, stated)
            header_authors = latin_authors(document, around, shown_lines, shown, page_url)
            if page_date is None:
                found = relative_by_headline(shown_lines, (shown,), _crawl_time(raw), zone)
                relative = found.value if found is not None else None
        if page_date is not None and page_date.time() == time(0) and (clock := headline_end_clock(page_headline)):
            # a day-only stamp or value; the headline closes with the time of day in brackets
            page_date = page_date.replace(hour=clock[0], minute=clock[1])
        body = container_body(raw, profile, document)
    else:
        body = container_body(raw, profile)
    title = strip_site_suffix(page_headline or raw.title_hint, raw.url)
    cleaned = clean_html(body, profile, title=title, cjk=_looks_cjk(title, body), base_url=raw.url,
                         web_page=web_page)
    paragraphs = cleaned.paragraphs
    if not paragraphs and web_page:
        # the cleaning rules emptied the chosen region: readability's view of the page, plainly cleaned
        fallback = last_resort_html(raw.content)
        if fallback:
            cleaned = clean_html(fallback, profile, title=title, cjk=_looks_cjk(title, fallback), base_url=raw.url)
            paragraphs = cleaned.paragraphs
    if not paragraphs:
        raise ExtractionError(f"{raw.origin or raw.url}: no article text left after cleaning")
    body_text = "\n\n".join(paragraphs)
    if not title:
        title = paragraphs[0][:80]
    # credits are looked for in the text together with the label lines trimmed off its ends
    credit_lines = [*cleaned.trimmed_head, *paragraphs, *cleaned.trimmed_tail]
    authors, editors = find_credits(credit_lines)
    if web_page and not authors and not header_authors:
        # a byline opening or closing the text ("新京报讯（记者 某某）", "（记者 某某）"), a name in
        # brackets closing the last paragraph, else the page's author metadata if the page shows it
        for paragraph in [*credit_lines[:2], *credit_lines[-2:]]:
            header_authors.extend(name for name in names_in(paragraph) if name not in header_authors)
        if not header_authors and lines is not None:
            # a page may set a promo or notice below the article's last paragraph: the closing
            # credit is looked for in the last few paragraphs, the nearest the end first
            closing = credit_line(cleaned.trimmed_tail[0]) if cleaned.trimmed_tail else []
            closing = closing or next((names for paragraph in reversed(paragraphs[-CREDIT_PARAGRAPHS:])
                                       if (names := closing_credit(paragraph))), [])
            header_authors = page_bylines(lines) or closing or meta_names or latin_names or columnists \
                or editor_authors
    for name in [*re.split(r"\s*[,，]\s*", cleaned.feed_byline), raw.author_hint, *header_authors]:
        name = name.strip()
        if name and name not in authors:
            authors.append(name)
    outlet = _outlet(raw)
    outlet_names = {outlet, normalize_outlet_name(raw.extra.get("feed", ""))}
    tags: list[str] = []
    for tag in [*cleaned.tags, *raw.tags_hint]:
        if tag and tag not in tags and normalize_outlet_name(tag) not in outlet_names:
            tags.append(tag)
    published = _not_after_download(_published(raw, body_text, cleaned.feed_date, page_date, zone=zone,
                                               page_url=page_url, relative=relative), raw.fetched_at)
    return Article(
        outlet=outlet,
        title=title,
        original_url=raw.url,
        canonical_url=canonical_url(raw.url),
        published_at=published,
        fetched_at=raw.fetched_at or utcnow(),
        crawled_at=raw.fetched_at,  # the fetcher's word only: an archive's copy has no crawl time
        authors=authors,
        editors=editors,
        body_html=cleaned.html,
        body_text=body_text,
        images=cleaned.images,
        tags=tags,
        channel=raw.channel_hint,
        script=detect_script(f"{title}\n{body_text}"),
        summary=raw.summary_hint.strip() or _summary(paragraphs, {image.caption for image in cleaned.images}),
        guid=raw.guid,
        source_id=raw.source_id,
        origin=raw.origin,
    )

