"""A Bloom filter: a compact set of strings that answers "certainly not in it" in microseconds.

The gazetteer keeps one over its million place names, so the capitalised words of a
text that name no place (most of them: people, outlets, headline words) are turned
away without a query; a name it may hold (every one it holds, and about one in a
hundred others) is looked up as before. Hashes are blake2b's, stable across processes
and machines, so a filter built once is read by every later process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import blake2b

BITS_PER_KEY = 10
HASHES = 7
"""With 10 bits a key, 7 hashes leave about 0.8% of absent keys let through."""


@dataclass(frozen=True)
class Bloom:
    bits: bytes
    hashes: int = HASHES

    @classmethod
    def of(cls, keys: Iterable[str], count: int) -> Bloom:
        """A filter holding `keys` (about `count` of them: what sizes it)."""
        bits = bytearray((max(64, count * BITS_PER_KEY) + 7) // 8)
        size = len(bits) * 8
        for key in keys:
            h1, h2 = _hashes(key)
            for i in range(HASHES):
                pos = (h1 + i * h2) % size
                bits[pos >> 3] |= 1 << (pos & 7)
        return cls(bytes(bits), HASHES)

    def __contains__(self, key: str) -> bool:
        """False only when `key` was never added."""
        bits = self.bits
        size = len(bits) * 8
        h1, h2 = _hashes(key)
        for i in range(self.hashes):
            pos = (h1 + i * h2) % size
            if not bits[pos >> 3] >> (pos & 7) & 1:
                return False
        return True


def _hashes(key: str) -> tuple[int, int]:
    """Two 32-bit hashes of `key` (blake2b's halves) whose combinations give its bits: double
    hashing (Kirsch and Mitzenmacher)."""
    digest = int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
    return digest & 0xFFFFFFFF, (digest >> 32) | 1
