"""A second article on the page: infinite scroll loads the next article under the first, in the same column,
set in the same template. Its headline repeats the page headline's element (the same tag and class, or the
same wrapper), with another text; the region finder would take both articles as one text.

Structural evidence only: the page's headline is the first ``<h1>`` whose text the page's ``<title>`` (or
``og:title``) holds; a later element with the tag and class of that headline or of its wrapper, holding a
different text, after a stretch of running text, with running text of its own below, starts another article.
It goes with everything after it inside the column both articles share.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsmirror.extract.dom import text_content

ARTICLE_TEXT = 150  # visible characters: the first article's text before the second headline, and the second's
BEFORE_HEADLINE = 40  # visible characters outside links in the second article's block before its headline, at most
HEADLINE_LENGTH = (6, 100)  # visible characters of a headline, at least and at most
_SENTENCE_MARKS = frozenset("。！？；，.!?;")


def _squeezed(text: str | None) -> str:
    return "".join((text or "").split())


def _page_titles(document: HtmlElement) -> list[str]:
    titles = [_squeezed(text_content(title)) for title in document.iter("title")]
    titles += [_squeezed(meta.get("content")) for meta in document.iter("meta")
               if meta.get("property") == "og:title"]
    return [title for title in titles if title]


def _headline(document: HtmlElement) -> HtmlElement | None:
    """The first ``<h1>`` whose text a page title holds (not a logo or a section name set in an h1)."""
    titles = _page_titles(document)
    for heading in document.iter("h1"):
        text = _squeezed(text_content(heading))
        if len(text) >= 4 and any(text in title or title in text for title in titles):
            return heading
    return None


def _signatures(headline: HtmlElement) -> set[tuple[str, str]]:
    """(tag, class) of the headline and of its wrapper, when the wrapper shows nothing else."""
    found = set()
    if headline.get("class"):
        found.add((headline.tag, headline.get("class", "")))
    parent = headline.getparent()
    if parent is not None and parent.get("class") \
            and _squeezed(text_content(parent)) == _squeezed(text_content(headline)):
        found.add((parent.tag, parent.get("class", "")))
    return found


def _reads_as_text(text: str) -> bool:
    return len(text) >= ARTICLE_TEXT and sum(ch in _SENTENCE_MARKS for ch in text) >= 2


def _text_between(start: HtmlElement, end: HtmlElement) -> str:
    """The visible text from ``start`` on (its own text excluded unless ``end`` stands inside it) to ``end``, in
    document order."""
    parts: list[str] = []
    around_end = set(end.iterancestors())
    encloses = start in around_end
    inside = False
    for node in start.getroottree().getroot().iter():
        if node is end:
            break
        if node is start:
            inside = True
            if encloses:
                parts.append(node.text or "")
            continue
        skipped = not encloses and start in node.iterancestors()  # the headline's own text
        if inside and not skipped and isinstance(node.tag, str) and node.tag not in ("script", "style"):
            parts.append(node.text or "")
        if inside and not skipped and node not in around_end:  # a tail of end's ancestor follows end
            parts.append(node.tail or "")
    if not encloses:
        parts.append(start.tail or "")
    return _squeezed("".join(parts))


def _shown_before(block: HtmlElement, end: HtmlElement) -> int:
    """Visible characters of ``block`` before ``end`` outside links: an article's meta line (a date, a count of
    reads) may stand over its headline, its tag links too, but not running text."""
    around_end = set(end.iterancestors())
    count = 0
    for node in block.iter():
        if node is end:
            break
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        in_link = any(ancestor.tag == "a" for ancestor in node.iterancestors())
        if node.tag != "a" and not in_link:
            count += len(_squeezed(node.text))
        if node is not block and node not in around_end and not in_link:
            count += len(_squeezed(node.tail))
    return count


def drop_next_article(document: HtmlElement) -> None:
    """Remove a second article loaded under the page's own (see the module doc)."""
    headline = _headline(document)
    if headline is None:
        return
    signatures = _signatures(headline)
    if not signatures:
        return
    own_text = _squeezed(text_content(headline))
    seen_headline = False
    for element in document.iter():
        if element is headline:
            seen_headline = True
            continue
        if not seen_headline or not isinstance(element.tag, str) \
                or (element.tag, element.get("class", "")) not in signatures:
            continue
        text = _squeezed(text_content(element))
        if not HEADLINE_LENGTH[0] <= len(text) <= HEADLINE_LENGTH[1] or own_text in text \
                or headline in element.iterancestors() or element.find(".//p") is not None:
            continue  # a headline is a short line of its own, not the text's container
        ancestors = set(headline.iterancestors())
        shared = next((a for a in element.iterancestors() if a in ancestors), None)
        if shared is None or shared.tag in ("html", "body"):
            continue
        block = element
        while block.getparent() is not shared:
            block = block.getparent()
        if _shown_before(block, element) > BEFORE_HEADLINE \
                or not _reads_as_text(_squeezed(text_content(block))) \
                or not _reads_as_text(_text_between(headline, element)):
            continue
        block.drop_tree()
        return
