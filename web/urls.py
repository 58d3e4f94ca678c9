"""The public site. Names keep the two namespaces of the site's sections: ``releases``
(people, facilities, nationalities, events) and ``sources`` (the articles).

``config.urls`` mounts these pages twice: under /en/ and /es/ (the addresses ``reverse``
gives, in the active language) and unprefixed, for the links and scripts written before
the site spoke Spanish. The second mount takes other instance names, so names stay unique
and ``reverse("releases:home")`` always means the prefixed page."""

from django.urls import URLResolver, include, path, register_converter

from web import annotations, changes, datapackage, openapi, views


class IdConverter:
    """A row's id in an address: digits that fit a 64-bit column (a longer number is no
    row's, and would overflow the query rather than find nothing)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

release_patterns = (
    [
        path("", views.home, name="home"),
        path("people/", views.person_list, name="person_list"),
        path("people/<slug:slug>/", views.person_detail, name="person_detail"),
        path("facilities/", views.facility_list, name="facility_list"),
        path("facilities/<slug:slug>/", views.facility_detail, name="facility_detail"),
        path("nationalities/", views.nationality_list, name="nationality_list"),
        path("nationalities/<str:code>/", views.nationality_detail, name="nationality_detail"),
        path("events/", views.event_list, name="event_list"),
        path("events/<slug:slug>/", views.event_detail, name="event_detail"),
        path("numbers/", views.count_list, name="count_list"),
        path("facts/", views.fact_list, name="fact_list"),
        path("about/", views.about, name="about"),
        path("changes/", changes.change_list, name="changes"),
        path("changes/feed/", changes.feed, name="feed"),
        path("changes/feed/<slug:kind>/<str:key>/", changes.feed, name="subject_feed"),
        path("api/", openapi.api_page, name="api"),
        path("api/openapi.json", openapi.openapi_json, name="openapi"),
        path("data/", datapackage.overview, name="data"),
        path("data/datapackage.json", datapackage.package, name="datapackage"),
        path("data/<id:version>/<slug:name>.csv", datapackage.table, name="data_table"),
        path("annotations/", annotations.record_annotations, name="annotations"),
        path(
            "annotations/<slug:kind>/<id:pk>/",
            annotations.fact_annotations,
            name="fact_annotations",
        ),
        path(
            "annotations/<slug:kind>/<id:pk>/<id:passage>/",
            annotations.single_annotation,
            name="annotation",
        ),
    ],
    "releases",
)

source_patterns = (
    [
        path("", views.article_list, name="list"),
        path("<slug:slug>/", views.article_detail, name="detail"),
        path("<slug:slug>/text/", annotations.article_text, name="text"),
        path("<slug:slug>/annotations/", annotations.article_annotations, name="annotations"),
        path("<slug:slug>/capture.warc.gz", views.article_capture, name="capture"),
    ],
    "sources",
)

# The instance names of the unprefixed mount (the app names stay releases and sources).
UNPREFIXED = "unprefixed-"


def site_patterns(*, instance_prefix: str = "") -> list[URLResolver]:
    return [
        path("sources/", include(source_patterns, namespace=f"{instance_prefix}sources")),
        path("", include(release_patterns, namespace=f"{instance_prefix}releases")),
    ]


urlpatterns = site_patterns()
