"""The static site's outlet and channel pages are reached from every link to them, whatever the name holds
(safety72: the reader's outlet route could not carry a "/"; the site's folders are slugs with a hash of the exact
name, publish.paths.unique_slug, so it had no such gap: this keeps it so)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

from newsmirror.jobs.building import build
from newsmirror.publish.base import BuildOptions
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, make_article

NAMES = ["国际/港澳", "恶意台/", "/开头", "a//b", "..", ".", "...", "100%", "a%2Fb", "空 格?#&", "新唐人", "新唐人-"]


def _no_fetch(url: str) -> bytes:
    from newsmirror.publish.images import ImageFetchError

    raise ImageFetchError(f"no network in tests: {url}")


def test_every_outlet_linked_from_the_index_and_the_articles_has_its_page(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        for n, name in enumerate(NAMES):
            store.upsert_article(make_article(n, outlet=name, channel=name))
        build(store, tmp_path / "out", ["site"], BuildOptions(base_url=BASE_URL), images=False, fetch=_no_fetch)
    site = tmp_path / "out" / "site"

    def target(page: Path, href: str) -> Path:
        # What a browser opens: the link resolved against the page's address, dot segments dropped, decoded.
        url = urljoin("https://mirror.test/" + page.relative_to(site).as_posix(), href)
        path = unquote(urlsplit(url).path).lstrip("/")
        return site / (path + "index.html" if path.endswith("/") or not path else path)

    index = site / "index.html"
    links = {a.text_content(): a.get("href") for a in lxml_html.parse(str(index)).xpath('//a[contains(@href, "outlet/")]')}
    assert set(NAMES) <= set(links)
    pages = set()
    for name in NAMES:
        page = target(index, links[name])
        assert page.is_file(), (name, links[name])
        assert lxml_html.parse(str(page)).xpath("string(//h1)").strip() == name
        pages.add(page)
    assert len(pages) == len(NAMES)  # no two names share a page
    crumbs = 0
    for article in (site / "a").rglob("*.html"):
        tree = lxml_html.parse(str(article))
        for a in tree.xpath('//a[contains(@href, "outlet/")]'):
            page = target(article, a.get("href"))
            assert page.is_file() and lxml_html.parse(str(page)).xpath("string(//h1)").strip() == a.text_content()
            crumbs += 1
    assert crumbs >= len(NAMES)
