from __future__ import annotations

import lxml.html

from newsmirror.extract.regions import feed_item_region, mirror_region


def _root(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>t</title></head><body>{body}</body></html>")


def test_mirror_region_lies_between_the_last_promo_heading_and_the_share_trailer() -> None:
    root = _root(
        "<h3>标题</h3><hr><h4>导航</h4><div>头图</div><hr><h4>推广</h4>"
        "<div><p>正文第一段。</p></div><p>正文第二段。</p><hr>手机上长按并复制下列链接或二维码分享本文章：<br>链接"
    )
    region = mirror_region(root)
    assert region is not None
    assert [el.text_content() for el in region] == ["正文第一段。", "正文第二段。"]


def test_no_mirror_region_without_the_trailer() -> None:
    assert mirror_region(_root("<h3>标题</h3><div><p>正文。</p></div>")) is None


def test_feed_item_region_is_the_content_after_the_title_link() -> None:
    root = _root("<h2><a href='https://example.org/a'>标题</a></h2><div><p>这是一条足够长的订阅条目正文，用来确认内容区域能被找到。第二句话让它超过四十个字符的门槛。</p></div>")
    region = feed_item_region(root)
    assert region is not None and region[0].tag == "div"


def test_an_ordinary_page_is_no_feed_item() -> None:
    root = _root("<nav>导航</nav><h1>标题</h1><article><p>正文。</p></article><aside>侧栏</aside><footer>页脚</footer>")
    assert feed_item_region(root) is None
