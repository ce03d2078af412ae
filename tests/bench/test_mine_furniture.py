"""bench/mine_furniture.py: a sentence an outlet writes in reports of many different stories is its furniture; one a
series of alike reports repeats, or one of a longer block the outlet appends, is not; held and unseen posts are not
read."""

from __future__ import annotations

import random
from pathlib import Path

from bench.mine_furniture import (
    MAX_BLOCK,
    MIN_DATES,
    MIN_STORIES,
    SAMPLES,
    SHIPPED_SAMPLES,
    SHIPPED_UNSEEN,
    UNSEEN_DAYS,
    Report,
    kept_rows,
    main,
)

_RNG = random.Random(69)


def _sentence(rng: random.Random = _RNG, size: int = 30) -> str:
    """A made-up sentence of random Han characters (no two share a bigram but by chance)."""
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(size)) + "。"


def _key(sentence: str) -> str:
    from newsmirror.text.normalize import match_key

    return match_key(sentence)


def _day(n: int) -> str:
    return f"2020-07-{n + 1:02d}"


def test_a_tail_in_reports_of_many_stories_is_kept_a_series_background_is_not() -> None:
    tail = _key("感谢您收看本台节目，我们明天同一时间再见。")
    background = _key("该汇率机制自二零一五年起实行，每日公布一次。")
    template = [_sentence() for _ in range(4)]
    reports = []
    for n in range(MIN_STORIES + 2):
        # One outlet's reports of different stories, each closing on its tail.
        reports.append(Report(_day(n), "甲台", (*(_key(_sentence()) for _ in range(4)), tail)))
        # Its daily series: alike reports (one sentence of four differs) with their standing background.
        reports.append(Report(_day(n), "甲台", (*(_key(s) for s in template[:3]), _key(_sentence()), background)))
    # Another outlet writes the tail twice: not its furniture.
    reports += [Report(_day(n), "乙台", (_key(_sentence()), tail)) for n in range(2)]
    rows = kept_rows(reports)
    assert [(outlet, key) for outlet, key, *_counts in rows] == [("甲台", tail)]
    assert rows[0][2:] == (MIN_STORIES + 2, MIN_STORIES + 2, MIN_STORIES + 2)


def test_a_block_the_outlet_appends_and_a_tail_on_few_dates_are_not_kept() -> None:
    gallery = [_key(_sentence()) for _ in range(MAX_BLOCK + 1)]
    few_days = _key("本节目由某某基金会赞助播出，特此感谢。")
    reports = [Report(_day(n), "甲台", (*(_key(_sentence()) for _ in range(4)), *gallery)) for n in range(12)]
    reports += [Report(_day(n % (MIN_DATES - 1)), "乙台", (*(_key(_sentence()) for _ in range(4)), few_days))
                for n in range(12)]
    assert kept_rows(reports) == []


def _post(root: Path, day: str, name: str, outlet: str, paragraphs: list[str]) -> None:
    folder = root / "archived" / day
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    (folder / f"{day}-{name}.md").write_text(
        f"---\nlayout: post\ntitle: \"{name}\"\ndate: {day}T08:00:00.000Z\nauthor: {outlet}\n"
        f"from: https://example.com/{day}/{name}\n---\n{body}\n", encoding="utf-8")


def test_the_archive_is_read_as_the_importer_reads_it_and_unseen_posts_are_not(tmp_path: Path) -> None:
    tail = "感谢您收看本台节目，我们明天同一时间再见。"
    for n in range(MIN_STORIES):
        _post(tmp_path, _day(n), f"报道{n}", "甲台", [_sentence() for _ in range(4)] + [tail])
    out = tmp_path / "outlet_furniture.tsv"
    assert main([str(tmp_path), "--out", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows == [["甲台", _key(tail), str(MIN_STORIES), str(MIN_STORIES), str(MIN_STORIES)]]
    # Posts of an unseen day (+-3) are never read: with one story fewer the tail is under the rule.
    _post(tmp_path, "2020-11-17", "报道x", "甲台", [_sentence() for _ in range(4)] + [tail])
    (tmp_path / "archived" / _day(0) / f"{_day(0)}-报道0.md").rename(tmp_path / "archived" / "2020-11-17" / "a.md")
    assert main([str(tmp_path), "--out", str(out)]) == 0
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")] == []


def test_every_sample_and_unseen_day_is_left_out_and_the_shipped_build_is_pinned() -> None:
    assert {"onlyx-sample-k.toml", "onlyx-sample-ba.toml", "onlyx-sample.toml"} <= set(SAMPLES)
    assert {"2020-11-18", "2020-12-02", "2020-08-31"} <= set(UNSEEN_DAYS)
    assert set(SHIPPED_UNSEEN) <= set(UNSEEN_DAYS)
    assert "2020-07-20" not in SHIPPED_UNSEEN  # tuning data since session 75
    assert len(SHIPPED_SAMPLES) == 52  # A-Z, AA-AZ and BA (A and B share a file): every sample drawn when it was mined
