"""The people list's rows, and the step that establishes a person's status.

``person_row`` draws one row of the people list with ``format_html``, as the ``citations``
tag draws its markers: a page of 25 people shows a hundred facts or more, and the template's
own loops and lookups for each of them were a third of a cold page's time. Every value is
escaped by ``format_html``; every fact keeps its citation markers, as in the template it
replaces."""

from django import template
from django.template import Context
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from releases.models import Person
from releases.status import StatusStep, derive_status, status_history
from web.markup import format_html, format_html_join
from web.templatetags.citations import citations, fact_meta
from web.templatetags.translated import marked, person_name

register = template.Library()


@register.simple_tag
def status_step(person: Person) -> StatusStep | None:
    """The dated, cited step that establishes the person's current status (or None)."""
    history = status_history(person)
    status = derive_status(history)
    deciding = [step for step in history if step.status == status]
    return deciding[-1] if deciding else None


def _cell(facts: list[SafeString]) -> SafeString:
    return format_html_join("", "\n    {}", ((fact,) for fact in facts))


@register.simple_tag(takes_context=True)
def person_row(context: Context, person: Person) -> SafeString:
    """One person's row: name and aliases, roles, status, nationalities, where they were
    held and their releases, each fact with what qualifies it and its citations."""
    # The sentence is the catalogue's, so it is the format string; the name goes in escaped.
    also = _("also “%(name)s”").replace("%(name)s", "{}")
    aliases = [
        format_html(
            '<span class="alias">{} {}</span>',
            format_html(also, alias.name),
            citations(context, alias, alias.name),
        )
        for alias in person.aliases.all()
    ]
    roles = [
        format_html(
            '<span class="fact">{} {} {}</span>',
            marked(role, "title"),
            fact_meta(role),
            citations(context, role, role.title),
        )
        for role in person.roles.all()
    ]
    step = status_step(person)
    status_label = person.status_label
    nationalities = [
        format_html(
            '<span class="fact"><a href="{}">{}</a> {} {}</span>',
            c.country.get_absolute_url(),
            c.country.local_name,
            fact_meta(c),
            citations(context, c, c.country.local_name),
        )
        for c in person.citizenships.all()
    ] or [format_html('<span class="none">{}</span>', _("not stated"))]
    held = [
        format_html(
            '<span class="fact"><a href="{}">{}</a> {}</span>',
            d.facility.get_absolute_url(),
            d.facility.name,
            citations(context, d, d.facility.name),
        )
        for d in person.detentions.all()
        if d.facility
    ]
    release_label = _("release")
    releases = [
        format_html(
            '<span class="fact">{}{} {} {}</span>',
            r.date_display,
            format_html(
                ', <a href="{}">{}</a>', r.event.get_absolute_url(), marked(r.event, "title")
            )
            if r.event
            else "",
            fact_meta(r),
            citations(context, r, release_label),
        )
        for r in person.releases.all()
    ]
    return format_html(
        "<tr>\n"
        '  <th scope="row">\n    <a href="{}">{}</a>{}\n  </th>\n'
        '  <td class="role">{}\n  </td>\n'
        '  <td>\n    <span class="status status-{}">{}</span>\n    {}\n  </td>\n'
        "  <td>{}\n  </td>\n"
        "  <td>{}\n  </td>\n"
        "  <td>{}\n  </td>\n"
        "</tr>",
        person.get_absolute_url(),
        person_name(person),
        _cell(aliases),
        _cell(roles),
        person.status,
        status_label,
        citations(context, step.fact, status_label) if step else "",
        _cell(nationalities),
        _cell(held),
        _cell(releases),
    )
