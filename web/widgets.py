"""Form widgets for the list filters.

``QuickSelect`` is Django's ``Select`` with the same markup, written with ``format_html``:
Django renders each ``<option>`` through its own template, and the people page's menus
(nationalities, facilities, events, sorting…) hold a couple of hundred options, which cost
more than a sixth of the page's time. Labels and values are escaped by ``format_html``.
"""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _options(options: list[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
    )


class QuickSelect(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
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
