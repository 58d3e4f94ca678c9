from django import template

from releases.models import Person
from releases.status import StatusStep, derive_status, status_history

register = template.Library()


@register.simple_tag
def status_step(person: Person) -> StatusStep | None:
    """The dated, cited step that establishes the person's current status (or None)."""
    history = status_history(person)
    status = derive_status(history)
    deciding = [step for step in history if step.status == status]
    return deciding[-1] if deciding else None
