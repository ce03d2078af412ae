"""Chromium on the reader as a Miniflux/FreshRSS user uses it: keyboard, phone width, dark mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsmirror.model import Story
from newsmirror.store import StoryMember, open_store
from tests.web.conftest import SIMPLIFIED, STORY, TRADITIONAL, article, fill
from tests.web.live import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with open_store(tmp_path_factory.mktemp("ux") / "web.sqlite") as store, serve(fill(store)) as url:
        yield url


def test_j_k_move_through_items_and_slash_focuses_search(browser: Any, site: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(site + "/")
    # Items in page order: the home page's stories, then its articles.
    titles = page.locator("main ul.entries > li > a:first-child, main li.item a.title").all_inner_texts()
    assert len(titles) >= 3
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator(".current a").first.inner_text() == titles[1]
    page.keyboard.press("k")
    assert page.locator(".current a").first.inner_text() == titles[0]
    assert page.evaluate("document.activeElement.textContent") == titles[0]  # Enter opens it
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("j")  # typing in the box is typing, not a shortcut
    assert page.input_value("header form.search input") == "j"
    assert not errors, errors  # the script ran under the page's Content-Security-Policy
    page.close()


def test_phone_header_is_short_and_the_outlet_menu_opens(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site + "/")
    header = page.locator("header.top").bounding_box()
    assert header and header["height"] < 110, header  # two short lines, not five lines of outlets
    menu = page.locator("header details.outlets ul")
    assert not menu.is_visible()
    page.click("header details.outlets summary")
    assert menu.is_visible() and page.locator("header details.outlets a", has_text="中央社").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the open menu fits too
    for path in ("/", f"/story/{STORY.id}", "/search?q=莫斯科"):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


def test_the_search_page_shows_one_search_box_on_a_phone(browser: Any, site: str) -> None:
    """reader79: at 390 px the search page showed the header's box and, just below, its own form's, both holding the
    query. On a phone the header's goes; on a wide screen it stays in the header. / focuses the box shown."""
    shown = "els => els.filter(e => e.offsetParent !== null).map(e => e.closest('header') ? 'header' : 'main')"
    for width, boxes in ((390, ["main"]), (1280, ["header", "main"])):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(site + "/search?q=莫斯科")
        assert page.locator("input[type=search]").evaluate_all(shown) == boxes, width
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.closest('main') !== null"), width
        page.goto(site + "/")  # every other page keeps the header's box
        assert page.locator("input[type=search]").evaluate_all(shown) == ["header"], width
        context.close()


def test_dark_mode_follows_the_system(browser: Any, site: str) -> None:
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site + f"/story/{STORY.id}")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert backgrounds["light"] == "rgb(253, 253, 251)" and backgrounds["dark"] == "rgb(21, 23, 26)"


THREE = [  # a fact reported by two outlets of three: the third's cell in its row is empty
    article("sanction-a", outlet="甲报", title="美国宣布制裁十一名官员", script="zh-Hans",
            body_text="美国国务卿周三在华盛顿宣布新的制裁措施。\n\n制裁对象包括十一名香港和北京官员。"),
    article("sanction-b", outlet="乙报", title="美国宣布新制裁", script="zh-Hans",
            body_text="美国国务卿周三在华盛顿宣布新的制裁措施。\n\n北京表示将坚决反对到底。"),
    article("sanction-c", outlet="丙报", title="北京回应美国制裁", script="zh-Hans",
            body_text="外交部发言人周四表示中方将采取对等反制。\n\n制裁对象包括十一名香港和北京官员。"),
]
THREE_STORY = Story(id="story-three", title="美国宣布制裁")


def test_a_phone_shows_no_blank_cells_for_outlets_silent_on_a_fact(browser: Any, tmp_path: Any) -> None:
    blank_cells = ("Array.from(document.querySelectorAll('.fact .cell'))"
                   ".filter(c => !c.textContent.trim() && c.getBoundingClientRect().height > 0).length")
    heights = {}
    with open_store(tmp_path / "three.sqlite") as store:
        for item in THREE:
            store.upsert_article(item)
        store.save_story(THREE_STORY, [StoryMember(a.id, THREE_STORY.id) for a in THREE])
        with serve(store) as url:
            for width in (390, 1280):
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                page.goto(url + f"/story/{THREE_STORY.id}")
                assert page.evaluate("document.querySelectorAll('.fact .cell:empty').length") > 0
                heights[width] = page.evaluate(blank_cells)
                context.close()
    # Columns side by side keep their empty cells (they hold the alignment); one column does not.
    assert heights[390] == 0 and heights[1280] > 0, heights


def test_choosing_outlets_shows_that_it_compares_until_the_comparison_comes(
        browser: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # It paused ~2 s with the old page shown and nothing said. Held here until the notice is seen: the first part
    # of the page is drawn while the comparison is computed, and the stylesheet hides the notice once it has come.
    import threading

    from newsmirror.web import comparison as web_comparison

    release = threading.Event()
    real = web_comparison.comparison_of

    def held(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("computing") is None:  # computing it, not looking for a stored one
            release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_comparison, "comparison_of", held)
    with open_store(tmp_path / "three.sqlite") as store:
        for item in THREE:
            store.upsert_article(item)
        store.save_story(THREE_STORY, [StoryMember(a.id, THREE_STORY.id) for a in THREE])
        with serve(store) as url:
            page = browser.new_page()
            page.goto(url + f"/story/{THREE_STORY.id}?outlet=甲报&outlet=乙报", wait_until="commit")
            notice = page.locator("p.working")
            notice.wait_for(state="visible", timeout=10000)
            assert "正在对比乙报、甲报的报道" in notice.inner_text()
            assert not page.locator("nav.toc").count()
            release.set()
            page.locator("nav.toc").wait_for(timeout=20000)
            page.wait_for_load_state("load")
            assert not notice.is_visible() and page.locator("#shared").count() == 1
            page.close()


def test_an_edit_adding_a_long_link_keeps_the_history_page_within_a_phone(browser: Any, tmp_path: Any) -> None:
    # An Epoch article's 6th version added a YouTube embed's address: in the history's diff (an <ins>, which did not
    # wrap where the article's body does) it made the page 480 px wide at 390.
    link = "https://www.youtube.com/embed/EmNmDQm2UCYxxxxxxxxxxxxxxxxxxxxxxx"
    first = article("long-link", title="初版标题", body_text="第一版的说法。", body_html="<p>第一版的说法。</p>")
    second = article("long-link", title="初版标题", body_text=f"第一版的说法。\n\n{link}",
                     body_html=f"<p>第一版的说法。</p><p>{link}</p>")
    with open_store(tmp_path / "long.sqlite") as store:
        store.upsert_article(first)
        store.upsert_article(second)
        article_id = second.id or first.id
        assert len(store.versions(article_id)) == 2
        with serve(store) as url:
            context = browser.new_context(viewport={"width": 390, "height": 800})
            page = context.new_page()
            page.goto(url + f"/article/{article_id}/history")
            assert page.locator("ins", has_text="youtube").count() >= 1
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            context.close()


def test_a_phone_lays_out_every_page_at_its_own_width_the_api_docs_too(browser: Any, site: str) -> None:
    # A phone's browser (is_mobile) lays out a page without a viewport line 980 px wide and shrinks it: the API
    # browser at /docs, which the reader's footer links, was drawn so (session 47's walk at 390 px).
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("/", f"/story/{STORY.id}", "/search?q=莫斯科", "/changes", "/docs", "/article/no-such-article"):
        page.goto(site + path)
        if path == "/docs":
            page.wait_for_selector("#swagger-ui .opblock", timeout=20_000)  # Swagger UI drawn
        layout = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollWidth]")
        assert layout[0] == 390 and layout[1] <= 390, (path, layout)
    context.close()


def test_a_search_snippet_with_a_run_that_has_no_break_stays_within_a_phone(browser: Any, tmp_path: Any) -> None:
    # reader79 on the whole archive: a snippet of 美國之音 holding an outlet's "=====" rule and a YouTube address
    # made the search page 568 px wide at 390 (nothing in a snippet may break such a run but overflow-wrap).
    rule, link = "=" * 60, "https://www.youtube.com/embed/7" + "x" * 50
    video = article("video", title="焦点对话：节目预告", body_text=f"焦点对话每星期五晚间播出。 {rule} {link} 欢迎收看。")
    with open_store(tmp_path / "snippet.sqlite") as store:
        store.upsert_article(video)
        with serve(store) as url:
            context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
            page = context.new_page()
            page.goto(url + "/search?q=焦点对话")
            assert page.locator(".snippet", has_text="=====").count() == 1
            layout = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollWidth]")
            assert layout == [390, 390], layout
            context.close()


def test_a_page_in_traditional_characters_names_traditional_fonts_first(browser: Any, site: str) -> None:
    # reader79: under 繁 the stack named "Noto Sans CJK SC" before any TC font, so Chromium drew Traditional text in
    # mainland glyphs (。，in a cell's corner). The page's lang chooses the stack; the static site shares the sheet.
    page = browser.new_page()
    stacks = {}
    for script in ("zh-Hant", "zh-Hans"):
        page.goto(site + f"/story/{STORY.id}?script={script}")
        stacks[script] = page.evaluate("getComputedStyle(document.body).fontFamily")
    page.close()
    assert stacks["zh-Hant"].index("Noto Sans CJK TC") < stacks["zh-Hant"].index("sans-serif")
    assert "CJK SC" not in stacks["zh-Hant"] and "Noto Sans CJK SC" in stacks["zh-Hans"]


def test_a_traditional_report_on_an_original_script_page_is_drawn_in_traditional_glyphs(browser: Any, site: str) -> None:
    """reader79: 原文 pages (lang="zh") mix both scripts and took the SC stack for all; each report, title and
    sentence now says the script it is written in, and the style sheet gives a Traditional one the TC stack."""
    page = browser.new_page()
    page.goto(site + f"/story/{STORY.id}?script=orig")
    fonts = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('section.side-by-side article.cell')]
        .map(cell => [cell.dataset.articleId, getComputedStyle(cell.querySelector('.body p')).fontFamily]))""")
    hant, hans = fonts[TRADITIONAL.id], fonts[SIMPLIFIED.id]
    assert hant.index("Noto Sans CJK TC") < hant.index("sans-serif") and "CJK SC" not in hant
    assert "Noto Sans CJK SC" in hans and "CJK TC" not in hans
    page.goto(site + f"/article/{TRADITIONAL.id}?script=orig")
    assert "Noto Sans CJK TC" in page.evaluate("getComputedStyle(document.querySelector('main h1')).fontFamily")
    page.close()


def test_a_big_storys_closed_reports_open_from_the_contents(browser: Any, site: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A big story's reports wait in a closed details (reader79: 232,000 px at 390 px): on a phone the page ends
    after the grid's summary line and the reports' one; the contents' link to a report opens them at it, and j/k
    move only through what is shown."""
    import newsmirror.web.app as web_app

    monkeypatch.setattr(web_app, "REPORTS_OPEN_CHARS", 10)
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(site + f"/story/{STORY.id}")
    assert page.locator("details.reports").count() == 1 and not page.locator("details.reports[open]").count()
    assert not page.locator(f"#report-{TRADITIONAL.id}").is_visible()
    page.keyboard.press("j")
    assert page.locator("article.cell.current").count() == 0  # not into the closed reports
    page.click(f"nav.toc a[href='#report-{TRADITIONAL.id}']")
    assert page.locator("details.reports[open]").count() == 1
    assert page.locator(f"#report-{TRADITIONAL.id}").is_visible()
    context.close()
