from django import template

from sources.citations import source_label, support, text_fragment_url

register = template.Library()


@register.inclusion_tag("includes/citations.html")
def citations(fact, label: str = ""):
    """Compact citation markers for anything with a ``citations`` relation (prefetched):
    one marker per article (outlet and date), opening to its quotes."""
    passages = list(fact.citations.all())
    by_article: dict[int, dict] = {}
    for passage in passages:
        group = by_article.setdefault(
            passage.article_id,
            {
                "source": source_label(passage.article),
                "date": passage.article.published_display,
                "quotes": [],
            },
        )
        group["quotes"].append({"passage": passage, "original_url": text_fragment_url(passage)})
    return {"label": label, "groups": list(by_article.values()), "support": support(passages)}
