"""Small archive files written for the tests (invented text, not corpus data)."""

from __future__ import annotations

from pathlib import Path

PAGE_MIRROR = """### 测试城市举办春季灯会 市民踊跃参观
------------------------

#### [首页](../../README.md?a1)  &nbsp;|&nbsp; [大陆新闻](../../indexes/N大陆新闻.md?a1) &nbsp;|&nbsp; [翻墙教程](https://example.org/guides?a1)



<div><div class="featured_image">
 <figure>
  <img alt="灯会" src="https://i.ntdtv.com/assets/uploads/2024/01/lantern-800x450.jpg"/>
 </figure><br/>
 <span class="caption">
  灯会现场人潮涌动。（示意图）
 </span>
</div>
</div><hr/>

#### [ 💌 推广链接一号](https://promo.example.org/letter.md?a1)

#### [ 🎬 推广视频二号](http://192.0.2.10:10000/videos/index.html?a1)

<div><div class="post_content" itemprop="articleBody">
 <p>
  【新唐人北京时间2024年02月10日讯】测试城市周六举办春季
  <ok href="https://www.ntdtv.com/gb/灯会.htm">
   灯会
  </ok>
  ，数万市民到场参观。
 </p>
 <p>
  主办方表示，今年的灯会共展出两百组花灯，将持续到元宵节。
 </p>
 <p>
  （记者王小明报导/责任编辑：李大华）
 </p>
 <div class="single_ad">
  <p>广告位招租</p>
 </div>
</div>
</div>
<hr/>
手机上长按并复制下列链接或二维码分享本文章：<br/>
https://github.com/someone/mirror/blob/master/pages/prog204/a1.md <br/>
<a href='https://github.com/someone/mirror/blob/master/pages/prog204/a1.md'><img src='https://cdn.example.org/gh/someone/mirror/pages/prog204/a1.md.png'/></a> <br/>
原文地址（需翻墙访问）：https://www.ntdtv.com/gb/2024/02/09/a1.html


------------------------
#### [首页](../../README.md?a1)  &nbsp;|&nbsp; [大陆新闻](../../indexes/N大陆新闻.md?a1)


<img src='http://gfw-breaker.win/mirror/pages/prog204/a1.md' width='0px' height='0px'/>"""

NAMES_CSV = "prog204,N大陆新闻\nnsc413,E大陆新闻\n\nhotnews,热点新闻\n"

JEKYLL_POST = """---
layout: post
title: "測試市長宣布新交通政策 公車票價下調"
date: 2024-03-01T04:05:06.000Z
author: (臺)中央社CNA
from: https://www.cna.com.tw/news/acn/202403010001.aspx?utm_source=feed&utm_medium=rss
tags: [ (臺)中央社CNA ]
comments: True
categories: [ (臺)中央社CNA ]
---
<!--1709265906000-->
[測試市長宣布新交通政策 公車票價下調](https://www.cna.com.tw/news/acn/202403010001.aspx)
------

<div>
<div><div><div><picture><source data-srcset="https://img.example.tw/800/bus.jpg"><img class='lazyload' data-src="https://img.example.tw/800/bus.jpg" alt="市長在記者會上說明新政策。（中央社）"></picture></div><div>市長在記者會上說明新政策。（中央社）</div></div></div><div><p>（中央社記者陳小華台北1日電）測試市長今天宣布，公車票價自下月起下調兩成。</p><p>市長表示，新政策可望減輕通勤族負擔。（編輯：林一/張二）1130301</p><div class='articlekeywordGroup'><div class='keywordTag'><a href='/tag/hysearchws.aspx?q=公車'>#公車</a></div><div class='keywordTag'><a href='/tag/hysearchws.aspx?q=票價'>#票價</a></div></div><div class='paragraph moreArticle flexhalf'><div class='moreArticle-title'><a href='/tag/x'>公車</a></div><a class='discursive' href='https://www.cna.com.tw/news/a/1.aspx'><svg width='6' height='6'><use href='#svg-dot'></use></svg><span>延伸閱讀的另一篇文章</span></a></div><div class='paragraph bottomBox'><div class='topNewsTitle'><a href='/list/headlines.aspx'>聚焦新聞</a></div><div class='topNews'><div class='owl-carousel' id='TopNews' style='display: none'><div class='item'><a href='https://www.cna.com.tw/news/b/2.aspx'><img class='owl-lazy' data-src='https://img.example.tw/cover.jpg' alt='輪播標題'><span>輪播標題</span></a></div></div></div></div></div><br><hr><div>获取更多RSS：<br><a href="https://feedx.net" style="color:orange" target="_blank">https://feedx.net</a><br></div>
</div>"""

NAN_POST = """---
layout: post
title: "测试早报：两地举行会谈"
date: 2024-03-02T05:06:07.220Z
author: 联合早报
from: https://www.zaobao.com/realtime/china/story20240302-1
tags: [ 联合早报 ]
categories: [ 联合早报 ]
---
<!--NaN-->
[测试早报：两地举行会谈](https://www.zaobao.com/realtime/china/story20240302-1)
------

<div>
<p>两地官员周六举行会谈，同意加强合作。</p><section id="imu"><div id="dfp-ad-imu1">  </div></section><p>双方将在下月再次会面。</p><script>track()</script><div class="cx_paywall_placeholder"></div>
</div>"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_archive(root: Path) -> Path:
    """A tiny archive with both formats and the non-article files real archives carry."""
    write(root, "mirror/pages/prog204/a1.md", PAGE_MIRROR)
    write(root, "mirror/indexes/names.csv", NAMES_CSV)
    write(root, "mirror/indexes/N大陆新闻.md", "#### [某篇文章](../pages/prog204/a1.md)\n")
    write(root, "mirror/README.md", "### 镜像首页\n")
    (root / "mirror/pages/prog204/a1.md.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write(root, "feeds/_posts/2024-03-01-測試.md", JEKYLL_POST)
    write(root, "feeds/archived/2024-03-02/2024-03-02-测试早报.md", NAN_POST)
    return root
