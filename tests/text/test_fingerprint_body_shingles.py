"""``key_fingerprint(head=)``'s body shingles are the body's distinct windows less the title's, whatever the key
(review66: computed by a binary search of the title's windows, no longer by ``np.setdiff1d``; constructed keys)."""

from __future__ import annotations

import random

import numpy as np

from newsmirror.text.fingerprint import _distinct, _key_hashes, key_fingerprint


def expected(key: str, head: int, size: int = 4) -> np.ndarray:
    if len(key) <= size:
        return np.array([], dtype=np.uint32)
    hashes = _key_hashes(key, size)
    return np.setdiff1d(_distinct(hashes[head:]), _distinct(hashes[: max(head - size + 1, 0)]), assume_unique=True)


def test_body_shingles_beyond_the_title_for_any_key() -> None:
    rng = random.Random(66)
    keys = [("", ""), ("外长访问", ""), ("外长访问堪培拉", "外长访问堪培拉"), ("外长访问堪培拉", "外长访问堪培拉今天外长访问堪培拉"),
            ("标题", "正文很长" * 5), ("一个很长的标题" * 3, "短"), ("", "只有正文没有标题的报道")]
    for _ in range(200):
        title = "".join(rng.choice("外长访问堪培拉今天说") for _ in range(rng.randrange(0, 12)))
        body = "".join(rng.choice("外长访问堪培拉今天说他们") for _ in range(rng.randrange(0, 60)))
        keys.append((title, body))
    for title, body in keys:
        got = key_fingerprint(title + body, head=len(title))[1]
        want = expected(title + body, len(title))
        assert got.dtype == np.uint32 and np.array_equal(got, want), (title, body)
