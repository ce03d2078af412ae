"""Sources and fetch settings from TOML; OPML import and export.

A config file looks like::

    [fetch]
    timeout_seconds = 20
    per_host_delay_seconds = 1.0

    [[source]]
    url = "https://www.rfi.fr/cn/rss"
    outlet = "法广"
    script = "zh-Hans"

Foundation module: it imports no stage.
"""

from __future__ import annotations

import os
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from newsmirror.errors import ConfigError
from newsmirror.model import Script, Source, stable_id

CONFIG_ENV = "NEWSMIRROR_CONFIG"
DEFAULT_CONFIG_PATH = Path("newsmirror.toml")
USER_AGENT = "newsmirror/0.1 (+https://github.com/newsmirror; feed reader and news archive)"


@dataclass(slots=True)
class FetchSettings:
    """Politeness, limits and back-off. Every value can be set in the `[fetch]` table."""

    user_agent: str = USER_AGENT
    timeout_seconds: float = 20.0  # longest wait for any one read
    request_deadline_seconds: float = 60.0  # whole request (one hop), however slowly it trickles in
    connect_timeout_seconds: float = 10.0
    max_retries: int = 3  # extra attempts after the first, on timeouts / 5xx / 429
    backoff_base_seconds: float = 1.0  # 1, 2, 4, ... between attempts
    backoff_max_seconds: float = 60.0
    max_retry_after_seconds: float = 120.0  # a longer Retry-After fails the request instead of waiting
    max_redirects: int = 5
    max_response_bytes: int = 10 * 1024 * 1024  # after decompression
    per_host_concurrency: int = 2
    per_host_delay_seconds: float = 1.0  # between request starts to the same host
    max_crawl_delay_seconds: float = 30.0  # cap on robots.txt Crawl-delay
    respect_robots: bool = True
    total_concurrency: int = 8  # sources fetched at the same time
    failure_threshold: int = 3  # consecutive failures before a source is reported as backing off
    failure_backoff_max_minutes: int = 24 * 60
    full_text_min_chars: int = 200  # feed content shorter than this is a summary: fetch the page
    # Hosts on a private network (loopback, LAN, link-local) that an address a feed or a page names may lead to: an item
    # link, a re-checked article, an image. Each "host" (every port), "host:port" or a URL. The configured sources'
    # own hosts need no entry (an RSSHub on 127.0.0.1:1200 links its pages there); fetch.addresses says why.
    private_hosts: list[str] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> FetchSettings:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown [fetch] settings: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        settings = cls()
        for name, value in values.items():
            default = getattr(settings, name)
            accepted: tuple[type, ...] = (int, float) if isinstance(default, float) else (type(default),)
            if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, accepted):
                raise ConfigError(f"[fetch] {name} = {value!r}: expected a {type(default).__name__}")
            if isinstance(value, list) and not all(isinstance(entry, str) for entry in value):
                raise ConfigError(f"[fetch] {name} = {value!r}: expected a list of strings")
            setattr(settings, name, type(default)(value))
        return settings


@dataclass(slots=True)
class Config:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    sources: list[Source] = field(default_factory=list)


def source_id_for(url: str) -> str:
    return stable_id(url.strip(), 12)


_SCRIPTS = set(get_args(Script))


def source_from_mapping(entry: dict[str, Any], where: str = "source") -> Source:
    """A Source from one `[[source]]` table (or an OPML outline's attributes)."""
    url = str(entry.get("url") or "").strip()
    outlet = str(entry.get("outlet") or "").strip()
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: `url` must be an http(s) URL, got {url!r}")
    if not outlet:
        raise ConfigError(f"{where} ({url}): `outlet` is required (the publication's name, e.g. \"法广\")")
    kind = str(entry.get("kind", "feed"))
    if kind not in ("feed", "page"):
        raise ConfigError(f"{where} ({url}): kind must be \"feed\" or \"page\", got {kind!r}")
    script = str(entry.get("script", "und"))
    if script not in _SCRIPTS:
        raise ConfigError(f"{where} ({url}): script must be one of {sorted(_SCRIPTS)}, got {script!r}")
    try:
        interval = int(entry.get("interval_minutes", 30))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where} ({url}): interval_minutes must be a whole number") from exc
    if interval < 1:
        raise ConfigError(f"{where} ({url}): interval_minutes must be at least 1")
    return Source(
        id=str(entry.get("id") or source_id_for(url)),
        url=url,
        outlet=outlet,
        name=str(entry.get("name", "")),
        kind=kind,  # type: ignore[arg-type]
        channel=str(entry.get("channel", "")),
        script=script,  # type: ignore[arg-type]
        enabled=_as_bool(entry.get("enabled", True)),
        full_text=_as_bool(entry.get("full_text", True)),
        interval_minutes=interval,
    )


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def config_tables(text: str, origin: str = "config") -> dict[str, Any]:
    """The settings file's tables; text that is not TOML is a ``ConfigError`` in one line, the same words whichever
    command reads the file (``parse_config``'s [fetch] and [[source]], ``load_publish_settings``'s [publish])."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin} is not valid TOML: {exc}") from exc


def parse_config(text: str, origin: str = "config") -> Config:
    data = config_tables(text, origin)
    fetch_table = data.get("fetch", {})
    if not isinstance(fetch_table, dict):
        raise ConfigError(f"{origin}: [fetch] must be a table")
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{origin}: sources are written as [[source]] tables")
    for n, entry in enumerate(entries, 1):
        _refuse_unknown_source_keys(entry, f"{origin} source #{n}")
    sources = [source_from_mapping(entry, f"{origin} source #{n}") for n, entry in enumerate(entries, 1)]
    return Config(fetch=FetchSettings.from_mapping(fetch_table), sources=sources)


SOURCE_KEYS = ("url", "outlet", "id", "name", "kind", "channel", "script", "enabled", "full_text", "interval_minutes")
# The `sources add` options an operator writes in a [[source]] table, and what the table calls them.
_SOURCE_KEY_FOR_OPTION = {"summary_only": "full_text = false", "summary-only": "full_text = false",
                          "interval": "interval_minutes", "page": 'kind = "page"'}


def _refuse_unknown_source_keys(entry: Any, where: str) -> None:
    """A key of a [[source]] table that no Source reads is an error, as an unknown [fetch] setting is: the walk's
    ``summary_only = true`` (the option `sources add --summary-only`) was dropped without a word, the feed read as a
    full-text one. (OPML outlines carry attributes of their own: only the TOML tables are held to this.)"""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: a source is a [[source]] table")
    unknown = sorted(set(entry) - set(SOURCE_KEYS))
    if unknown:
        meant = "; ".join(f"{key}: write {_SOURCE_KEY_FOR_OPTION[key]}" for key in unknown
                          if key in _SOURCE_KEY_FOR_OPTION)
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}" + (f" ({meant})" if meant else "")
                          + f"; known: {', '.join(SOURCE_KEYS)}")


def config_file_text(path: str | Path | None = None) -> tuple[Path, str] | None:
    """The one settings file of every command and its text: the given file, else $NEWSMIRROR_CONFIG, else
    ./newsmirror.toml if present; None when none is named and there is no ./newsmirror.toml (defaults). A named file
    that is missing, a folder, unreadable or not UTF-8 text is a ``ConfigError`` saying which, in one line."""
    chosen = Path(path) if path else (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    if chosen is None:
        if not DEFAULT_CONFIG_PATH.is_file():
            return None
        chosen = DEFAULT_CONFIG_PATH
    if chosen.is_dir():
        raise ConfigError(f"the config file {chosen} is not a file")
    try:
        return chosen, chosen.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"the config file {chosen} does not exist") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {chosen}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:  # a file saved in another encoding (UTF-16, GBK): said, not a traceback
        raise ConfigError(f"cannot read the config file {chosen}: it is not UTF-8 text (byte {exc.start})") from exc


def load_config(path: str | Path | None = None) -> Config:
    """The given file, else $NEWSMIRROR_CONFIG, else ./newsmirror.toml if present, else defaults."""
    found = config_file_text(path)
    if found is None:
        return Config()
    chosen, text = found
    return parse_config(text, str(chosen))


def default_sources() -> list[Source]:
    """The packaged list of best known feed URLs of Chinese-language outlets."""
    text = (resources.files("newsmirror") / "default_sources.toml").read_text(encoding="utf-8")
    return parse_config(text, "default_sources.toml").sources


# -- OPML -------------------------------------------------------------------------------------
# The stdlib parser is enough for OPML's flat outline list; attributes newsmirror needs beyond
# the standard xmlUrl/title/text travel as plain `nm_*` attributes (other readers ignore them).
_EXTRA_ATTRIBUTES = ("outlet", "channel", "script", "full_text", "interval_minutes", "kind", "enabled")


def import_opml(text: str | bytes, default_outlet: str = "") -> list[Source]:
    """Sources from an OPML file (Miniflux, Inoreader, RSSHub Radar ... exports).

    A feed's outlet is, in order: its `outlet` attribute, the title of the folder it sits in,
    its own title, `default_outlet`.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ConfigError(f"the OPML file is not valid XML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError("not an OPML file: expected <opml><body>...</body></opml>")
    sources: list[Source] = []
    seen: set[str] = set()

    def walk(node: ET.Element, folder: str) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl") or outline.get("xmlurl")
            title = outline.get("title") or outline.get("text") or ""
            if not url:
                walk(outline, title or folder)
                continue
            if url in seen:
                continue
            seen.add(url)
            entry: dict[str, Any] = {"url": url, "name": title}
            for name in _EXTRA_ATTRIBUTES:
                value = outline.get(f"nm_{name}")
                if value is not None:
                    entry[name] = value
            entry.setdefault("outlet", folder or title or default_outlet)
            sources.append(source_from_mapping(entry, "OPML outline"))

    walk(body, "")
    return sources


def export_opml(sources: list[Source], title: str = "newsmirror sources") -> str:
    """OPML 2.0 with one folder per outlet; other readers see plain feed outlines."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for source in sorted(sources, key=lambda s: (s.outlet, s.name, s.url)):
        folder = folders.get(source.outlet)
        if folder is None:
            folder = ET.SubElement(body, "outline", text=source.outlet, title=source.outlet)
            folders[source.outlet] = folder
        name = source.name or source.url
        ET.SubElement(folder, "outline", {
            "type": "rss", "text": name, "title": name, "xmlUrl": source.url,
            "nm_outlet": source.outlet, "nm_channel": source.channel, "nm_script": source.script,
            "nm_full_text": str(source.full_text).lower(), "nm_interval_minutes": str(source.interval_minutes),
            "nm_kind": source.kind, "nm_enabled": str(source.enabled).lower(),
        })
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
