from collections import Counter

from django import template

from sources.citations import short_date, short_title, source_label, support, text_fragment_url

register = template.Library()

# Words of the headline used to tell apart two markers that would otherwise read the same.
LONG_TITLE_WORDS = 8


def _tell_apart(groups: list[dict]) -> None:
    """Markers of one fact that would read the same (same outlet and date, or two untitled
    copies) get the words that tell them apart: the headline's start after an outlet, more
    of the headline otherwise, and a number as the last resort."""

    def label(group: dict) -> tuple[str, str, str]:
        return (group["source"], group["date"], group["detail"])

    for key, seen in Counter(label(g) for g in groups).items():
        if seen < 2:
            continue
        for group in groups:
            if label(group) == key:
                article = group["article"]
                if article.outlet:
                    group["detail"] = short_title(article)
                else:
                    group["source"] = short_title(article, words=LONG_TITLE_WORDS)
    repeats = Counter(label(g) for g in groups)
    numbers: Counter = Counter()
    for group in groups:
        key = label(group)
        if repeats[key] > 1:
            numbers[key] += 1
            group["detail"] = " ".join(filter(None, [group["detail"], f"({numbers[key]})"]))


@register.inclusion_tag("includes/citations.html", takes_context=True)
def citations(context, fact, label: str = "", permalink: bool = False):
    """Compact citation markers for anything with a ``citations`` relation (prefetched):
    one marker per article, labelled by outlet and date, opening to its quotes; then, once
    per fact, how many independent origins support it. With ``permalink`` (pages that
    list facts for citing), a link to the fact's anchor and a "Copy citation" button."""
    request = context.get("request")
    passages = list(fact.citations.all())
    by_article: dict[int, dict] = {}
    for passage in passages:
        article = passage.article
        group = by_article.setdefault(
            passage.article_id,
            {
                "article": article,
                "source": source_label(article),
                "date": short_date(article),
                "detail": "",
                "quotes": [],
            },
        )
        path = passage.get_absolute_url()
        group["quotes"].append(
            {
                "passage": passage,
                "url": request.build_absolute_uri(path) if request else path,
                "original_url": text_fragment_url(passage),
            }
        )
    groups = list(by_article.values())
    _tell_apart(groups)
    return {
        "label": label,
        "groups": groups,
        "support": support(passages),
        "anchor": fact.anchor if permalink else "",
        # What a copied citation says it supports, first ("Ana Pérez: released (…)").
        "fact_label": str(fact) if permalink else "",
    }
