from django.dispatch import Signal

# Sent with ``article`` after a new article is stored by ``sources.ingest.ingest_article``,
# so that apps building on the sources (releases: citation suggestions) can react.
article_ingested = Signal()
