"""Read existing news archives into RawDocuments.

Two archive formats exist in the wild:

* the **page mirror** of the goodnews / banned-news family: ``pages/<channel>/<id>.md``, a
  Markdown shell (``###`` title, navigation and promo ``####`` lines, a share/QR footer, the
  original-URL line, a tracking pixel) around the article's HTML; ``indexes/names.csv`` maps
  channel keys to display names;
* the **Jekyll feed archive** of the waimei family: ``_posts/`` and ``archived/<date>/`` posts with
  YAML front matter (title, date, author, from = original URL), an ``<!--epoch-ms-->`` line, a
  title link line, and the feed item's HTML.

This module recognises the formats and reads their containers (metadata and the raw body HTML);
cleaning the body is extract's job.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from newsmirror.errors import ImportFailure, NewsmirrorError
from newsmirror.model import DocumentKind, RawDocument
from newsmirror.outlets import normalize_outlet_name, outlet_for_url, split_mirror_channel


class ArchiveError(NewsmirrorError):
    """The paths given to an import cannot be used at all (missing, unreadable)."""


class ArchiveFormatError(ImportFailure):
    """One file looks like an archived article but cannot be read as one."""


# Limits on what one archive file may make us hold in memory. The largest article of the real
# 64,644-post waimei archive is 443 KB; 4 MiB leaves room and refuses a 50 MB file before reading it.
MIB = 1024 * 1024  # `import --max-file-size` counts in MiB, as the README and the refusal say
DEFAULT_MAX_FILE_BYTES = 4 * MIB
MAX_FRONT_MATTER_CHARS = 16 * 1024  # real front matter is a few hundred characters
MAX_FIELD_CHARS = 2048  # one front-matter value (title, author, from, one category)
MAX_NAMES_CSV_BYTES = 1024 * 1024  # indexes/names.csv maps a few dozen channel keys


class NotAnArticle(NewsmirrorError):
    """A file in an archive's format that is no article (a Jekyll page, a post with no text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FileKind(StrEnum):
    PAGE_MIRROR = "page_mirror"
    JEKYLL_POST = "jekyll_post"
    NOT_ARTICLE = "not_article"


@dataclass(slots=True)
class ArchiveFile:
    """What one file of an archive turned out to be."""

    path: Path
    kind: FileKind
    raw: RawDocument | None = None
    reason: str = ""  # why it is not an article


# --- walking ----------------------------------------------------------------------------------

def check_paths_exist(paths: Iterable[str | Path]) -> None:
    """Refuse a path that does not exist, naming it (before a command opens or creates its store)."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise ArchiveError(f"path not found: {path} (give a folder of archives or an archive file)")


def iter_archive_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under the given files/folders, in a stable order; hidden entries are skipped."""
    for given in paths:
        path = Path(given)
        check_paths_exist([path])
        if path.is_file():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path).parts
            if any(part.startswith(".") for part in relative):
                continue
            # A link to a file that is not there (git-annex's or a moved copy's) is yielded, so that the reader
            # names it as failed: skipped, a folder of them was said to be empty.
            if child.is_file() or (child.is_symlink() and not child.exists()):
                yield child


def first_article_file(paths: Iterable[str | Path]) -> Path | None:
    """The first file under ``paths`` that an import takes as an article (a page-mirror page or a Jekyll post), or
    None: `demo` asks before it makes a store, so that a folder of something else is said at once rather than
    imported as 0 articles into an empty site."""
    for path in iter_archive_files(paths):
        try:
            if read_archive_file(path).kind is not FileKind.NOT_ARTICLE:
                return path
        except NewsmirrorError:  # an unreadable or oversized file: the import names it; here it is no article
            continue
    return None


# --- recognising --------------------------------------------------------------------------------

_NOT_ARTICLE_NAMES = {"readme.md": "README", "names.csv": "channel-name table", "license": "licence"}
_ARTICLE_FOLDERS = {"pages", "_posts", "archived"}
_ORIGINAL_URL = re.compile(r"原文地址[^：:\n]*[：:]\s*(\S+)")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", re.S)


def looks_like_page_mirror(text: str) -> bool:
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    return first.startswith("###") and _ORIGINAL_URL.search(text) is not None


def looks_like_jekyll_post(text: str) -> bool:
    match = _FRONT_MATTER.match(text)
    return match is not None and re.search(r"^(layout|title|from):", match.group(1), re.M) is not None


def _not_article_reason(path: Path) -> str:
    name = path.name.lower()
    if name in _NOT_ARTICLE_NAMES:
        return f"not an article: {_NOT_ARTICLE_NAMES[name]}"
    if name.endswith(".md.png"):
        return "not an article: share QR code image"
    if "indexes" in path.parts:
        return "not an article: channel index"
    if path.suffix.lower() != ".md":
        return f"not an article: {path.suffix or 'extensionless'} file"
    return ""


_ARTICLE_SIZE_HINT = "raise it with `newsmirror import --max-file-size` if the file is genuine"


def read_limited_text(path: Path, max_bytes: int, hint: str = _ARTICLE_SIZE_HINT) -> str:
    """The file as UTF-8 text, refusing (before reading it) a file larger than ``max_bytes``."""
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            if size > max_bytes:
                raise ArchiveFormatError(str(path), _too_large(size, max_bytes, hint))
            # Read what stat() promised (+1 to notice growth), never more than the limit + 1:
            # the file may grow meanwhile, or not be a regular file at all.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        if path.is_symlink() and not path.exists():
            raise ArchiveFormatError(str(path), f"cannot read: a link to a file that is not there "
                                                f"({_link_target(path)}; an annexed file not fetched yet?)") from None
        raise ArchiveFormatError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArchiveFormatError(str(path), _too_large(len(data), max_bytes, hint))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveFormatError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "?"


def _too_large(size: int, max_bytes: int, hint: str) -> str:
    # The limit in MiB too: the unit `--max-file-size` is given in.
    return f"file is {size:,} bytes, over the {max_bytes:,}-byte limit ({max_bytes / MIB:.3g} MiB; not read; {hint})"


def read_archive_file(path: Path, names: ChannelNameTables | None = None, *,
                      max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ArchiveFile:
    """Recognise and read one file. Raises ArchiveFormatError when an article file is unreadable
    or larger than ``max_file_bytes``."""
    reason = _not_article_reason(path)
    if reason:
        if path.name.lower() == "names.csv":
            # Reported here, once, by its own path; the articles beside it still import.
            problem = (names if names is not None else ChannelNameTables()).problem_of(path)
            if problem:
                raise ArchiveFormatError(str(path), problem)
        return ArchiveFile(path, FileKind.NOT_ARTICLE, reason=reason)
    text = read_limited_text(path, max_file_bytes)
    if looks_like_jekyll_post(text):
        try:
            return ArchiveFile(path, FileKind.JEKYLL_POST, raw=read_jekyll_post(text, path))
        except NotAnArticle as exc:
            return ArchiveFile(path, FileKind.NOT_ARTICLE, reason=exc.reason)
    if looks_like_page_mirror(text):
        table = (names if names is not None else ChannelNameTables()).for_article(path)
        return ArchiveFile(path, FileKind.PAGE_MIRROR, raw=read_page_mirror(text, path, table))
    if _ARTICLE_FOLDERS.intersection(path.parts[:-1]):
        raise ArchiveFormatError(
            str(path), "in an article folder but has neither a page-mirror header (### title and "
            "原文地址 line) nor Jekyll front matter")
    return ArchiveFile(path, FileKind.NOT_ARTICLE,
                       reason="not an article: Markdown without a page-mirror header or Jekyll front matter")


# --- page mirror ----------------------------------------------------------------------------------

_SHARE_URL = re.compile(r"https?://\S+?/pages/([^/\s]+)/([^/\s'\"]+?)\.md\b")
_SHARE_MARKER = "手机上长按"
_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")
# Only outlet channels ("N大陆新闻") have the one-letter prefix; "热点推荐" and the like are not channels.
_NAV_CHANNEL = re.compile(r"\(\.\./\.\./indexes/([A-Z][^/?)\s]+)\.md[?)]")


@dataclass(slots=True)
class PageMirrorParts:
    title: str
    body_html: str  # the article HTML: featured image + article body, shell lines removed
    original_url: str
    channel_key: str = ""
    page_id: str = ""
    nav_channel: str = ""  # display name of the channel index the navigation line links to ("N大陆新闻")


def page_mirror_parts(text: str) -> PageMirrorParts:
    """Split a page-mirror page into its title, article HTML and original URL.

    The article HTML is what lies between the title underline and the share footer, minus every
    Markdown heading line (navigation and promo links are ``####`` lines, sometimes injected in the
    middle of the HTML) and bare ``---`` rules.
    """
    lines = text.lstrip("\ufeff").splitlines()
    title = ""
    start = 0
    for index, line in enumerate(lines):
        if line.startswith("###"):
            title = line.lstrip("#").strip()
            start = index + 1
            break
    if not title:
        raise ValueError("no ### title line")
    if start < len(lines) and _UNDERLINE.match(lines[start]):
        start += 1
    end = len(lines)
    for index in range(start, len(lines)):
        if _SHARE_MARKER in lines[index] or _ORIGINAL_URL.search(lines[index]):
            end = index
            break
    body_lines = [line for line in lines[start:end]
                  if not line.lstrip().startswith("#") and not _UNDERLINE.match(line)]
    body_html = "\n".join(body_lines).strip()
    url_match = _ORIGINAL_URL.search(text)
    original_url = url_match.group(1).strip() if url_match else ""
    share = _SHARE_URL.search("\n".join(lines[end:]))
    nav = next((match.group(1) for line in lines[start:end] if line.startswith("####")
                for match in _NAV_CHANNEL.finditer(line)), "")
    return PageMirrorParts(title=title, body_html=body_html, original_url=original_url,
                           channel_key=share.group(1) if share else "", page_id=share.group(2) if share else "",
                           nav_channel=unquote(nav))


class ChannelNameTables:
    """The ``indexes/names.csv`` tables of an import, each read once.

    A table that cannot be read (unreadable, too large, not CSV) is remembered with its problem:
    the articles beside it import with their channel key as channel name, and the problem is
    reported once, under the table's own path (see :attr:`problems`).
    """

    def __init__(self, max_bytes: int = MAX_NAMES_CSV_BYTES) -> None:
        self.max_bytes = max_bytes
        self._by_folder: dict[Path, dict[str, str]] = {}  # archive root -> table ({} if none or bad)
        self.problems: dict[Path, str] = {}  # names.csv path -> why it was not used

    def for_article(self, path: Path) -> dict[str, str]:
        """The channel-key -> display-name map of the nearest ``indexes/names.csv`` above ``path``."""
        for ancestor in path.resolve().parents:
            if ancestor in self._by_folder:
                return self._by_folder[ancestor]
            table = ancestor / "indexes" / "names.csv"
            if table.is_file():
                return self._load(ancestor, table)
        return {}

    def problem_of(self, table: Path) -> str:
        """Why the table at this path cannot be used ("" when it can)."""
        resolved = table.resolve()
        root = resolved.parent.parent
        if root not in self._by_folder and resolved.parent.name == "indexes":
            self._load(root, resolved)
        return self.problems.get(resolved, "")

    def _load(self, root: Path, table: Path) -> dict[str, str]:
        names: dict[str, str] = {}
        try:
            text = read_limited_text(table, self.max_bytes, "a channel-name table is a few kilobytes")
            for row in csv.reader(io.StringIO(text)):
                if len(row) >= 2 and row[0].strip():
                    names[row[0].strip()] = row[1].strip()
        except ArchiveFormatError as exc:
            names = {}
            self.problems[table.resolve()] = f"channel-name table not used, channels keep their keys: {exc.reason}"
        except csv.Error as exc:
            names = {}
            self.problems[table.resolve()] = ("channel-name table not used, channels keep their keys: "
                                              f"not CSV ({exc})")
        self._by_folder[root] = names
        return names


def channel_names_for(path: Path, tables: ChannelNameTables | None = None) -> dict[str, str]:
    """The channel-key -> display-name map of the nearest ``indexes/names.csv`` above ``path``."""
    return (tables or ChannelNameTables()).for_article(path)


def read_page_mirror(text: str, path: Path, channel_names: dict[str, str] | None = None) -> RawDocument:
    try:
        parts = page_mirror_parts(text)
    except ValueError as exc:
        raise ArchiveFormatError(str(path), f"page-mirror page without a title: {exc}") from None
    if not parts.body_html:
        raise ArchiveFormatError(str(path), "page-mirror page with no article HTML between header and footer")
    if not parts.original_url.startswith(("http://", "https://")):
        raise ArchiveFormatError(str(path), f"original-URL line is not a URL: {parts.original_url!r}")
    channel_key = parts.channel_key
    if "pages" in path.parts[:-1]:
        # pages/<channel>/<id>.md: the folder is authoritative over the share link.
        channel_key = path.parent.name
    display = (channel_names or {}).get(channel_key, "") or parts.nav_channel
    prefix_outlet, channel = split_mirror_channel(display) if display else (None, channel_key)
    url_outlet = outlet_for_url(parts.original_url)
    outlet = url_outlet or prefix_outlet
    return RawDocument(
        kind=DocumentKind.PAGE_MIRROR,
        content=text,
        url=parts.original_url,
        origin=str(path),
        title_hint=parts.title,
        outlet_hint=outlet.name if outlet else "",
        channel_hint=channel,
        extra={"channel_key": channel_key, "page_id": parts.page_id or path.stem},
    )


# --- Jekyll feed archive ----------------------------------------------------------------------

_EPOCH_LINE = re.compile(r"^\s*<!--\s*(\d{9,}|NaN)\s*-->\s*$")
_TITLE_LINK = re.compile(r"^\s*\[.*\]\(\S+\)\s*$")


@dataclass(slots=True)
class JekyllParts:
    front_matter: dict[str, Any]
    body_html: str
    epoch_ms: int | None = None
    extra_lines: list[str] = field(default_factory=list)


def _simple_front_matter(block: str) -> dict[str, Any]:
    """Line-by-line ``key: value`` reading, for front matter YAML rejects (titles with stray quotes)."""
    data: dict[str, Any] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or key.startswith((" ", "\t")):
            continue
        value = value.strip()
        if value.startswith("[") and value.endswith("]"):
            data[key.strip()] = [item.strip() for item in value[1:-1].split(",") if item.strip()]
        else:
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            data[key.strip()] = value
    return data


# libyaml's safe loader when present (several times faster than the pure-Python one).
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasRefused(ValueError):
    pass


def _refuse_aliases(block: str) -> None:
    """Raise AliasRefused when the YAML uses an alias of an anchor it defined.

    Aliases are what make a "billion laughs": a few hundred bytes of nested ``*alias`` lists
    become gigabytes once the values are turned into text. Real front matter never uses them.
    The parser's event stream shows them before anything is built.
    """
    if "*" not in block:
        return  # an alias is written *name: none here (the common case: no second parse)
    anchors: set[str] = set()
    for event in yaml.parse(block, Loader=_YAML_LOADER):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            if anchor in anchors:  # an undefined one (a title "*独家*") is a YAML error: read line by line
                raise AliasRefused(f"front matter uses the YAML alias *{anchor} (aliases are refused)")
        elif anchor:
            anchors.add(anchor)


def _load_front_matter(block: str) -> dict[str, Any]:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"front matter is {len(block):,} characters, over the {MAX_FRONT_MATTER_CHARS:,} limit")
    try:
        _refuse_aliases(block)
        loaded = yaml.load(block, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader (C when available)
    except AliasRefused:
        raise
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        loaded = None  # titles with stray quotes and colons, impossible dates: read line by line below
    front: dict[str, Any] = loaded if isinstance(loaded, dict) else _simple_front_matter(block)
    for key, value in front.items():
        for item in value if isinstance(value, list) else [value]:
            if len(str(key)) > MAX_FIELD_CHARS or isinstance(item, str) and len(item) > MAX_FIELD_CHARS:
                raise ValueError(f"front-matter field {str(key)[:40]!r} is over the "
                                 f"{MAX_FIELD_CHARS:,}-character limit")
    return front


def jekyll_parts(text: str) -> JekyllParts:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError("no front matter")
    block, rest = match.groups()
    front = _load_front_matter(block)
    epoch_ms, body_html = _after_front_matter(rest)
    return JekyllParts(front_matter=front, body_html=body_html, epoch_ms=epoch_ms)


def jekyll_body(text: str) -> str:
    """The body HTML of a Jekyll post, as ``jekyll_parts`` has it, without reading the front
    matter again (extraction needs only the body; the reader has checked the front matter)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError("no front matter")
    return _after_front_matter(match.group(2))[1]


def _after_front_matter(rest: str) -> tuple[int | None, str]:
    """(epoch ms, body HTML) of what follows the front matter: the ``<!--epoch-->`` line and the
    title link line (with its underline) are not part of the body."""
    lines = rest.splitlines()
    epoch_ms: int | None = None
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and (epoch := _EPOCH_LINE.match(lines[index])):
        epoch_ms = None if epoch.group(1) == "NaN" else int(epoch.group(1))
        index += 1
    if index < len(lines) and _TITLE_LINK.match(lines[index]):
        index += 1
        if index < len(lines) and _UNDERLINE.match(lines[index]):
            index += 1
    return epoch_ms, "\n".join(lines[index:]).strip()


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _as_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []


_PAGE_LAYOUTS = {"page", "home"}  # a site's own pages (404, about, tools), not feed posts
_TAG = re.compile(r"<[^>]*>")
_WORD_CHAR = re.compile(r"\w")


def _has_text(body_html: str) -> bool:
    return _WORD_CHAR.search(html.unescape(_TAG.sub(" ", body_html))) is not None


def read_jekyll_post(text: str, path: Path) -> RawDocument:
    """Raises NotAnArticle for a Jekyll page (``layout: page``: 404, about ...) and for a post
    whose body holds no text at all (only an image, a video, or nothing)."""
    try:
        parts = jekyll_parts(text)
    except ValueError as exc:
        raise ArchiveFormatError(str(path), f"Jekyll post: {exc}") from None
    front = parts.front_matter
    if str(front.get("layout") or "").strip() in _PAGE_LAYOUTS:
        raise NotAnArticle(f"not an article: Jekyll page (layout: {str(front['layout']).strip()})")
    if parts.body_html and not _has_text(parts.body_html):
        raise NotAnArticle("not an article: the post has no text (only images, a video or nothing)")
    # Feed titles arrive HTML-escaped (&quot;, &amp;); the title is plain text.
    title = html.unescape(str(front.get("title") or "")).strip()
    url = str(front.get("from") or "").strip()
    if not title:
        raise ArchiveFormatError(str(path), "Jekyll post without a title in its front matter")
    if not url.startswith(("http://", "https://")):
        raise ArchiveFormatError(str(path), f"Jekyll post without an original URL (from: {url!r})")
    if not parts.body_html:
        raise ArchiveFormatError(str(path), "Jekyll post with an empty body")
    published = _as_datetime(front.get("date"))
    if published is None and parts.epoch_ms is not None:
        try:
            published = datetime.fromtimestamp(parts.epoch_ms / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            published = None  # an epoch past the year 9999: no date rather than a crash
    categories = _as_list(front.get("categories")) or _as_list(front.get("tags"))
    feed_name = categories[0] if categories else ""
    author = str(front.get("author") or "").strip()
    known = outlet_for_url(url)
    outlet = known.name if known else normalize_outlet_name(feed_name or author)
    # `author` is the feed's name for most feeds; for some (China Digital Times) it is a person.
    is_outlet_name = normalize_outlet_name(author) in {outlet, normalize_outlet_name(feed_name)}
    extra = {"feed": feed_name}
    if parts.epoch_ms is not None:
        extra["epoch_ms"] = str(parts.epoch_ms)
    return RawDocument(
        kind=DocumentKind.JEKYLL_POST,
        content=text,
        url=url,
        origin=str(path),
        title_hint=title,
        published_hint=published,
        outlet_hint=outlet,
        author_hint="" if is_outlet_name else author,
        extra=extra,
    )
