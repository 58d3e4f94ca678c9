"""Word shingles of folded text, hashed to 64-bit integers so they can be stored and
looked up by index (``sources.models.Shingle``)."""

import hashlib

SHINGLE_WORDS = 5


def shingle_hashes(folded: str) -> set[int]:
    """Hashes of every run of SHINGLE_WORDS words of text already folded for search."""
    words = folded.split()
    return {
        _hash(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
