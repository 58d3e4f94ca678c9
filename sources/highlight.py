"""Cutting an article's body into plain and highlighted segments for display.

The text is cut at every passage and boilerplate boundary; boilerplate segments are left
out, and each remaining segment knows which passages cover it, which start in it (for
their ``#p-<id>`` anchors) and which end in it (for the footnote link to what they
support). A passage that overlaps another is cut into several segments, each of which
lists it among the passages covering it. Templates escape every segment: no HTML is built here.
"""

import itertools
from dataclasses import dataclass, field

from sources.models import Passage, SourceArticle


@dataclass
class Segment:
    text: str
    covered_by: list[Passage] = field(default_factory=list)
    starting: list[Passage] = field(default_factory=list)
    ending: list[Passage] = field(default_factory=list)

    @property
    def anchors(self) -> str:
        """The anchors of every passage this segment is part of, space-separated (for a
        ``data-passages`` attribute), so the whole of a passage can be outlined, each of
        its fragments included, when it is split where another passage begins or ends."""
        return " ".join(p.anchor for p in self.covered_by)


def segments(article: SourceArticle, passages: list[Passage]) -> list[Segment]:
    text = article.text
    hidden = [(s.start, s.end) for s in article.boilerplate_spans.all()]
    cuts = {0, len(text)}
    for start, end in hidden:
        cuts.update((start, end))
    for passage in passages:
        cuts.update((passage.start, passage.end))
    bounds = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    result = []
    for left, right in itertools.pairwise(bounds):
        if any(start <= left and right <= end for start, end in hidden):
            continue
        result.append(
            Segment(
                text=text[left:right],
                covered_by=[p for p in passages if p.start <= left and right <= p.end],
                starting=[p for p in passages if p.start == left],
                ending=[p for p in passages if p.end == right],
            )
        )
    return result
