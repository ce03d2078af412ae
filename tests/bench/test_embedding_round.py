"""bench/embedding_round.py's last round joins two free units that the model finds closest to each other, through
the comparison's own linker (own small story, none taken from the fact labels of bench/days)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bench import embedding_round
from newsmirror.model import Article
from newsmirror.stories import compare
from tests.bench.port_story import article


def fake_model(texts: Sequence[str]) -> np.ndarray:
    """The port sentences one way, everything else another."""
    return np.array([[1.0, 0.0] if "码头" in t or "装卸区" in t else [0.0, 1.0] for t in texts], dtype=np.float32)


def port_linked(reports: list[Article]) -> bool:
    comparison = compare.compare_story(reports)
    return any(len(set(fact.outlets)) == 2 and any("码头" in r.text for r in fact.sentences)
               for fact in [*comparison.shared, *comparison.partial])


def test_the_round_links_a_paraphrase_main_leaves_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。另外市长昨天访问了城东的一所小学。"),
               article("乙报", "港务当局表示新的装卸区预定来年春季开放。市长昨天访问了城东的一所小学并发表讲话。")]
    linking = embedding_round.Round(fake_model, compare._linked)
    monkeypatch.setattr(compare, "_linked", linking)
    assert not port_linked(reports)  # no threshold: main's links only
    linking.threshold = 0.9
    assert port_linked(reports)
    assert linking.cache  # each unit embedded once, then reused


def test_the_round_leaves_the_facts_before_it_as_the_rules_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guarded (the default), a fact the round made is checked for only-X claims against the facts before it."""
    reports = [article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。另外市长昨天访问了城东的一所小学。"),
               article("乙报", "港务当局表示新的装卸区预定来年春季开放。市长昨天访问了城东的一所小学并发表讲话。")]
    seen: list[object] = []
    linking = embedding_round.Round(fake_model, compare._linked)

    def watching(*args: object, **kwargs: object) -> object:
        result = linking(*args, **kwargs)
        seen.append(result[0].rules)
        return result

    monkeypatch.setattr(compare, "_linked", watching)
    linking.threshold = 0.9
    compare.compare_story(reports)
    assert seen[-1] is not None
    before = seen[-1]
    assert before.links.find(0) != before.links.find(next(  # type: ignore[attr-defined]
        i for i, s in enumerate(before.sentences) if "装卸区" in s.ref.text))  # type: ignore[attr-defined]
    linking.guard = False
    compare.compare_story(reports)
    assert seen[-1] is None  # emb37's round: its links count as the rules'


def test_the_recorder_keeps_each_comparisons_links_and_claims(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    reports = [article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。另外市长昨天访问了城东的一所小学。"),
               article("乙报", "港务当局表示新的装卸区预定来年春季开放。市长昨天访问了城东的一所小学并发表讲话。")]
    monkeypatch.setattr(compare, "_linked", embedding_round.Round(fake_model, compare._linked))
    recorder = embedding_round.Recorder()
    recorder.file = "facts-x"
    recorder(reports, story_id="port")
    assert any(link[:3] == ("facts-x", "port", "乙报") and "小学" in link[3] for link in recorder.links)
    recorder.write(tmp_path, "main")
    links = json.loads((tmp_path / "links-main.json").read_text(encoding="utf-8"))
    assert links and all(len(link) == 6 for link in links)
    assert isinstance(json.loads((tmp_path / "claims-main.json").read_text(encoding="utf-8")), list)
    assert not recorder.links  # written, then emptied for the next run


def test_the_round_reads_its_cache_as_the_survey_does(tmp_path: Path) -> None:
    """Round.vectors and embedding_survey.cached are one reader: rows from --cache are used as they are, only the
    missing texts are embedded (once each, in one call), and only that call's time is counted."""
    from bench import embedding_survey

    path = tmp_path / "cache.npz"
    np.savez(path, texts=np.array(["甲", "乙"]), rows=np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    asked: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        asked.append(list(texts))
        return np.array([[0.6, 0.8]] * len(texts), dtype=np.float32)

    linking = embedding_round.Round(embed, compare._linked)
    linking.cache = embedding_survey.cached_rows(path)
    rows = linking.vectors(["乙", "丙", "甲", "丙"])
    assert asked == [["丙"]]
    assert rows.tolist() == embedding_survey.cached(embed, path)(["乙", "丙", "甲", "丙"]).tolist()
    assert linking.embed_seconds > 0 and set(linking.cache) == {"甲", "乙", "丙"}
    linking.vectors(["丙", "甲"])
    assert asked == [["丙"], ["丙"]]  # the second: the survey's own reader, not the round's
