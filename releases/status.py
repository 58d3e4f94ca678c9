"""A person's status, derived from dated, cited facts and never set by hand."""

import datetime
from dataclasses import dataclass

from releases.models import Fact, GrammaticalGender, Person, Status, prefetched, status_label
from sources.dates import format_partial_date

# When two facts carry the same (or no) date, the later stage of a detention wins.
# Keyed by the status's value, as a step stores it.
_STAGE: dict[str, int] = {
    Status.DETAINED: 0,
    Status.RELEASED: 1,
    Status.RELEASED_WITH_CONDITIONS: 1,
    Status.REDETAINED: 2,
    Status.DIED_IN_CUSTODY: 3,
}


@dataclass(frozen=True)
class StatusStep:
    status: str
    date: datetime.date | None
    precision: str
    fact: Fact
    gender: str = GrammaticalGender.UNKNOWN

    @property
    def label(self) -> str:
        """The situation in words that agree with the person (``status_label``)."""
        return status_label(self.status, self.gender)

    @property
    def when(self) -> str:
        return format_partial_date(self.date, self.precision)

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        # Undated facts sort first: a dated fact is better evidence of the latest situation.
        return (self.date or datetime.date.min, _STAGE[self.status])


def status_history(person: Person) -> list[StatusStep]:
    """The person's detentions, releases and other status changes in date order.

    Reads ``person.detentions``, ``person.releases`` and ``person.status_changes`` through
    ``prefetched`` so that a caller's prefetch is used."""
    gender = person.grammatical_gender
    steps = [
        StatusStep(Status.DETAINED, d.since, d.since_precision, d, gender)
        for d in prefetched(person, "detentions")
    ]
    steps += [
        StatusStep(
            Status.RELEASED_WITH_CONDITIONS if r.with_conditions else Status.RELEASED,
            r.date,
            r.date_precision,
            r,
            gender,
        )
        for r in prefetched(person, "releases")
    ]
    steps += [
        StatusStep(c.status, c.date, c.date_precision, c, gender)
        for c in prefetched(person, "status_changes")
    ]
    return sorted(steps, key=lambda step: step.sort_key)


def derive_status(steps: list[StatusStep]) -> str:
    if not steps:
        return Status.UNKNOWN
    if any(step.status == Status.DIED_IN_CUSTODY for step in steps):
        return Status.DIED_IN_CUSTODY
    return steps[-1].status
