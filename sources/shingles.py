"""Fingerprints of folded text for finding reprints: word shingles, hashed to 64-bit
integers and winnowed, so they can be stored and looked up by index
(``sources.models.Shingle``).

Winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of every WINDOW
consecutive shingles: about 2 / (WINDOW + 1) of them, yet any run of at least
SHINGLE_WORDS + WINDOW - 1 words that two texts share gives them a fingerprint in common,
and identical stretches always choose the same fingerprints. Reprints share whole
paragraphs, so the overlap of fingerprints tracks the overlap of shingles (on the seeds,
the two copies of the AFP story score 0.55 either way) at a fifth of the rows to store.
"""

import hashlib

SHINGLE_WORDS = 5
WINDOW = 8


def fingerprints(folded: str) -> set[int]:
    """The winnowed shingle hashes of text already folded for search."""
    words = folded.split()
    hashes = [
        _hash(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)
    ]
    if len(hashes) <= WINDOW:
        return set(hashes)
    return {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
