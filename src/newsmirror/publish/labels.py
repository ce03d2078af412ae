"""The headings of a story page's sections, one table for both products: the static site's story page
(``publish.site.LABELS``) and the reader's (``web``, through its ``ui()``, which turns them to the reader's script).

Each product once wrote its own: the reader said 多数媒体报道的 / 各家原文 / 只有一家报道的 where the site said
多数媒体报道的内容 / 各家报道 / 仅一家报道的内容 (polish68). One table read by both, and a test rendering both pages
(tests/web/test_section_labels.py), keep them from drifting apart again. Written in Simplified; each product converts.
"""

from __future__ import annotations

STORY_LABELS = {
    "summary": "多数媒体报道的内容",  # the facts most of its outlets report (story_summary)
    "own": "各家独有的要点",  # what each outlet alone adds, most important first
    "compare": "报道对比",  # the full grid: the three sections below
    "shared": "各家都报道的内容",
    "shared_two": "两家都报道的内容",  # "shared" when the comparison has two outlets, as `stories show` says
    "partial": "部分媒体报道的内容",
    "unique": "仅一家报道的内容",
    # The outlets' own reports (the reader shows their full text, the site their summaries: 报道 fits both).
    "reports": "各家报道",
    "copies": "转载",  # republished copies, listed apart from the reports
    "toc": "目录",
    # The words in its sections, equal in both products before there was one table.
    "more_own": "另有{count}条", "also": "{outlets}也报道", "also_all_but": "除{outlets}外，其他各家也报道",
    "grid": "{count}家媒体（{outlets}）的{facts}条事实逐家对照", "open": "点击展开", "none_alone": "没有仅由它报道的事实。",
    "only": "只有{outlets}提到", "only_it": "其他媒体也报道的事实中，只有它提到", "rest": "原句的其余部分",
    "read_in_part": "这些报道太长，对比只读了它们的开头：",
    # Under a story's outlets: those with articles on its days and none in it (publish.absent; polish75).
    "no_report": "{days}在本存档中有文章，但没有此事报道的媒体：{outlets}", "days": "{first}至{last}", "and_more": "等{count}家",
}
