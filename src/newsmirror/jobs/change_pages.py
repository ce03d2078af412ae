"""Edits and takedowns on the static site: history pages with diffs, change indexes and feeds.

Written into the HTML site's folder beside what ``newsmirror build`` writes (the site
builder leaves files it did not write alone), with the site's own base template and
style sheet, so the pages look like the rest of the mirror:

    history/<id>.html               every version of an article, each with its diff, and its takedowns
    changes/index.html              latest edits/takedowns of all outlets, counts per outlet
    changes/<outlet>/index.html     the same for one outlet
    changes/atom.xml, changes/<outlet>/atom.xml   Atom feeds of both (edited.xml, deleted.xml: one kind)
    changes.css                     diff colours

Only files whose bytes changed are rewritten, so a git-published mirror gains small commits.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from newsmirror.publish.content import RENDER_VERSION, interface_converter, script_converter
from newsmirror.publish.feeds import CHANGE_FEEDS, FEED_WORDS, feed_title
from newsmirror.publish.outfiles import OutputError, atomic_write, confined_path
from newsmirror.publish.paths import month_of, relative_prefix, unique_slug
from newsmirror.publish.safe import http_url
from newsmirror.publish.site import LABELS, MARKED, lang_mark, no_mark
from newsmirror.store import Store
from newsmirror.store.changes import (
    WORDING,
    ChangeEntry,
    EventKind,
    changes_feed,
    event_reason,
    history,
    kept_versions,
)
from newsmirror.text import times

ENTRIES_PER_INDEX = 200
HISTORY_VERSION = "3"  # raise when a history page renders differently: every one is rewritten (2: reasons in Chinese;
# 3: an original-script site's history page says its article's script, as its article page does: lang; reader81)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
KIND_LABELS = {"edited": "修改", "deleted": "删除", "restored": "恢复", "first_seen": "首次收录"}

_TEMPLATES = {
    "history.html": """{% extends "base.html" %}
{% block head %}<link rel="stylesheet" href="{{ root }}changes.css">{% endblock %}
{% block crumbs %} › <a href="{{ root }}changes/index.html">修改与删除</a>{% endblock %}
{% block main %}
<article class="history" data-article-id="{{ article.id }}">
<h1>{{ article.title|script }}</h1>
<p class="meta">{{ article.outlet|script }} · <a href="{{ root }}{{ article_path }}">本站存档</a>{% if original_url %} ·
原文：<a href="{{ original_url }}" rel="noopener noreferrer nofollow">{{ original_url }}</a>{% endif %}</p>
{% if deleted %}<p class="taken-down" data-status="deleted">原网页已被删除（{{ deleted.seen_at|stamp }}）{% if deleted_reason %}：{{ deleted_reason|script }}{% endif %}。本站保留了它的每个版本。</p>{% endif %}
<p class="meta">差异以原文显示：删去的文字划线，新增的文字加底色。</p>
<ol class="timeline">
{% for item, diff in steps %}<li class="step step-{{ item.kind }}" data-kind="{{ item.kind }}">
<p><strong>{{ kinds.get(item.kind, item.kind) }}</strong>{% if item.version %} · 第{{ item.version.number }}版{% endif %}
 · <time datetime="{{ item.at|iso }}">{{ item.at|stamp }}</time>{% if item.detail %} · <span class="meta">{{ item.detail|script }}</span>{% endif %}</p>
{% if diff %}{{ diff }}{% endif %}
{% if item.kind == 'first_seen' and item.version %}<details><summary>第一版全文</summary>
{% for p in item.version.body_text.split('\\n\\n') %}<p>{{ p }}</p>{% endfor %}</details>{% endif %}
</li>
{% endfor %}</ol>
</article>
{% endblock %}
""",
    "changes.html": """{% extends "base.html" %}
{% block head %}<link rel="stylesheet" href="{{ root }}changes.css">
<link rel="alternate" type="application/atom+xml" href="atom.xml" title="{{ heading }}">{% endblock %}
{% block crumbs %} › <a href="{{ root }}changes/index.html">修改与删除</a>{% endblock %}
{% block main %}
<h1>{{ heading }}</h1>
<p class="meta">本站定期重新访问原网页，记录文章被修改、删除和恢复的时间。订阅：<a href="atom.xml">全部</a> · <a href="edited.xml">修改</a> · <a href="deleted.xml">删除</a></p>
{% if counts %}<table class="change-counts"><thead><tr><th>媒体</th><th>修改</th><th>删除</th><th>恢复</th><th>目前已删除</th></tr></thead><tbody>
{% for name, path, numbers in counts %}<tr><td><a href="{{ root }}{{ path }}">{{ name|script }}</a></td><td>{{ numbers.get('edited', 0) }}</td>
<td>{{ numbers.get('deleted', 0) }}</td><td>{{ numbers.get('restored', 0) }}</td><td>{{ numbers.get('deleted_now', 0) }}</td></tr>
{% endfor %}</tbody></table>{% endif %}
{% if entries %}<ul class="entries changes">
{% for e in entries %}<li class="change-{{ e.event.kind.value }}" data-kind="{{ e.event.kind.value }}"{{ mark(e.script) }}><span class="badge">{{ kinds[e.event.kind.value] }}</span>
<a href="{{ root }}history/{{ e.event.article_id }}.html">{{ e.title|script }}</a>
<small>{{ e.outlet|script }} · {{ e.event.seen_at|stamp }}{% if e.reason %} · {{ e.reason|script }}{% endif %}</small></li>
{% endfor %}</ul>{% else %}<p class="no-events">{{ wording.no_events }}。</p>{% endif %}
{% if kept.count %}<h2 class="kept-versions">{{ wording.kept_heading }}</h2>
<p class="kept-versions" data-count="{{ kept.count }}">{{ kept.count }} 篇{% if outlet %}{{ outlet|script }}的{% endif %}{{ wording.kept_note }}：{% for a in kept.articles %}{% if a.id in histories %}<a href="{{ root }}history/{{ a.id }}.html"{{ mark(a.script) }}>{{ a.title|script }}</a>{% else %}<span{{ mark(a.script) }}>{{ a.title|script }}</span>{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}{% if kept.more %}，以及另外 {{ kept.more }} 篇{% endif %}。</p>{% endif %}
{% endblock %}
""",
}


@dataclass(slots=True)
class ChangePagesReport:
    histories: int = 0
    indexes: int = 0
    written: int = 0  # files whose bytes changed


def history_path(article_id: str) -> str:
    return f"history/{article_id}.html"


def _history_print(options: str, article: Any, versions: list[Any], events: list[Any]) -> str:
    """What a history page shows: the article's heading and every version and event."""
    parts = [options, article.title, article.outlet, article.original_url, str(article.published_at)]
    parts += [f"{v.number}:{v.content_hash}:{v.seen_at.isoformat()}:{v.status}" for v in versions]
    parts += [f"{e.kind.value}:{e.seen_at.isoformat()}:{e.version}:{e.detail}" for e in events]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def _load_cache(path: Path | None) -> dict[str, list[Any]]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_change_pages(store: Store, site_dir: Path, *, base_url: str = "", site_title: str = "新闻镜像",
                       script: str = "original", cache: Path | None = None) -> ChangePagesReport:
    """Write (or refresh) the history pages, change indexes and feeds into ``site_dir``.

    ``script``: the build's output script (``publish.content.script_converter``). The pages' own words, titles,
    outlets and reasons are converted as every other page and feed of the site is; they stayed in Simplified in a 繁
    build (polish68). A history page's diffs and first version are the stored text, as the page says (差异以原文显示).

    ``cache``: a file remembering what each history page was made from; an article whose
    versions and events did not change since is not diffed again (diffing every edited
    article was a tenth of an incremental build of the whole archive)."""
    report = ChangePagesReport()
    lang = "zh" if script == "original" else script  # as the site builder's pages say theirs
    options = "|".join([HISTORY_VERSION, RENDER_VERSION, base_url, site_title, script])
    known = _load_cache(cache)
    remembered: dict[str, list[Any]] = {}
    convert = script_converter(script)  # what outlets wrote: titles, names, reasons
    words = interface_converter(script)  # our own words: the templates', labels, the site's name (SiteBuilder.label)
    env = _environment(convert, words)
    labels = {key: words(value) for key, value in LABELS.items()}
    kind_labels = {key: words(value) for key, value in KIND_LABELS.items()}
    wording = {name: words(getattr(WORDING, name)) for name in WORDING.__slots__}
    shown_title = convert(site_title)  # a name: characters only (FormatBuilder.site_title)

    confined: set[str] = set()  # folders found inside the site (confined_path), not resolved again

    def write(path: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        # As the build's own writer (OutputWriter.write): the site folder is anyone's who can write it (a clone of a
        # published mirror, a shared folder), and a `changes` or `history` symlinked elsewhere wrote every page and
        # feed there; a "NAME.tmp" symlink beside a page had its target overwritten. So a path whose folder leads
        # outside is refused, and a page is written through a fresh temporary file (atomic_write), never an old one.
        target = confined_path(site_dir, path, confined)
        if target is None:
            raise OutputError(f"refusing to write {path!r}: it leads outside {site_dir}")
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return
        atomic_write(target, data)
        report.written += 1

    def render(template: str, path: str, **context: Any) -> str:
        # An original-script site's page says its article's script (lang, the history page) and marks each listed
        # article by its own (mark), as the site's article pages and listings do (publish.site; reader81).
        return env.get_template(template).render(root=relative_prefix(path), site_title=shown_title, labels=labels,
                                                 lang=context.pop("lang", lang), kinds=kind_labels,
                                                 mark=lang_mark if lang == "zh" else no_mark, **context)

    for article_id in store.changed_article_ids():
        article = store.get_article(article_id)
        if article is None:
            continue
        events = store.article_events(article_id)
        versions = store.versions(article_id)
        path = history_path(article_id)
        signature = _history_print(options, article, versions, events)
        before = known.get(article_id)
        if isinstance(before, list) and len(before) == 2 and before[0] == signature \
                and (not before[1] or (site_dir / path).is_file()):
            remembered[article_id] = before
            report.histories += bool(before[1])
            continue
        items = history(versions, events)
        remembered[article_id] = [signature, len(items) >= 2]
        if len(items) < 2:
            continue  # versions that differ in nothing a reader sees: no history (see visible_versions)
        status = [e for e in events if e.kind in (EventKind.DELETED, EventKind.RESTORED)]
        deleted = status[-1] if status and status[-1].kind is EventKind.DELETED else None
        # text.diff escapes every piece of text it puts in its HTML.
        steps = [(item, Markup(item.diff.to_html()) if item.diff else None) for item in reversed(items)]  # noqa: S704
        write(path, render("history.html", path, title=f"{words('修改记录')} · {convert(article.title)}", article=article,
                           steps=steps, deleted=deleted, deleted_reason=event_reason(deleted) if deleted else "",
                           original_url=http_url(article.original_url),
                           article_path=f"a/{month_of(article.published_at)}/{article.id}.html",
                           lang=article.script if lang == "zh" and article.script in MARKED else lang))
        report.histories += 1

    entries = store.recent_changes(list(EventKind), limit=ENTRIES_PER_INDEX)
    counts = store.change_counts()
    by_outlet: dict[str, list[ChangeEntry]] = defaultdict(list)
    for outlet in counts:
        by_outlet[outlet] = store.recent_changes(list(EventKind), outlet=outlet, limit=ENTRIES_PER_INDEX)
    # An outlet folder beside the feed files: an outlet called "atom.xml" must not clash with them.
    reserved = frozenset({"atom.xml", "edited.xml", "deleted.xml", "index.html"})
    rows = [(name, f"changes/{unique_slug(name, reserved=reserved)}/index.html", counts[name])
            for name in sorted(counts)]
    pages = [("changes/", "", "被修改和删除的文章", entries, rows)]
    pages += [(f"changes/{unique_slug(name, reserved=reserved)}/", name, "被修改和删除的文章",
               by_outlet[name], [(n, p, c) for n, p, c in rows if n == name]) for name in sorted(counts)]
    # The articles a history page was written for: a kept version that differs in nothing a reader sees has none.
    histories = frozenset(article_id for article_id, known_page in remembered.items() if known_page[1])
    base = base_url.rstrip("/")
    for folder, outlet, heading, listed, table in pages:
        index = folder + "index.html"
        # Versions an import or a fetch kept: edited articles to `newsmirror stats` but no recorded event, named
        # apart as `newsmirror changes` and the reader's /changes name them.
        kept = kept_versions(store, outlet=outlet or None)
        # The outlet's name as written (convert), then our words (words): "中央社 · 被修改和删除的文章".
        shown_heading = " · ".join([*([convert(outlet)] if outlet else []), words(heading)])
        write(index, render("changes.html", index, title=shown_heading, heading=shown_heading, entries=listed,
                            counts=table, kept=kept, wording=wording, outlet=outlet, histories=histories))
        # One feed of everything, and one per kind: "taken down" is what many readers follow.
        # Titled as every feed of both products (publish.feeds): "中央社 · 被修改的文章 · 新闻镜像".
        for name, kinds, what in (("atom.xml", None, CHANGE_FEEDS["all"]),
                                  ("edited.xml", EventKind.EDITED, CHANGE_FEEDS["edited"]),
                                  ("deleted.xml", EventKind.DELETED, CHANGE_FEEDS["deleted"])):
            chosen = [e for e in listed if kinds is None or e.event.kind is kinds]
            feed_url = f"{base}/{folder}{name}" if base else f"{folder}{name}"
            write(folder + name, changes_feed(
                chosen, title=feed_title(convert(site_title), convert(outlet), words(what)),
                subtitle=words(FEED_WORDS["changes_about"].format(what=what)), feed_url=feed_url, convert=convert,
                words=words,
                language=lang,
                site_url=f"{base}/{index}" if base else index,
                article_link=lambda e: f"{base}/{history_path(e.event.article_id)}" if base
                else history_path(e.event.article_id),
                updated=None if chosen else EPOCH))  # an empty feed must not change on every build
        report.indexes += 1
    # Found through the newsmirror package, not newsmirror.web: importing the web package loads
    # FastAPI and builds its models, a second or more of every build for one stylesheet.
    write("changes.css", (resources.files("newsmirror") / "web" / "static" / "changes.css").read_bytes())
    if cache is not None and remembered != known:
        atomic_write(cache, json.dumps(remembered).encode("utf-8"))  # beside the output, as the pages: never a ".tmp" found there
    return report


class _ConvertingLoader(jinja2.BaseLoader):
    """The templates' own words (修改与删除, 第一版全文, ...) in the output script: their source is converted before it
    is compiled. Jinja's syntax and the HTML around the words are ASCII, which conversion leaves as it is."""

    def __init__(self, loader: jinja2.BaseLoader, convert: Callable[[str], str]) -> None:
        self.loader, self.convert = loader, convert

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return self.convert(source), filename, uptodate


def _environment(convert: Callable[[str], str] | None = None,
                 words: Callable[[str], str] | None = None) -> jinja2.Environment:
    """``convert``: stored text (the ``script`` filter); ``words``: the templates' own words, their source converted
    (publish.content.interface_converter; ``convert`` when not given)."""
    site_templates = str(resources.files("newsmirror.publish") / "templates")
    loader: jinja2.BaseLoader = jinja2.ChoiceLoader([jinja2.DictLoader(_TEMPLATES), jinja2.FileSystemLoader(site_templates)])
    if (template_words := words or convert) is not None:
        loader = _ConvertingLoader(loader, template_words)
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    env.filters.update(times.FILTERS)
    # Stored text shown in the output script, as the site's listings show titles and outlets (publish.content).
    env.filters["script"] = convert or (lambda text: text)
    return env
