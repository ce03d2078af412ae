"""The reader's error messages under 繁: our words in Taiwan's phrases, a name in them (an outlet or a channel typed in
the address, a date field's text) by characters only, as polish72's rule has it for every page. The whole message went
through the interface's converter, so a typed 信息时报 read 資訊時報 (session 53's leftover; polish73)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def message(client: TestClient, url: str, status: int) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text
    [said] = re.findall(r'<p class="error">(.*?)</p>', response.text)
    return str(said)


def test_a_name_in_an_error_keeps_its_characters_under_hant(client: TestClient) -> None:
    assert message(client, "/outlet/信息时报?script=zh-Hant", 404) == "沒有來自“信息時報”的文章。"  # not 資訊時報
    assert message(client, "/channel/软件新闻?script=zh-Hant", 404) == "欄目“軟件新聞”裡沒有文章。"  # not 軟體
    assert message(client, "/search?q=马朝旭&since=信息&script=zh-Hant", 400).startswith("起始日期：“信息”不是日期")
    # Our own words still get Taiwan's phrases (搜尋框); under 简 a name is shown as the pages show an outlet's text
    # (render.convert_text), under 原文 as typed.
    assert "搜尋框" in message(client, "/no-such-page?script=zh-Hant", 404)
    assert message(client, "/outlet/東森新聞?script=zh-Hans", 404) == "没有来自“东森新闻”的文章。"
    assert message(client, "/outlet/信息时报?script=orig", 404) == "没有来自“信息时报”的文章。"


def test_the_feeds_json_error_is_the_message_as_typed(client: TestClient) -> None:
    response = client.get("/outlet/信息时报/atom.xml", params={"script": "zh-Hant"})
    assert response.status_code == 404 and response.json() == {"detail": "没有来自“信息时报”的文章。"}


def test_an_error_pages_heading_is_our_words_under_hant(client: TestClient) -> None:
    """The heading (ERROR_TITLES) was converted as an outlet's text (characters only): 不支持這種請求方式 and
    服務器 under 繁, where polish72's reading has 不支援 and 伺服器 (the hint below it already read so)."""
    response = client.post("/search", params={"script": "zh-Hant"})
    assert response.status_code == 405
    assert "<h1>不支援這種請求方式</h1>" in response.text and "<title>不支援這種請求方式 · 新聞鏡像</title>" in response.text
