import django_filters as filters
from django.core.validators import validate_slug

from sources.filtering import OrderingFilter, SearchFilter
from sources.models import SourceArticle


class ArticleFilter(filters.FilterSet):
    q = SearchFilter(folded_field="search_text", label="Text")
    outlet = filters.CharFilter(field_name="outlet", max_length=200)
    origin = filters.CharFilter(
        field_name="story_origin", validators=[validate_slug], max_length=120, label="Story origin"
    )
    ordering = OrderingFilter(
        fields=(("published_on", "published"), ("slug", "slug"), ("outlet", "outlet")),
        field_labels={"published_on": "Date", "slug": "Name", "outlet": "Outlet"},
    )

    class Meta:
        model = SourceArticle
        fields: list[str] = []
