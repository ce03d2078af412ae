"""The bench tools' shared plumbing: ``--set`` settings, the census tools' options and day truth
(``bench/days_eval.py``), the fact files' refusal (``bench/days_facts_eval.py``) and a post's front matter
(``bench/train_vectors.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from bench.days_eval import (
    DayLabels,
    add_setting_argument,
    add_tuning_day_arguments,
    apply_settings,
    members_of,
    scored_truth,
)
from bench.days_facts_eval import add_fact_file_arguments, refuse_never_tuned_on
from bench.mine_paraphrases import read_post
from bench.train_vectors import front_matter, header_value, title_and_text

from newsmirror.stories.cluster import ClusterConfig


def test_settings_are_set_in_order_with_their_types() -> None:
    config = ClusterConfig()
    same = apply_settings(config, ["join_least=4", "event_link=false", "join_least=5"])
    assert same is config and config.join_least == 5 and config.event_link is False
    with pytest.raises(SystemExit):
        apply_settings(ClusterConfig(), ["no_such_setting=1"])


def test_a_census_tool_takes_days_labels_one_day_and_settings() -> None:
    parser = argparse.ArgumentParser()
    add_tuning_day_arguments(parser)
    add_setting_argument(parser)
    args = parser.parse_args(["--days", "x", "--day", "2020-08-09", "--day", "2020-11-05", "--set", "join_least=4"])
    assert args.days == Path("x") and args.labels_dir.name == "days"
    assert args.day == ["2020-08-09", "2020-11-05"] and args.set == ["join_least=4"]
    assert parser.parse_args([]).set == []


def test_the_truth_leaves_multi_event_reports_out_and_makes_the_unlabelled_singletons() -> None:
    labels = DayLabels({"a.md": "e1", "b.md": "e1"}, {"m.md": ["e1", "e2"]})
    file_of = {"1": "a.md", "2": "m.md", "3": "c.md", "4": "b.md"}
    truth = scored_truth(labels, file_of)
    assert truth == {"1": "e1", "3": "solo:c.md", "4": "e1"}
    assert members_of(truth) == {"e1": ["1", "4"], "solo:c.md": ["3"]}


def test_a_test_or_fresh_fact_file_is_refused_by_its_name() -> None:
    refuse_never_tuned_on([Path("bench/days/facts-s53.toml")], "read pair by pair")
    with pytest.raises(SystemExit, match="never read pair by pair"):
        refuse_never_tuned_on([Path("bench/days/facts-s53.toml"), Path("nowhere/test/facts.toml")], "read pair by pair")
    parser = argparse.ArgumentParser()
    add_fact_file_arguments(parser)
    args = parser.parse_args(["--facts", "f1.toml", "f2.toml", "--days", "d"])
    assert args.facts == [Path("f1.toml"), Path("f2.toml")] and args.days == Path("d")


def test_a_post_s_front_matter_gives_its_last_title_and_author() -> None:
    raw = '---\nlayout: post\ntitle: "旧标题"\ntitle: "新标题"\nauthor: 法广 \n---\n<p>正文</p>'
    header, body = front_matter(raw)
    assert body == "\n<p>正文</p>" and header_value(header, "title") == '"新标题"'
    assert header_value(header, "author") == "法广" and header_value(header, "date") == ""
    assert title_and_text(raw, 100) == "新标题\n\n 正文 "
    assert read_post(raw, 100) == ("法广", "新标题。\n\n\n正文\n")
    assert front_matter("正文") == ("", "正文") and front_matter("---\n未完") == ("", "---\n未完")
