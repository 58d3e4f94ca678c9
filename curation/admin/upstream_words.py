"""Words the admin shows from Django and django-simple-history that their own catalogues do
not say in Spanish (django-simple-history has no Spanish; Django's lacks its newest
strings). The history table's own words are in our template of it
(``curation/templates/simple_history/object_history_list.html``).

Listed here, marked and never called, so that ``make messages`` puts them in our catalogue:
a translation is found by its words, whichever package asks for them, and ours is read
first (LOCALE_PATHS). Keep the words exactly as the packages write them."""

from django.utils.translation import gettext_noop

DJANGO = (
    gettext_noop("- Select an option -"),
    gettext_noop("Search %(name)s"),
)

SIMPLE_HISTORY = (
    gettext_noop("View history: %s"),
    gettext_noop("Change history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("View %s"),
    gettext_noop("Revert %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("History"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Close"),
)
