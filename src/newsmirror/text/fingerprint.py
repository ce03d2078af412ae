"""Near-duplicate fingerprints: MinHash (datasketch) over character shingles of the match key.

Shingling the match key (Simplified, aliases folded, no punctuation) makes a Traditional
republication of a Simplified wire story look the same as the original.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from newsmirror.text.normalize import match_key

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

DEFAULT_PERMUTATIONS = 64
DEFAULT_SHINGLE = 4
DEFAULT_WEIGHTS = (0.5, 0.5)  # MinHashLSH's own default (false positive, false negative weights)

# datasketch's (bands, rows) for (threshold, num_perm, weights): what ``MinHashLSH(threshold=...)`` finds by a grid
# search that integrates the false positive and negative probabilities of every split (~3 ms a clusterer), a pure
# function of the three. The shipped settings' split, so building an index searches nothing; a test checks it
# against datasketch's own search (a datasketch whose search answers otherwise fails it). Other settings: searched
# once per process (``lsh_params``).
LSH_PARAMS: dict[tuple[float, int, tuple[float, float]], tuple[int, int]] = {
    (0.6, DEFAULT_PERMUTATIONS, DEFAULT_WEIGHTS): (10, 6),  # ClusterConfig's duplicate_jaccard and num_perm
}


class _Datasketch(NamedTuple):
    minhash: type[MinHash]
    lean: type[LeanMinHash]
    lsh: type[MinHashLSH]
    # Its mixing step of the affine32 scheme, which key_minhash applies as update_batch does; None (another
    # datasketch): key_minhash goes through update_batch itself.
    fmix: Callable[[np.ndarray, int], np.ndarray] | None


@cache
def _datasketch() -> _Datasketch:
    """datasketch, imported when first used, not with this module: its package imports all its modules, and its
    LSH module imports scipy.integrate (~0.4 s of a grouping's start), which a run that fingerprints nothing (a
    ``stories group`` with every article grouped) need not load."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    try:
        from datasketch.minhash import _fmix
    except ImportError:
        return _Datasketch(MinHash, LeanMinHash, MinHashLSH, None)
    return _Datasketch(MinHash, LeanMinHash, MinHashLSH, _fmix)


@cache
def lsh_params(threshold: float, num_perm: int = DEFAULT_PERMUTATIONS,
               weights: tuple[float, float] = DEFAULT_WEIGHTS) -> tuple[int, int]:
    """The (bands, rows) datasketch's ``MinHashLSH(threshold, num_perm, weights)`` would choose: from
    ``LSH_PARAMS``, else its own search, run once per setting."""
    known = LSH_PARAMS.get((threshold, num_perm, weights))
    if known is not None:
        return known
    searched = _datasketch().lsh(threshold=threshold, num_perm=num_perm, weights=weights)
    return searched.b, searched.r


def lsh_index(threshold: float, num_perm: int = DEFAULT_PERMUTATIONS,
              weights: tuple[float, float] = DEFAULT_WEIGHTS) -> MinHashLSH:
    """An empty ``MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)``: the same index (an
    index's behaviour is its bands and rows), built without searching for them again."""
    return _datasketch().lsh(num_perm=num_perm, params=lsh_params(threshold, num_perm, weights))


def shingles(text: str, size: int = DEFAULT_SHINGLE, *, normalized: bool = False) -> set[str]:
    key = text if normalized else match_key(text)
    if len(key) <= size:
        return {key} if key else set()
    return {key[i : i + size] for i in range(len(key) - size + 1)}


@cache
def _template(num_perm: int) -> MinHash:
    # Drawing the permutations costs more than hashing a whole article: draw them once.
    return _datasketch().minhash(num_perm=num_perm, seed=1)


def minhash(grams: set[str], num_perm: int = DEFAULT_PERMUTATIONS) -> LeanMinHash:
    template, sketch = _template(num_perm), _datasketch()
    # CRC-32 (C, stable across processes) instead of datasketch's SHA-1 wrapper: the permutations
    # mix the hash anyway, Jaccard estimates are as close (mean error 0.002 on real reports), and
    # hashing is twice as fast. Signatures are never stored, so nothing depends on the old values.
    signature = sketch.minhash(num_perm=num_perm, seed=1, hashfunc=zlib.crc32, permutations=template.permutations,
                               scheme=template.scheme)
    signature.update_batch([g.encode("utf-8") for g in grams])
    return sketch.lean(signature)


def _same(value: int) -> int:
    return value


def key_minhash(key: str, size: int = DEFAULT_SHINGLE, num_perm: int = DEFAULT_PERMUTATIONS) -> LeanMinHash:
    """``minhash(shingles(key, size, normalized=True), num_perm)``: the same signature, cheaper.
    A MinHash is a minimum per permutation, which a repeated shingle cannot change, so every
    window of the key is hashed (no set is built), all at once (``_window_crcs``), and the
    permutations are applied as datasketch's ``update_batch`` applies them (its own mixing step
    and the template's parameters, in one array pass) without a MinHash object per report."""
    return _hashes_minhash(_key_hashes(key, size), num_perm)


def key_fingerprint(key: str, size: int = DEFAULT_SHINGLE, num_perm: int = DEFAULT_PERMUTATIONS,
                    head: int | None = None) -> tuple[LeanMinHash, np.ndarray]:
    """``key_minhash(key, size, num_perm)`` and the key's distinct shingles as their sorted CRC-32s (what
    ``containment`` compares), from one hashing of the key's windows. With ``head`` (the length of the key's
    title, the key being the title's key followed by the body's), the shingles are the body's beyond the title:
    those of the windows wholly after the first ``head`` characters, less any the title's own windows have (a body
    that opens by repeating its title adds none)."""
    hashes = _key_hashes(key, size)
    if head is None:
        return _hashes_minhash(hashes, num_perm), _distinct(hashes)
    body = _distinct(hashes[head:]) if len(key) > size else hashes[:0]
    title = hashes[: max(head - size + 1, 0)] if len(key) > size else hashes[:0]
    return _hashes_minhash(hashes, num_perm), _without(body, title)


def _without(ordered: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``ordered`` (sorted, distinct) less every one of ``values`` (a title's few windows): ``np.setdiff1d``'s
    result, by a binary search of each value, as it sorts both arrays together (a tenth of the cost on a long body)."""
    if not len(ordered) or not len(values):
        return ordered
    at = np.searchsorted(ordered, values)
    at[at == len(ordered)] = 0
    return np.delete(ordered, at[ordered[at] == values])


def _distinct(hashes: np.ndarray) -> np.ndarray:
    """The distinct values of ``hashes``, sorted."""
    ordered = np.sort(hashes)  # distinct by a sort and a neighbour test: a third of what np.unique's hashing costs
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Exact share of the smaller of two shingle sets (``key_fingerprint``'s sorted distinct CRC-32s) found in
    the larger: near 1 when one text republishes the other with a header added, a commentary around it or its
    end cut, where the Jaccard of the two sets falls with the share of text one of them adds."""
    if not len(a) or not len(b):
        return 0.0
    return np.intersect1d(a, b, assume_unique=True).size / min(len(a), len(b))


# The sketch of a shingle set: one bit for each of 2**14 buckets of the CRC-32s (their top 14 bits), 2 KB.
SKETCH_SHIFT = 18


def shingle_sketch(shingles: np.ndarray) -> tuple[np.ndarray, int]:
    """A bitmap of ``shingles`` (sorted distinct CRC-32s) by bucket, as 256 64-bit words, and its loss: how many of
    the shingles set no bit of their own (the set's size less its bits set). What ``overlap_bounds`` compares."""
    flags = np.zeros(1 << (32 - SKETCH_SHIFT), dtype=bool)
    flags[shingles >> SKETCH_SHIFT] = True
    return np.packbits(flags).view(np.uint64), len(shingles) - int(np.count_nonzero(flags))


def overlap_bounds(sketch: tuple[np.ndarray, int], others: list[tuple[np.ndarray, int]]) -> list[int]:
    """For each of ``others`` (``shingle_sketch``es), a number never below the count of shingles its set shares with
    ``sketch``'s (what ``containment`` counts exactly), in one pass over the bitmaps: the bits both set, plus the
    smaller of the two losses. Why it bounds: the shared shingles set, in both bitmaps, as many bits as their count
    less their own loss, and a subset of a set loses no more shingles to a shared bit than the set does. Two texts
    that share little have few bits in common (about 250 for two sets of 2,000 unrelated shingles)."""
    bits, loss = sketch
    common = np.bitwise_count(np.stack([other for other, _ in others]) & bits).sum(axis=1, dtype=np.int64)
    return (common + np.minimum(loss, np.array([other for _, other in others], dtype=np.int64))).tolist()


def _key_hashes(key: str, size: int) -> np.ndarray:
    """CRC-32 of every ``size``-character window of ``key`` (the key's own CRC when it is no longer)."""
    if len(key) <= size:
        return np.array([zlib.crc32(key.encode())] if key else [], dtype=np.uint32)
    return _window_crcs(key, size)


def _hashes_minhash(hashes: np.ndarray, num_perm: int) -> LeanMinHash:
    template, sketch = _template(num_perm), _datasketch()
    if sketch.fmix is None or template.scheme != "affine32" or not len(hashes):
        signature = sketch.minhash(num_perm=num_perm, seed=1, hashfunc=_same, permutations=template.permutations,
                                   scheme=template.scheme)
        signature.update_batch(hashes.tolist())
        return sketch.lean(signature)
    a, b = template.permutations
    # One row per permutation (a x h + b over all windows, wrapping in uint32 as datasketch's does),
    # so each minimum runs along a contiguous row: 40 % less time than a column per permutation.
    permuted = np.multiply.outer(a, sketch.fmix(hashes, 32))
    permuted += b.reshape(-1, 1)
    values = np.minimum(template.hashvalues, permuted.min(axis=1))
    return sketch.lean(seed=template.seed, hashvalues=values, scheme=template.scheme)


@cache
def _crc_tables(longest: int) -> tuple[np.ndarray, np.ndarray]:
    """CRC-32 is affine over GF(2) for messages of one length n: crc(m) = crc(n zero bytes) XOR the
    XOR over positions j of table[n, j, m[j]], where table[n, j, v] is what byte value v at
    position j adds. The tables for every length up to ``longest`` bytes."""
    zero = np.array([zlib.crc32(bytes(n)) for n in range(longest + 1)], dtype=np.uint32)
    table = np.zeros((longest + 1, longest, 256), dtype=np.uint32)
    for n in range(1, longest + 1):
        message = bytearray(n)
        for j in range(n):
            for value in range(256):
                message[j] = value
                table[n, j, value] = zlib.crc32(message) ^ int(zero[n])
            message[j] = 0
    return zero, table


def _window_crcs(key: str, size: int) -> np.ndarray:
    """``zlib.crc32`` of the UTF-8 bytes of every ``size``-character window of ``key``
    (len(key) > size), in order, computed for all windows at once: by characters
    (``_char_shares``) when every character is in the Basic Multilingual Plane, else by bytes."""
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    widths = 1 + (points >= 0x80).astype(np.intp) + (points >= 0x800) + (points >= 0x10000)  # UTF-8 bytes
    offsets = np.zeros(len(points) + 1, dtype=np.intp)
    np.cumsum(widths, out=offsets[1:])
    if points.max() >= 0x10000:
        return _byte_window_crcs(key, size, offsets)
    zero, shares = _char_shares(size)
    flat = shares.reshape(-1)
    count = len(points) - size + 1
    ends = offsets[size:]  # where each window's bytes end
    crcs = zero[ends - offsets[:count]]
    for j in range(size):
        # The window's j-th character is followed by the bytes from its end to the window's end.
        crcs = crcs ^ flat.take((ends - offsets[j + 1 : j + 1 + count]) * _PLANE + points[j : j + count])
    return crcs


_PLANE = 0x10000  # the Basic Multilingual Plane's code points


@cache
def _char_shares(size: int) -> tuple[np.ndarray, np.ndarray]:
    """What each character adds to a window's CRC-32, one look-up per character instead of one
    per byte (a third of the array passes). Past the CRC of as many zero bytes, what a byte adds
    depends only on its value and the number of bytes after it (the leading zeros leave the
    register as it was), so a character's share is the XOR of its UTF-8 bytes' shares.
    ``shares[k, c]``: character ``c`` (below U+10000) followed by ``k`` bytes, for k up to the
    bytes of ``size - 1`` three-byte characters; and the CRCs of 0..4 x size zero bytes."""
    far = 3 * (size - 1)
    zero = np.array([zlib.crc32(bytes(n)) for n in range(4 * size + 1)], dtype=np.uint32)
    after = np.array([[zlib.crc32(bytes([value]) + bytes(d)) ^ zlib.crc32(bytes(d + 1)) for value in range(256)]
                      for d in range(far + 3)], dtype=np.uint32)
    points = np.arange(_PLANE)
    # UTF-8 bytes of every code point by width (surrogates get bytes too; no key holds one).
    encodings = [
        (points < 0x80, [points]),
        ((points >= 0x80) & (points < 0x800), [0xC0 | points >> 6, 0x80 | points & 0x3F]),
        (points >= 0x800, [0xE0 | points >> 12, 0x80 | (points >> 6) & 0x3F, 0x80 | points & 0x3F]),
    ]
    shares = np.zeros((far + 1, _PLANE), dtype=np.uint32)
    for chosen, encoded in encodings:
        width = len(encoded)
        for k in range(far + 1):
            share = np.zeros(_PLANE, dtype=np.uint32)
            for i, byte in enumerate(encoded):
                share ^= after[k + width - 1 - i].take(byte & 0xFF)  # only the chosen points' bytes count
            shares[k, chosen] = share[chosen]
    return zero, shares


def _byte_window_crcs(key: str, size: int, offsets: np.ndarray) -> np.ndarray:
    """``_window_crcs`` by table look-ups per byte (``_crc_tables``), for keys with characters of
    four UTF-8 bytes; ``offsets``: where each character's bytes start, and the key's end."""
    starts = offsets[: len(offsets) - size]
    lengths = offsets[size:] - starts
    zero, table = _crc_tables(4 * size)
    flat = table.reshape(-1)
    data = np.frombuffer(key.encode() + bytes(4 * size), dtype=np.uint8).astype(np.intp)
    crcs = zero[lengths]
    rows = lengths * (table.shape[1] * 256)  # where each window's length starts in ``flat``
    for j in range(int(lengths.max())):
        crcs = crcs ^ flat.take(rows + data.take(starts + j))
        rows += 256
    return crcs


def text_minhash(text: str, num_perm: int = DEFAULT_PERMUTATIONS) -> LeanMinHash:
    return minhash(shingles(text), num_perm)


def to_bytes(signature: LeanMinHash) -> bytes:
    buffer = bytearray(signature.bytesize())
    signature.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    return _datasketch().lean.deserialize(data)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


__all__ = ["shingles", "minhash", "key_minhash", "key_fingerprint", "containment", "text_minhash", "to_bytes", "from_bytes", "jaccard", "lsh_params",
           "lsh_index", "LSH_PARAMS"]
