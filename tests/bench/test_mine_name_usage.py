"""bench/mine_name_usage.py: held files left out, neighbours counted, a mis-tagged word read by its usage."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
from bench.mine_name_usage import _HELD, REPO, count_contexts, held_files, out_of_fold, profiles


def _post(root: Path, day: str, name: str, body: str) -> None:
    folder = root / "archived" / day
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{day}-{name}.md").write_text(f"---\ntitle: \"{name}\"\n---\n{body}\n", encoding="utf-8")


def test_neighbours_are_counted_and_held_and_skipped_posts_are_not_read(tmp_path: Path) -> None:
    _post(tmp_path, "2020-01-01", "甲", "他到台北了")
    _post(tmp_path, "2020-01-02", "乙", "他到台北了")  # a held sample's file
    _post(tmp_path, "2020-01-03", "丙", "他到台北了")  # a skipped (labelled) day
    counts, posts = count_contexts(tmp_path, {"2020-01-03"}, {"2020-01-02-乙.md"}, contexts=150)
    assert posts == 1 and counts["台北"][-1] == 1


def test_a_name_tagged_word_used_where_common_words_stand_gets_a_low_probability() -> None:
    # Two contexts: names after 到, common words before 了; the one name-tagged word used like a verb is read so.
    counts = {f"名{k}": [9, 1, 1, 0, 1, 9, 0, 0, 10] for k in range(30)}
    counts |= {f"词{k}": [0, 1, 9, 9, 1, 0, 0, 0, 10] for k in range(30)}
    counts["误标"] = [0, 1, 9, 9, 1, 0, 0, 0, 10]
    words, x, _uses = profiles(counts, min_uses=5)
    y = np.array([w.startswith("名") or w == "误标" for w in words], dtype=np.float64)
    p = dict(zip(words, out_of_fold(words, x, y, folds=3, l2=0.1), strict=True))
    assert p["误标"] < 0.2 < min(p[f"名{k}"] for k in range(30))


def test_every_file_of_the_held_samples_k_to_t_is_left_out() -> None:
    held = held_files(_HELD)
    for name in ("onlyx-sample-k.toml", "onlyx-sample-l.toml", "onlyx-sample-m.toml", "onlyx-sample-n.toml",
                 "onlyx-sample-o.toml", "onlyx-sample-p.toml", "onlyx-sample-q.toml", "onlyx-sample-r.toml",
                 "onlyx-sample-s.toml", "onlyx-sample-t.toml"):
        with open(REPO / "bench" / "days" / name, "rb") as handle:
            files = {f.split("/")[-1] for story in tomllib.load(handle)["story"] for f in story["files"]}
        assert files and files <= held
