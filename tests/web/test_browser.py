"""Chromium driving the real reader: home, search in both scripts, story page, script toggle."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsmirror.store import Store, open_store
from tests.web.conftest import SIMPLIFIED, STORY, TRADITIONAL, UNRELATED, fill
from tests.web.live import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with open_store(tmp_path_factory.mktemp("browser") / "web.sqlite") as store, serve(fill(store)) as url:
        yield url


def search_from_the_header(page: Any, query: str) -> list[str]:
    page.fill("header form.search input[name=q]", query)
    page.click("header form.search button")
    page.wait_for_url(re.compile(r"/search\?"))
    return sorted(page.locator("li.hit").evaluate_all("items => items.map(i => i.dataset.articleId)"))


def test_reader_in_a_browser(browser: Any, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "/")
    assert page.locator("a.title").first.inner_text() == TRADITIONAL.title
    assert UNRELATED.title in page.content()

    both = sorted([SIMPLIFIED.id, TRADITIONAL.id])
    assert search_from_the_header(page, "马朝旭") == both
    assert search_from_the_header(page, "馬朝旭") == both
    assert page.locator("li.hit mark").first.inner_text() in {"马朝旭", "馬朝旭"}

    page.goto(site + f"/story/{STORY.id}")
    columns = page.locator("section.side-by-side article.cell")
    assert columns.count() == 2
    assert "抵達" not in page.content()
    page.click("[data-script-toggle='繁']")
    assert "中國外交部副部長馬朝旭抵達莫斯科" in page.locator("section.side-by-side").inner_text()
    page.goto(site + f"/article/{SIMPLIFIED.id}")  # the choice is remembered
    assert page.locator("h1").inner_text() == "北京派馬朝旭赴俄磋商"
    page.click("[data-script-toggle='简']")
    page.goto(site + f"/article/{TRADITIONAL.id}")
    assert page.locator("h1").inner_text() == "马朝旭先赴莫斯科磋商"
    page.close()


@pytest.fixture(scope="module")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths

    with open_store(tmp_path_factory.mktemp("corpus") / "corpus.sqlite") as store:
        import_paths(store, [corpus_dir])
        group_articles(store)
        with serve(store) as url:
            yield url, store


@pytest.mark.corpus
def test_seed_articles_in_a_browser(browser: Any, corpus_site: tuple[str, Store]) -> None:
    site, store = corpus_site
    ntd_id = store.find_article_id(url="https://www.ntdtv.com/gb/2023/02/04/a103642134.html")
    cna_id = store.find_article_id(url="https://www.cna.com.tw/news/acn/202302040101.aspx")
    assert ntd_id and cna_id, "the seed articles were not imported"

    page = browser.new_page()
    page.goto(site + "/")
    assert page.locator("a.title").count() >= 20
    for query in ("马朝旭", "馬朝旭"):
        found = search_from_the_header(page, query)
        assert {ntd_id, cna_id} <= set(found), query
    titles = page.locator("li.hit a.title").all_inner_texts()
    assert "習近平是否春季訪俄沒譜 馬朝旭先赴莫斯科磋商" in titles

    story_id = store.story_of(cna_id)
    assert story_id is not None and store.story_of(ntd_id) == story_id
    page.click(f"li.hit[data-article-id='{cna_id}'] a.title")
    page.click("a[href='/story/" + story_id + "']")
    side = page.locator("section.side-by-side")
    assert {ntd_id, cna_id} <= set(side.locator("article.cell").evaluate_all(
        "cells => cells.map(c => c.dataset.articleId)"))
    assert "習近平是否春季訪俄沒譜" in side.inner_text()
    page.click("[data-script-toggle='简']")
    assert "习近平是否春季访俄没谱" in page.locator("section.side-by-side").inner_text()
    page.click("[data-script-toggle='繁']")
    assert "莫斯科預告習近平來訪" in page.locator("section.side-by-side").inner_text()

    # Compare the seed pair alone: untick the other two outlets, the deputies' names become
    # what CNA adds to NTD's "及其两名副手".
    page.click("[data-script-toggle='原文']")
    ntd, cna = store.get_article(ntd_id), store.get_article(cna_id)
    assert ntd is not None and cna is not None
    for box in page.locator("form.compare-with input[name='outlet']").all():
        if box.get_attribute("value") not in {ntd.outlet, cna.outlet}:
            box.uncheck()
    page.click("form.compare-with button")
    page.wait_for_load_state("load")  # the page comes at once saying it compares; the comparison follows
    assert page.locator("form.compare-with input[name='outlet']:checked").count() == 2
    only_cna = [line for line in page.locator("p.details").all_inner_texts() if line.startswith(f"只有{cna.outlet}提到")]
    assert any("魯登科" in line and "維爾新尼" in line for line in only_cna), only_cna  # in CNA's own spelling
    page.close()
