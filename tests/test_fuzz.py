"""Fuzzing the doors attackers reach: the archive importers, feeds, and the reader's search.

Hypothesis writes random archives (front matter, bodies, paths) and random search requests.
An importer may refuse a file only with its documented errors (ImportFailure, ExtractionError),
which the import report shows as a reason; anything else surfaces as "unexpected ..." and fails
here. The reader may refuse a request (4xx) but never answer 500. Bounded (max_examples, no
per-example deadline) so the whole file runs in well under 30 s.
"""

from __future__ import annotations

import contextlib
import os
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmirror.errors import ExtractionError, ImportFailure, NewsmirrorError
from newsmirror.extract import extract_article
from newsmirror.ingest.archives import read_archive_file
from newsmirror.jobs.importing import import_paths
from newsmirror.store import Store, open_store
from newsmirror.web import create_app
from tests.web.conftest import fill

# CI runs a fixed sample; NEWSMIRROR_FUZZ_EXAMPLES=2000 explores new random ones on demand.
_EXPLORE = int(os.environ.get("NEWSMIRROR_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_EXPLORE or 60, deadline=None, derandomize=not _EXPLORE, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text with what breaks parsers: controls, quotes, YAML and Markdown syntax, both scripts.
SPICY = st.sampled_from(list("\x00\x01\x1b\x7f\u2028\ufeff\ufffe\"'\\:&*!|>-#[](){}<>%@`~ \t\n") +
                        ["---", "&a", "*a", "<<:", "!!python/object", "{{ x }}", "{% raw %}", "<script>",
                         "马朝旭", "馬朝旭", "原文地址：", "###", "\r\n"])
TEXT = st.lists(st.one_of(SPICY, st.text(max_size=8)), max_size=12).map("".join)
KEYS = st.sampled_from(["title", "from", "date", "author", "categories", "tags", "layout", "x", "a0", ""])
TAGS = st.sampled_from(["p", "div", "img", "a", "script", "style", "table", "td", "figure", "iframe", "svg"])


@st.composite
def html_body(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", ' src="https://x.example/a.jpg"', ' href="javascript:x()"',
                                      ' onerror="x()"', ' class="articlekeywordGroup"', ' style="x"']))
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


@st.composite
def jekyll_post(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        value = draw(st.one_of(TEXT, st.just("https://example.org/a"), st.just("2024-13-45T99:00:00Z"),
                               st.just("[a, [b, *x]]"), st.just("&x [1, 2]"), st.just("*x")))
        lines.append(f"{draw(KEYS)}: {value}")
    if draw(st.booleans()):
        lines.append("from: https://example.org/" + draw(st.text(string.ascii_letters, max_size=6)))
    if draw(st.booleans()):
        lines.append("title: " + draw(TEXT))
    epoch = draw(st.sampled_from(["", "<!--1709265906000-->\n", "<!--NaN-->\n", "<!--99999999999999999999-->\n"]))
    return "---\nlayout: post\n" + "\n".join(lines) + "\n---\n" + epoch + draw(html_body())


@st.composite
def page_mirror(draw: st.DrawFn) -> str:
    title = draw(TEXT)
    url = draw(st.sampled_from(["https://www.ntdtv.com/gb/a.html", "https://example.org/x", "javascript:x", ""]))
    return (f"### {title}\n---\n#### [导航](../../indexes/{draw(TEXT)}.md)\n{draw(html_body())}\n"
            f"手机上长按并复制下列链接或二维码分享本文章：<br/>\n"
            f"https://m.test/pages/{draw(TEXT)}/{draw(TEXT)}.md\n原文地址（需翻墙访问）：{url}{draw(TEXT)}\n")


SEGMENT = st.one_of(st.sampled_from(["pages", "_posts", "archived", "indexes", "2024-03-01", "prog204", ".."]),
                    st.text(string.ascii_letters + "中文-_ .%", min_size=1, max_size=8))


@st.composite
def archive_path(draw: st.DrawFn) -> Path:
    folders = [s for s in draw(st.lists(SEGMENT, max_size=3)) if s.strip(". ")]
    name = draw(st.one_of(st.just("names.csv"), st.text(string.ascii_letters + "中文-_", min_size=1, max_size=8)))
    return Path(*folders, name + draw(st.sampled_from([".md", ".md", ".csv", ".md.png", ""])))


@FUZZ
@given(content=st.one_of(jekyll_post(), page_mirror(), TEXT), relative=archive_path())
def test_importers_fail_only_with_their_documented_errors(content: str, relative: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            found = read_archive_file(path)
            if found.raw is not None:
                extract_article(found.raw)
        except (ImportFailure, ExtractionError):
            pass  # a clear, per-file reason: the run goes on


@FUZZ
@given(files=st.lists(st.tuples(archive_path(), st.one_of(jekyll_post(), page_mirror())), min_size=1, max_size=4),
       names_csv=st.one_of(st.none(), TEXT))
def test_an_import_run_reports_every_problem_as_a_reason(files: list[tuple[Path, str]], names_csv: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        for relative, content in files:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_dir():
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
        if names_csv is not None:
            (root / "indexes").mkdir(parents=True, exist_ok=True)
            (root / "indexes/names.csv").write_text(names_csv, encoding="utf-8", errors="surrogatepass")
        root.mkdir(exist_ok=True)
        with open_store(Path(tmp) / "s.sqlite") as store:
            report = import_paths(store, [root])
            for failure in report.failures:
                assert not failure.reason.startswith("unexpected"), (failure.path, failure.reason)
            for stored in store.iter_articles():
                assert len(stored.title) < 5000 and len(stored.outlet) < 5000


@st.composite
def feed_document(draw: st.DrawFn) -> str:
    """RSS, Atom or JSON Feed with random fields (and random breakage)."""
    def field() -> str:
        return draw(st.one_of(TEXT, html_body(), st.sampled_from(["", "9" * 40, "Mon, 99 Foo 2024 99:99:99 +9999"])))

    kind = draw(st.sampled_from(["rss", "atom", "json", "junk"]))
    if kind == "rss":
        items = "".join(f"<item><title>{field()}</title><link>{field()}</link><guid>{field()}</guid>"
                        f"<pubDate>{field()}</pubDate><description><![CDATA[{field()}]]></description></item>"
                        for _ in range(draw(st.integers(0, 3))))
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{field()}</title>{items}</channel></rss>'
    if kind == "atom":
        entries = "".join(f"<entry><title>{field()}</title><link href='{field()}'/><id>{field()}</id>"
                          f"<updated>{field()}</updated><content type='html'>{field()}</content></entry>"
                          for _ in range(draw(st.integers(0, 3))))
        return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{field()}</title>{entries}</feed>'
    if kind == "json":
        import json

        items = [{"id": field(), "url": field(), "title": field(), "content_html": field(),
                  "date_published": field()} for _ in range(draw(st.integers(0, 3)))]
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": field(), "items": items})
    return field()


@FUZZ
@given(document=feed_document(), as_bytes=st.booleans())
def test_feeds_fail_only_with_their_documented_errors(document: str, as_bytes: bool) -> None:
    from newsmirror.ingest.feeds import parse_feed

    data = document.encode("utf-8", "surrogatepass") if as_bytes else document
    try:
        parsed = parse_feed(data, feed_url="https://feeds.example/rss")
    except NewsmirrorError:
        return  # FeedParseError and friends: one clear message, the source is reported
    for item in parsed.items:
        with contextlib.suppress(ImportFailure, ExtractionError):
            extract_article(item.document)


@pytest.fixture(scope="module")
def reader() -> Iterator[TestClient]:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "web.sqlite") as store:
        yield TestClient(create_app(fill_store(store)), raise_server_exceptions=False)


def fill_store(store: Store) -> Store:
    return fill(store)


NUMBER = st.one_of(st.integers(-5, 300), st.integers(), st.sampled_from(["", "x", "1e9", "9" * 30, "-0", "0x10"]))
DAY = st.one_of(st.dates().map(str), st.sampled_from(["", "9999-12-31", "0001-01-01", "2024-02-30", "今天", "\x00"]))


@FUZZ
@given(path=st.sampled_from(["/api/search", "/search", "/search.atom", "/api/articles", "/", "/changes",
                             "/changes.atom", "/api/stories", "/stories", "/outlet/新闻网", "/channel/要闻"]),
       q=TEXT, outlet=TEXT, since=DAY, until=DAY, limit=NUMBER, offset=NUMBER, page=NUMBER,
       kind=st.sampled_from(["", "all", "edited", "deleted", "bogus"]), days=NUMBER,
       min_outlets=NUMBER, present=st.sets(st.sampled_from(
           ["q", "outlet", "since", "until", "limit", "offset", "page", "kind", "days", "min_outlets"])))
def test_the_reader_never_answers_500(reader: TestClient, path: str, present: set[str], **values: object) -> None:
    params = {name: str(value) for name, value in values.items() if name in present}
    response = reader.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])


@FUZZ
@given(segment=TEXT)
def test_reader_paths_never_answer_500(reader: TestClient, segment: str) -> None:
    from urllib.parse import quote

    for prefix in ("/article/", "/story/", "/outlet/", "/channel/", "/api/articles/", "/api/stories/", "/images/"):
        response = reader.get(prefix + quote(segment, safe=""), follow_redirects=False)
        assert response.status_code < 500, (prefix, segment, response.text[:300])
