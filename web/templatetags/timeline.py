"""The home page's timeline drawn (the SVG) and listed (the same items in date order, each
with its sources), from the positions ``web.timeline`` works out.

Written with ``format_html`` rather than template loops, as ``person_row`` draws the people
list's rows: the timeline has two hundred items or more, and the template's loops, lookups
and an included shape for each were most of a cold home page. Every value is escaped by
``format_html``; the coordinates are numbers written with a point in every language (an SVG
coordinate written "30,5", as Spanish writes it, is not a number)."""

from collections.abc import Iterable
from typing import cast

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from releases.models import Cited
from web.markup import format_html, format_html_join
from web.templatetags.citations import citations
from web.timeline import LANES, Item, Timeline

register = template.Library()

# The shape of each lane's marks, centred on (0, 0): a square for a release event, a circle
# for a person freed, a triangle for a death in custody. Colour and fill (hollow when only
# the month is known) come from site.css.
MARKS = {
    "events": SafeString('<rect x="-6" y="-6" width="12" height="12"/>'),
    "freed": SafeString('<circle r="6"/>'),
    "deaths": SafeString('<polygon points="0,-7 7,6 -7,6"/>'),
}


def _joined(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _classes(item: Item) -> str:
    return f"mark {item.lane} partial" if item.is_partial else f"mark {item.lane}"


@register.simple_tag
def timeline_mark(lane: str) -> SafeString:
    """The shape of ``lane``'s marks (for the legend)."""
    return MARKS[lane]


def _lanes(timeline: Timeline) -> SafeString:
    return format_html_join(
        "",
        '    <text x="4" y="{}" class="lane">{}</text>\n'
        '    <line x1="0" x2="{}" y1="{}" y2="{}" class="lane-line"/>\n',
        ((lane.y - 18, lane.title, timeline.width, lane.y, lane.y) for lane in timeline.lanes),
    )


def _ticks(timeline: Timeline) -> SafeString:
    rows = []
    for tick in timeline.ticks:
        rows.append(
            format_html(
                '    <line x1="{}" x2="{}" y1="20" y2="{}" class="tick"/>\n',
                tick.x,
                tick.x,
                timeline.height - 24,
            )
        )
        if tick.label:
            rows.append(
                format_html(
                    '    <text x="{}" y="{}" class="tick-label">{}</text>\n',
                    tick.x,
                    timeline.height - 8,
                    tick.label,
                )
            )
    return _joined(rows)


def _drawn(item: Item, kinds: dict[str, str]) -> SafeString:
    anchor = ' text-anchor="end"' if item.ends_at_marker else ""
    return format_html(
        '    <a href="{}">\n'
        "      <title>{}: {} — {}</title>\n"
        '      <g transform="translate({} {})" class="{}">\n'
        "        {}\n"
        "      </g>\n"
        '      <text x="{}" y="{}" class="item-label"{}>{}</text>\n'
        '      <text x="{}" y="{}" class="item-when"{}>{}</text>\n'
        "    </a>\n",
        item.url,
        kinds[item.lane],
        item.label,
        item.when,
        item.x,
        item.y,
        _classes(item),
        MARKS[item.lane],
        item.x,
        item.y + 22,
        SafeString(anchor),
        item.label,
        item.x,
        item.y + 36,
        SafeString(anchor),
        item.when,
    )


def _kinds() -> dict[str, str]:
    """Each lane's name in the page's language, looked up once per drawing."""
    return {lane: str(title) for lane, title in LANES.items()}


@register.simple_tag
def timeline_drawing(timeline: Timeline) -> SafeString:
    """The SVG: a labelled line per lane, a line per month, and each dated item's mark,
    label and date, linked to the item's page."""
    kinds = _kinds()
    return format_html(
        '<svg viewBox="0 0 {} {}" role="group" aria-labelledby="timeline-title timeline-desc">\n'
        '    <desc id="timeline-desc">{}</desc>\n{}{}{}  </svg>',
        timeline.width,
        timeline.height,
        _(
            "Dated release events, people freed and deaths in custody, one lane each. A hollow "
            "marker means the sources give only the month (or year). The same items are listed "
            "below in date order, with their sources."
        ),
        _lanes(timeline),
        _ticks(timeline),
        _joined(_drawn(item, kinds) for item in timeline.items),
    )


@register.simple_tag(takes_context=True)
def timeline_list(context: template.Context, timeline: Timeline) -> SafeString:
    """Every item in date order, the undated last, each with its sources: a fact's
    citations, or for a date's group of people the note that the people list (its link)
    gives each of them with theirs."""
    kinds = _kinds()
    unknown = _("date unknown")
    group_note = format_html('<span class="note">{}</span>', _("(each with their sources)"))
    rows = [
        format_html(
            '  <li class="{}">\n'
            '    <span class="when">{}</span>\n'
            '    <svg class="mark-key" width="16" height="16" viewBox="-8 -8 16 16" '
            'aria-hidden="true">\n'
            '      <g class="{}">\n'
            "        {}\n"
            "      </g>\n"
            "    </svg>\n"
            '    <span class="visually-hidden">{}:</span> <a href="{}">{}</a> {}\n'
            "  </li>\n",
            item.lane,
            item.when if item.start else unknown,
            _classes(item),
            MARKS[item.lane],
            kinds[item.lane],
            item.url,
            item.label,
            citations(context, cast(Cited, item.fact), item.label) if item.fact else group_note,
        )
        for item in timeline.listed
    ]
    if not rows:
        rows.append(format_html('  <li class="none">{}</li>\n', _("Nothing dated yet.")))
    return _joined(rows)
