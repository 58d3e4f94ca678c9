"""Form widgets for the list filters.

``QuickSelect`` is Django's ``Select`` with the same markup, written with ``format_html``:
Django renders each ``<option>`` through its own template, and the people page's menus
(nationalities, facilities, events, sorting…) hold a couple of hundred options, which cost
more than a sixth of the page's time. Labels and values are escaped by ``format_html``.

A menu drawn for a page keyed on the data version is kept for the other pages of that
version and language (``page_data_version``, as the menus' choices are): every filter of the
people list draws the same menus, differing at most in the option selected, which is part of
what a drawn menu is kept under, with its name, attributes and choices.
"""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from web.caching import page_data_version

# Menus drawn, by what they are drawn from (``QuickSelect.render``). A few dozen menus and
# selected options per data version and language; emptied when full, as older versions'
# menus are never asked for again.
_DRAWN: dict[tuple[Any, ...], SafeString] = {}
DRAWN_LIMIT = 500


def _options(options: list[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
    )


def forget_drawn_menus() -> None:
    """Drop the menus kept (a test's database starts its data versions again)."""
    _DRAWN.clear()


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value if value is None or isinstance(value, bool | int) else str(value)


class QuickSelect(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        version = page_data_version()
        if version is None:
            return self._draw(name, value, attrs)
        # The choices are part of the key, as read for this page: two filters' menus of one
        # name ("event") may offer different values.
        key = (
            version,
            get_language(),
            name,
            _frozen(self.format_value(value)),
            _frozen({**self.attrs, **(attrs or {})}),
            _frozen(list(self.choices)),
        )
        if (drawn := _DRAWN.get(key)) is None:
            if len(_DRAWN) >= DRAWN_LIMIT:
                _DRAWN.clear()
            drawn = _DRAWN[key] = self._draw(name, value, attrs)
        return drawn

    def _draw(self, name: str, value: Any, attrs: dict[str, Any] | None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                groups.append(
                    format_html(
                        '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, _options(options)
                    )
                )
            else:
                groups.append(_options(options))
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )
