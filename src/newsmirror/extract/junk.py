"""Page furniture that survives region finding on ordinary web pages, removed block by block.

Each rule is structural or about a kind of widget, never about one site's wording: UI toggles
("less / … more", "展开全文"), a bare URL line that is the page's own address or trails the
text, link lists (related posts), market tickers and weather boxes, the headline repeated at the
top of the body, and the same caption printed again below an image.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.bylines import closing_credit
from newsmirror.extract.dom import has_text, is_detached, remove, short_text_of, text_of

_TEXT_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "span", "a",
                "button", "section", "dl", "dd", "dt", "blockquote")
_TOGGLE_WORDS = frozenset({
    "less", "more", "show", "read", "see", "view", "all", "expand", "collapse", "hide", "full", "story", "article",
    "展开", "展开全文", "全文", "收起", "查看更多", "查看全文", "阅读全文", "阅读更多", "点击展开", "更多", "展開", "收合",
    "閱讀全文", "顯示更多", "查看原文", "继续阅读", "繼續閱讀",
})  # fmt: skip
_TOGGLE_SPLIT = re.compile(r"[\s/|·•…>»<«→←↓↑+\-.。,:：()（）\[\]]+")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_TEMPERATURE = re.compile(r"-?\d+(?:\.\d+)?\s*(?:°\s*[CF]?|℃|℉)")
_SENTENCE_END = re.compile(r"[。！？!?]|\.\s")
_TICKER_NUMBER = re.compile(r"[+\-−▲▼]?\d[\d,.]*\s*%?")
# Chinese news pages' meta lines around the text: source, editor, proofreader, a bare stamp line.
_META_LINE = re.compile(
    r"^[（(【\[]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編|校对|校對|审核|審核|审校|審校|监制|監製|来源|來源|稿源|"
    r"图片来源|圖片來源|出处|出處|本文来源|本文來源|文章来源|文章來源)\s*[：:]"
)
_STAMP_LINE = re.compile(r"^\D{0,12}(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}")


def _is_toggle(text: str) -> bool:
    if len(text) > 30:
        return False  # before splitting: most blocks are longer
    words = [w for w in _TOGGLE_SPLIT.split(text.casefold()) if w]
    return bool(words) and all(w in _TOGGLE_WORDS for w in words)


def _same_url(first: str, second: str) -> bool:
    def key(url: str) -> str:
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip()).rstrip("/").casefold()

    return bool(second) and key(first) == key(second)


def _is_ticker(text: str) -> bool:
    """A row of quotes: mostly numbers with signs or percentages, no sentence."""
    if len(text) > 120 or _SENTENCE_END.search(text) or "%" not in text:
        return False
    numbers = _TICKER_NUMBER.findall(text)
    digits = sum(len(number) for number in numbers)
    visible = len(re.sub(r"\s", "", text))
    return len(numbers) >= 2 and digits >= 0.4 * visible


def _is_meta_line(text: str) -> bool:
    """"来源：…", "责任编辑：…", or the date-and-source line printed under a headline."""
    if len(text) > 80 or re.search(r"[。！？]", text):
        return False
    return bool(_META_LINE.match(text) or _STAMP_LINE.match(text))


def _is_weather(text: str) -> bool:
    return len(text) <= 60 and bool(_TEMPERATURE.search(text)) and not _SENTENCE_END.search(text)


def _is_link_list(element: HtmlElement, text: str) -> bool:
    """Several links and little else: related posts, "more on this", tag clouds (``text``: the
    element's text)."""
    link_texts = [text_of(link) for link in element.iter("a")]
    if sum(1 for link_text in link_texts if link_text) < 2:
        return False
    return bool(text) and sum(map(len, link_texts)) >= 0.6 * len(text)


def _normalized(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _blocks(root: HtmlElement) -> list[HtmlElement]:
    return [e for e in root.iter(*_TEXT_BLOCKS) if e is not root]


def _judged(element: HtmlElement, root: HtmlElement) -> bool:
    """Still in the region (not inside a block removed before) and not inside a table or
    preformatted text, whose cells and lines are content however short."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("table", "pre"):
            return False
        if ancestor is root:
            return True
    return False


def drop_page_furniture(root: HtmlElement, *, page_url: str = "") -> None:
    """Remove toggles, bare URL lines, link lists, tickers and weather from an article region."""
    total = len(text_of(root))
    for element in _blocks(root):
        if not _judged(element, root):
            continue
        text = short_text_of(element, 6000)
        if not text:
            continue
        if _is_toggle(text) or _is_ticker(text) or _is_weather(text) or _is_meta_line(text) \
                or (_URL_ONLY.match(text) and _same_url(text, page_url)):
            remove(element)
        elif element.tag in ("ul", "ol", "div", "section", "dl") and len(text) < 1500 and len(text) <= total / 2 \
                and _is_link_list(element, text):
            heading = element.getprevious()
            remove(element)
            if heading is not None and heading.tag in ("h2", "h3", "h4", "h5", "h6", "p", "div") \
                    and len(text_of(heading)) <= 20 and not _SENTENCE_END.search(text_of(heading)):
                remove(heading)  # the list's own label ("相关阅读", "Related")
    _drop_trailing_url(root)


# A breadcrumb trail: links joined by arrows ("首页 > 新闻 > 社会"), perhaps with a short label before it ("您的位置：")
# and a last step that is no link ("正文"). Read above the text only: it is where a page sets its trail.
_TRAIL_SEPARATOR = re.compile(r"[>»›→]|&gt;")
_TRAIL_WORDING = re.compile(r"[\s>»›→:：/|·]+")
TRAIL_LENGTH = 80  # visible characters, at most
TRAIL_LABEL = 12  # characters outside the links, at most (the label and the last step)
_PROSE_LINE = re.compile(r"[。！？，,.!?].*[。！？，,.!?]")
PROSE_LINE_LENGTH = 40  # characters: a punctuated line this long is the text's, and the trail stands above it
_HOLDS_BLOCK = etree.XPath("boolean(.//p | .//div | .//td | .//li | .//table)")


def _is_trail(element: HtmlElement, text: str) -> bool:
    links = [text_of(link) for link in element.iter("a")]
    links = [link for link in links if link]
    if len(links) < 2 or len(text) > TRAIL_LENGTH or len(_TRAIL_SEPARATOR.findall(text)) < len(links) - 1:
        return False
    rest = text
    for link in links:
        rest = rest.replace(link, "", 1)
    rest = _TRAIL_WORDING.sub("", rest)
    return len(rest) <= TRAIL_LABEL and not _SENTENCE_END.search(rest)


def drop_breadcrumbs(root: HtmlElement) -> None:
    """Remove a breadcrumb trail above the text (table cells included: old portals lay pages out in tables)."""
    for element in root.iter("p", "div", "td", "li", "span", "section", "ul", "ol"):
        if element is root or element.getparent() is None:
            continue
        text = short_text_of(element, 4 * TRAIL_LENGTH)
        if not text or _HOLDS_BLOCK(element):
            continue  # a container (its blocks are judged one by one), or nothing shown
        if len(text) >= PROSE_LINE_LENGTH and _PROSE_LINE.search(text):
            return  # the text has begun
        if _is_trail(element, text):
            remove(element)
            return


def _drop_trailing_url(root: HtmlElement) -> None:
    """A bare URL as the last block is a permalink or print footer, not text; a heading as the
    last block labels something already removed (a list of links, comments)."""
    while True:
        # the last two blocks with text and no paragraph inside, found from the end
        candidates = (e for e in reversed(_blocks(root)) if e.tag in ("p", "div", "li", "h2", "h3", "h4", "h5", "h6")
                      and e.find(".//p") is None and has_text(e))
        last_two = list(islice(candidates, 2))
        if len(last_two) < 2:
            return
        last = last_two[0]
        text = text_of(last)
        if _URL_ONLY.match(text) or (last.tag in ("h2", "h3", "h4", "h5", "h6") and len(text) <= 30):
            remove(last)
        else:
            return


def drop_repeats(root: HtmlElement, title: str) -> None:
    """The headline at the top of the body, and a caption (or image alt) printed again."""
    wanted_title = _normalized(title)
    blocks = [e for e in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "figcaption", "div") if e is not root]
    if wanted_title:
        # a page laid out in a table repeats its headline in a cell of its own
        heads = (e for e in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "figcaption", "div", "td")
                 if e is not root and has_text(e))
        for element in list(islice(heads, 3)):
            if _normalized(text_of(element)) == wanted_title:
                remove(element)
    captions: set[str] = set()
    for element in blocks:
        if element.getparent() is None or element.find(".//img") is not None or element.find(".//p") is not None:
            continue
        raw = short_text_of(element, 2000)
        text = _normalized(raw) if raw else ""
        if not text or len(text) > 300:
            continue
        if text in captions:
            remove(element)
        elif element.tag == "figcaption" or "caption" in (element.get("class") or "").lower() \
                or _follows_image(element):
            captions.add(text)


def _follows_image(element: HtmlElement) -> bool:
    previous = element.getprevious()
    while previous is not None and previous.tag in ("br",):
        previous = previous.getprevious()
    return previous is not None and (previous.tag == "img" or (previous.tag in ("p", "figure", "div")
                                     and previous.find(".//img") is not None and not text_of(previous)))


# Chinese running text ends its sentences with these; a short line without any is a label,
# widget, account name, promo or caption, not a sentence of the article.
_CJK_SENTENCE = re.compile(r"[。！？!?；;…]|\.(?=\s|$)|[，,].{6,}")
_DATELINE_WORDS = re.compile(r"\d{1,2}\s*[日月]\s*(?:电|電|讯|訊|报道|報導|消息)")
LABEL_LENGTH = 40  # characters: at most this long for a line to count as a label
END_TRIM_SHARE = 0.25  # never trim away more than this share of the body's text


# A whole line in brackets below the text: an end mark, a credit, a source or original-title note.
_BRACKETED = re.compile(r"^[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$")
BRACKETED_LENGTH = 80  # characters: a bracketed note is short; a bracketed paragraph is text


# How a sentence ends (before a closing credit or note in brackets, or the compiler's mark): a line at either end of the
# text that stops without one is a promo, a title note or a widget, however long its words.
_SENTENCE_FINAL = re.compile(r"[。！？!?…”\"」』’.]\s*(?:[（(][^（）()]{0,30}[）)]|综合|綜合)?\s*$")
UNFINISHED_LENGTH = 80  # characters: at most this long for an unfinished line to count as furniture


# A site's rights notice below the text: copying forbidden without permission, or "all rights reserved".
# Words of the kind (any site's notice), not one site's sentence.
_RIGHTS_NOTICE = re.compile(
    r"(?:未经|未經|非经|非經|不得|严禁|嚴禁|禁止).{0,20}(?:转载|轉載|转贴|轉貼|复制|複製|重制|重製)"
    r"|(?:转载|轉載|复制|複製).{0,20}(?:未经|未經|非经|非經)?(?:授权|授權|许可|許可)"
    r"|版权所有|版權所有|all rights reserved", re.I)
# ... and it speaks of the site's own work ("本网", "本文", the author's rights), not of copying in the news
_OWN_WORK = re.compile(r"本(?:网|網|站|文|报|報|刊|台|平台|号|號)|作者|版权所有|版權所有|all rights reserved", re.I)
RIGHTS_NOTICE_LENGTH = 100  # characters: a notice is one or two sentences; longer is text about copying


def _is_label(text: str, *, tail: bool = False) -> bool:
    if _DATELINE_WORDS.search(text):
        return False
    if tail and len(text) <= BRACKETED_LENGTH and _BRACKETED.match(text):
        return True
    if tail and len(text) <= RIGHTS_NOTICE_LENGTH and _RIGHTS_NOTICE.search(text) and _OWN_WORK.search(text):
        return True
    if len(text) <= LABEL_LENGTH and not _CJK_SENTENCE.search(text):
        return True
    return len(text) <= UNFINISHED_LENGTH and not _SENTENCE_FINAL.search(text)


def trim_label_ends(root: HtmlElement) -> tuple[list[str], list[str]]:
    """Chinese web pages: short unpunctuated lines before the first sentence and after the last
    one (account names, "follow" buttons, topic links, promos, comment counters, a trailing
    caption), and below the text whole lines in brackets (end marks, credits, source notes), are
    furniture the region finders took along; text between sentences is left alone.
    Returns the lines taken off the top and off the bottom (bylines and credits may be among them)."""
    leaves = [e for e in root.iter("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote")
              if e is not root and e.find(".//p") is None and e.find(".//div") is None and has_text(e)]
    trimmed: tuple[list[str], list[str]] = ([], [])
    if len(leaves) < 3:
        return trimmed
    cited, below_cited = _drop_reference_list(leaves)
    stated = _drop_statement_tail(root)
    if cited or stated:
        leaves = [e for e in leaves if e.getparent() is not None and not is_detached(e, root)]
    total = sum(len(text_of(e)) for e in leaves)
    budget = END_TRIM_SHARE * total
    for ordered, taken in ((leaves, trimmed[0]), (leaves[::-1], trimmed[1])):
        doomed: list[HtmlElement] = []
        for element in ordered:
            text = text_of(element)
            if not _is_label(text, tail=taken is trimmed[1]) or element.find(".//img") is not None:
                break
            doomed.append(element)
        size = sum(len(text_of(e)) for e in doomed)
        if doomed and len(doomed) < len(leaves) - 1 and size <= budget:
            for element in doomed:
                taken.append(text_of(element))
                remove(element)
            budget -= size
    trimmed[1].reverse()
    trimmed[1].extend(below_cited)  # a credit may stand below the list ("本文作者：…")
    trimmed[1].extend(stated)  # ... or below the statement ("责任编辑：…")
    credit = _cut_closing_editor(leaves)
    if credit:
        trimmed[1].insert(0, credit)
    return trimmed


# A list of works cited below the text: a short heading ending in a colon, then numbered items that
# each name a source (an address or a year of publication).
_LIST_HEADING = re.compile(r"^[^。！？!?，,]{2,12}[：:]$")
_LIST_ITEM = re.compile(r"^(?:[\[［]\d{1,3}[\]］]|\d{1,3}\s*[.、．)）]|[（(]\d{1,3}[）)])")
_CITATION = re.compile(r"https?://|www\.|(?<!\d)(?:19|20)\d{2}(?!\d)")
REFERENCE_START = 0.5  # share of the text before a reference list's heading, at least: it stands below the text
BELOW_REFERENCES_SHARE = 0.25  # share of the text below a reference list, at most, for it to go with the list


def _drop_reference_list(leaves: list[HtmlElement]) -> tuple[list[str], list[str]]:
    """Remove a reference list (its heading and its items) from the lower half of the text, with what little
    stands below it; returns the list's lines and the lines below it."""
    texts = [text_of(e) for e in leaves]
    total = sum(map(len, texts))
    before = 0
    for index, text in enumerate(texts):
        if before >= REFERENCE_START * total and _LIST_HEADING.match(text):
            items = 0
            for item_text in texts[index + 1:]:
                if not (_LIST_ITEM.match(item_text) and _CITATION.search(item_text)):
                    break
                items += 1
            if items >= 2:
                # the list closes the article: what stands below it (a note on the list, an appeal for
                # money, a newsletter box) is the page's, unless it is a large part of the text
                end = list_end = index + 1 + items
                if sum(map(len, texts[end:])) <= BELOW_REFERENCES_SHARE * total:
                    end = len(leaves)
                for element in leaves[index:end]:
                    remove(element)
                return texts[index:list_end], texts[list_end:end]
        before += len(text)
    return [], []


# A statement of the site or the platform below the text, under a heading or a label ending in "声明" ("免责声明：本平台…",
# "特别声明" over "本文为…号作者…上传", "…网版权与免责声明："): it speaks of the site's own work, its rights or whose views
# the text carries, which a statement reported in the news ("外交部声明：…") does not.
_STATEMENT = re.compile(r"^[^。！？!?，,]{0,12}(?:声明|聲明)\s*(?:[：:]|$)")
_STATEMENT_SUBJECT = re.compile(_OWN_WORK.pattern + r"|版权|版權|侵权|侵權|观点|觀點", re.I)
STATEMENT_START = 0.5  # share of the text before the statement, at least: it stands below the text
STATEMENT_LINES = 3  # the statement's line and the next two, where it names its subject
STATEMENT_REST = 0.4  # share of the text from the statement on, at most (a contact table may stand below it)


def _cut_from(element: HtmlElement, root: HtmlElement) -> None:
    """Remove ``element`` and everything after it in the region (tables of contacts are no leaves)."""
    node = element
    while node is not root and node.getparent() is not None:
        for later in list(node.itersiblings()):
            remove(later)
        node = node.getparent()
    remove(element)


def _drop_statement_tail(root: HtmlElement) -> list[str]:
    """Remove a site's or platform's statement in the lower half of the text and all that stands below it, when
    that is a small part of the text; returns the lines removed (credits may be among them)."""
    # a page laid out in a table sets its statement in cells, which are no leaves of the tail trim
    leaves = [e for e in root.iter("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "td", "blockquote")
              if e is not root and e.find(".//p") is None and e.find(".//div") is None and e.find(".//td") is None
              and has_text(e)]
    texts = [text_of(e) for e in leaves]
    total = sum(map(len, texts))
    before = 0
    for index, text in enumerate(texts):
        if before >= STATEMENT_START * total and _STATEMENT.match(text) \
                and _STATEMENT_SUBJECT.search(" ".join(texts[index:index + STATEMENT_LINES])):
            if sum(map(len, texts[index:])) > STATEMENT_REST * total:
                return []
            _cut_from(leaves[index], root)
            return texts[index:]
        before += len(text)
    return []


# A credit closing the last paragraph after its final sentence. It credits the desk or the reporter, it is
# not text: an editor's credit in brackets with the desk's number the wire prints after it
# ("…生活。（编辑：甲乙）1120304"); a reporter's name or a labelled credit in brackets ("…。（张三）",
# "…。（作者：甲 摄影：乙）", names as bylines.closing_credit reads them); the compiler's mark ("…。综合").
_AFTER_SENTENCE = r"(?<=[。！？!?”」』])\s*"
_CLOSING_EDITOR = re.compile(
    _AFTER_SENTENCE + r"(?P<credit>[（(](?:责任编辑|責任編輯|编辑|編輯|责编|責編)[：:][^（）()]{1,30}[）)]\s*\d{0,8})\s*$")
_CLOSING_BRACKET = re.compile(_AFTER_SENTENCE + r"(?P<credit>[（(][^（）()]{2,40}[）)]\s*\d{0,8})\s*$")
_CLOSING_COMPILED = re.compile(_AFTER_SENTENCE + r"(?P<credit>综合|綜合)\s*$")


def _text_slots(element: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The element's text nodes in reading order, as (element, "text" or "tail"), inline children included."""
    if isinstance(element.tag, str):
        yield element, "text"
    for child in element:
        yield from _text_slots(child)
        yield child, "tail"


def _closing_credit_in(value: str, paragraph: str) -> re.Match[str] | None:
    """The credit closing ``value``, the last text node of the last ``paragraph``."""
    found = _CLOSING_EDITOR.search(value) or _CLOSING_COMPILED.search(value)
    if found is None and (bracket := _CLOSING_BRACKET.search(value)) and closing_credit(paragraph):
        found = bracket
    return found


def _cut_closing_editor(leaves: list[HtmlElement]) -> str:
    """Take a closing credit off the end of the last block still in the region (its last text node, which
    may stand in an inline child); returns the credit, '' when there is none."""
    last = next((e for e in reversed(leaves) if e.getparent() is not None and has_text(e)), None)
    if last is None:
        return ""
    slot = next(((node, attribute) for node, attribute in reversed(list(_text_slots(last)))
                 if (getattr(node, attribute) or "").strip()), None)
    if slot is None:
        return ""
    node, attribute = slot
    value = getattr(node, attribute)
    found = _closing_credit_in(value, text_of(last))
    if found is None or not value[: found.start()].strip():
        return ""  # a credit that is the whole node is a line of its own (the tail trim's business)
    setattr(node, attribute, value[: found.start()] + value[found.end():])
    return found.group("credit").strip()
