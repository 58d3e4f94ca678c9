"""web.markup: the same markup as Django's format_html and format_html_join, for every kind
of value the page tags pass (text to escape, markup marked safe, lazy translations, numbers)."""

import pytest
from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from web import markup

VALUES = [
    'Ana <b>Pérez</b> & "Tom\'s"',
    mark_safe("<q>already markup</q>"),
    gettext_lazy("Release events"),
    lazy(lambda: "<lazy> & safe", SafeString)(),
    lazy(lambda: "<lazy> & unsafe", str)(),
    30.5,
    1354,
    None,
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_each_value_is_escaped_as_django_escapes_it(value):
    with override("es"):
        ours = markup.format_html('<a title="{}">{}</a>', value, value)
        theirs = django_html.format_html('<a title="{}">{}</a>', value, value)
    assert ours == theirs and isinstance(ours, SafeString)


def test_joined_markup_is_django_s_and_the_separator_is_escaped_too():
    rows = [(value, "<i>") for value in VALUES]
    for sep in ("", " & ", mark_safe("<br>")):
        ours = markup.format_html_join(sep, "<li>{} {}</li>", rows)
        assert ours == django_html.format_html_join(sep, "<li>{} {}</li>", rows)
        assert isinstance(ours, SafeString)
    assert "&lt;i&gt;" in ours and "<b>" not in ours
