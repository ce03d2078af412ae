"""The escaping boundary of the Markdown outputs: text and URLs that cannot become markup.

Every field an article brings (title, outlet, channel, author, URLs, body text) passes
through here before it is written into Markdown that kramdown (Jekyll, GitHub Pages) or a
CommonMark renderer (git hosts) turns into HTML. Text comes out with ``& < >`` as entities
and every character Markdown or kramdown gives a meaning to (links, emphasis, code, tables,
math, attribute lists ``{: ...}``, extensions ``{::...}``, list and heading markers) escaped,
so what a source wrote as text stays text, and what it wrote as escaped markup
(``&lt;script&gt;``) stays escaped after rendering. URLs keep only the schemes a reader can
safely follow and lose every character that could end a Markdown link or an HTML attribute.

The body is converted from the sanitized HTML (sanitizing is the last step on HTML) by
:class:`SafeMarkdownConverter`, which applies the same text escaping to every text node and
attribute it copies, so the conversion cannot undo the sanitizer.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any
from urllib.parse import quote

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter, chomp  # type: ignore[attr-defined]

from newsmirror.errors import ConfigError
from newsmirror.model import clean_line, http_url  # defined with the model: ingest refuses what it refuses

# Characters both kramdown and CommonMark accept a backslash escape for, and that start markup.
_BACKSLASHED = re.compile(r"([\\`*_\[\]#|$\"'])")
# kramdown's typography would turn these into other characters (– — …): keep the text as written.
_TYPOGRAPHY = re.compile(r"(?<=-)(?=-)|(?<=\.)(?=\.\.)")
# At the start of a line these make lists, headings' underlines or kramdown definition lists.
_LINE_START_MARK = re.compile(r"(?m)^([ \t]*)([-+=:])")
_LINE_START_NUMBER = re.compile(r"(?m)^([ \t]*\d+)([.)])")
_INDENT = re.compile(r"(?m)^[ \t]+")
_INDENT_AFTER_BREAK = re.compile(r"(?<=\n)[ \t]+")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# Percent-encoded in a URL (quotes, brackets, parentheses, white space, < > { } | \ ^ ` and, for
# kramdown math and emphasis around a URL shown as text, $ and *), so a URL cannot close a
# Markdown link or an HTML attribute. Other characters (Chinese paths too) stay readable.
_URL_UNSAFE = re.compile(r"""[\s"'<>()\[\]{}|\\^`$*]""")


def md_text(text: str, *, inline: bool = False) -> str:
    """Text for Markdown (block or inline) that renders as exactly this text, never as markup.

    ``inline``: a piece of a line (a text node between elements) whose leading space is a word
    gap to keep; only indentation after a line break goes.
    """
    if not text:
        return ""
    # Leading indentation would make a code block; Markdown drops it from paragraphs anyway.
    text = (_INDENT_AFTER_BREAK if inline else _INDENT).sub("", text)
    text = _BACKSLASHED.sub(r"\\\1", html.escape(text, quote=False))
    text = _TYPOGRAPHY.sub("\\\\", text)
    text = _LINE_START_MARK.sub(r"\1\\\2", text)
    text = _LINE_START_NUMBER.sub(r"\1\\\2", text)
    # Not escapable by backslash in kramdown; an entity works in both (fences, strikethrough).
    return liquid_inert(text.replace("~", "&#126;"))


def liquid_inert(markup: str) -> str:
    """HTML or Markdown with every brace as a character reference: it displays the same, but no
    Liquid (``{{ }}``, ``{% %}``) nor kramdown attribute list (``{: }``) is left in it, whatever
    renders it (Jekyll 3 on GitHub Pages has no ``render_with_liquid``; it renders Markdown files
    without front matter too)."""
    return markup.replace("{", "&#123;").replace("}", "&#125;")


def md_line(text: str) -> str:
    """A one-line field (title, name): line breaks become spaces, then :func:`md_text`."""
    return md_text(_LINE_BREAKS.sub(" ", text or "").strip())


def served_url(url: str, what: str) -> str:
    """``url`` when it can be where pages are served (an absolute http(s) URL with a host, or "" for none); else a
    ConfigError naming ``what``. `build --base-url notaurl` wrote a sitemap of ``<loc>notaurl/index.html`` and feeds
    whose links no reader can follow, with no word (an empty one at least warns)."""
    # One line too: a control character in it made every feed's generation fail (lxml refuses them) after the pages
    # were written, and a bidirectional control reorders the address a reader is shown.
    if url and (not http_url(url) or clean_line(url) != url):
        raise ConfigError(f"{what} must be an absolute http(s) address where the pages are served, such as "
                          f"https://example.org/news; got {url!r}")
    return url


MAX_SITE_TITLE = 200  # characters: a site's name, in every page's <title>, header and feed title


def site_name(title: str, what: str) -> str:
    """``title`` when it can be a site's name: one line of at most ``MAX_SITE_TITLE`` characters, with no control
    or bidirectional character (``model.clean_line`` leaves it as it is); else a ConfigError naming ``what``. A
    control character in `[publish] site_title` (or in the settings a site's manifest records) stopped the build
    with a traceback once its pages were written with it, a bidi override reordered every page's title, and a
    name of megabytes was copied into every page (safety71)."""
    if clean_line(title) != title or len(title) > MAX_SITE_TITLE:
        raise ConfigError(f"{what} must be a name of one line, at most {MAX_SITE_TITLE} characters, without control "
                          f"or bidirectional characters; got {title[:80]!r}{'…' if len(title) > 80 else ''}")
    return title


def encode_url(url: str) -> str:
    """Percent-encode every character that could end a link destination or an attribute value."""
    return _URL_UNSAFE.sub(lambda match: quote(match.group(0), safe=""), url)


def md_url(url: str) -> str:
    """An http(s) URL ready for ``[text](...)`` or plain Markdown text; "" for any other scheme."""
    safe = http_url(url)
    return encode_url(safe) if safe else ""


def md_link(text: str, url: str) -> str:
    """``[text](url)`` with both escaped; only the text when the URL is not http(s)."""
    target = md_url(url)
    return f"[{md_line(text)}]({target})" if target else md_line(text)


_CODE_ACTIVE = re.compile(r"[\\`*_\[\]!~{}|$#]")


def code_html(text: str) -> str:
    """Code as HTML whose every active character is a character reference.

    kramdown leaves the content of ``<code>``/``<pre>`` as it is and a browser shows the
    characters; a CommonMark renderer parses inline ``<code>`` content as Markdown, where a
    reference is only ever a character. Either way: no link, no emphasis, no Liquid.
    """
    return _CODE_ACTIVE.sub(lambda m: f"&#{ord(m.group(0))};", html.escape(text, quote=False))


class _Tag(Tag):
    """A tag whose ``find_parent(name)`` walks up the parents itself.

    markdownify asks every tag ``find_parent("pre")``; bs4 answers through a SoupStrainer made
    for each call, ~5 % of a whole-archive build. Same answer: the nearest parent of that name."""

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if not isinstance(name, str) or attrs or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None:
            if parent.name == name:
                return parent
            parent = parent.parent
        return None


class SafeMarkdownConverter(MarkdownConverter):
    """markdownify with every copied text and attribute escaped and every URL checked.

    ``image_prefix`` is the one non-http source an image (or a link to its full-size file) may have: the token
    publish gives a locally mirrored image (any other image was dropped before conversion).
    """

    def __init__(self, image_prefix: str = "", caption_label: str = "", **options: Any) -> None:
        options.setdefault("heading_style", "ATX")
        options.setdefault("bullets", "-")
        super().__init__(**options)
        self.image_prefix = image_prefix
        self.caption_label = caption_label

    def convert(self, markup: str) -> str:
        options: dict[str, Any] = getattr(self, "options")  # noqa: B009 - not in markdownify's type stubs
        soup = BeautifulSoup(markup, element_classes={Tag: _Tag}, **options["bs4_options"])
        return str(self.convert_soup(soup))

    def _caption(self, el: Any, text: str) -> str | None:
        """A caption left by a dropped image: marked as one, never an ordinary paragraph."""
        if "caption" not in (el.get("class") or []):
            return None
        text = text.strip()
        return f"\n\n*{md_text(self.caption_label)}{text}*\n\n" if text else ""

    def convert_p(self, el: Any, text: str, parent_tags: set[str]) -> str:
        caption = self._caption(el, text)
        if caption is not None:
            return caption
        convert_paragraph = getattr(super(), "convert_p")  # noqa: B009 - not in markdownify's type stubs
        return str(convert_paragraph(el, text, parent_tags))

    def convert_span(self, el: Any, text: str, parent_tags: set[str]) -> str:
        caption = self._caption(el, text)
        return caption if caption is not None else text

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return md_text(text, inline=True)

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        href = el.get("href") or ""
        # A link to a mirrored image's full-size file leads to the mirrored copy (publish.content): a local path.
        target = (self.image_prefix + encode_url(href[len(self.image_prefix):])
                  if self.image_prefix and href.startswith(self.image_prefix) else md_url(href))
        stripped = text.strip()
        if not stripped:
            return ""
        return f"[{stripped}]({target})" if target else text

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        alt = md_line(el.attrs.get("alt") or "")
        src = el.attrs.get("src") or ""
        keep_inline: list[str] = getattr(self, "options", {}).get("keep_inline_images_in", [])
        if "_inline" in parent_tags and el.parent.name not in keep_inline:
            return alt
        if self.image_prefix and src.startswith(self.image_prefix):
            target = self.image_prefix + encode_url(src[len(self.image_prefix):])
        else:
            target = md_url(src)
        return f"![{alt}]({target})" if target else alt

    def convert_code(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:  # inside <pre>: convert_pre writes it
            return text
        prefix, suffix, code = chomp(text)
        return f"{prefix}<code>{code_html(code)}</code>{suffix}" if code else text

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        # An HTML block: raw in kramdown and CommonMark alike (a fence would let Liquid in).
        return f"\n\n<pre><code>{code_html(text.strip(chr(10)))}</code></pre>\n\n"


@functools.lru_cache(maxsize=16)
def _converter(image_prefix: str, caption_label: str) -> SafeMarkdownConverter:
    # One per setting, not one per article: markdownify's constructor merges its options every
    # time (~1.5 % of a build); a converter keeps no state between documents.
    return SafeMarkdownConverter(image_prefix=image_prefix, caption_label=caption_label)


def safe_markdown(body_html: str, image_prefix: str = "", caption_label: str = "") -> str:
    """Markdown of sanitized HTML in which no text can turn into markup."""
    return _converter(image_prefix, caption_label).convert(body_html)
