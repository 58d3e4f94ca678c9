"""Work after a curator's write that need not keep them waiting: re-running the citation
suggestions of every article that names a person, alias or country just saved, or created
by accepting a suggestion; and building every known name again once many have changed.

It runs in the background with Django's tasks framework: in production the database-backed
worker of django-tasks-db (``manage.py db_worker``, which ``make run`` starts beside the
server) picks the task up once the write that queued it commits; the tests run it at once
(the immediate backend). Until it has run, the admin says the suggestions are still being
computed (``pending_reruns``)."""

from dataclasses import dataclass

from django.apps import apps
from django.tasks import TaskResultStatus, task

from releases.models import Alias, Country, Person

RERUN_TASK = "curation.tasks.rerun_suggestions"
REBUILD_TASK = "curation.tasks.rebuild_names"


@task()
def rerun_suggestions(records: list[list[str | int | None]]) -> int:
    """Re-run the suggestions for ``records`` ([app label, model name, pk] each); one
    deleted since is skipped. Returns how many suggestions were made."""
    from curation.suggestions import suggest_after_change  # which queues this task

    found = []
    for app_label, model_name, pk in records:
        model = apps.get_model(str(app_label), str(model_name))
        record = model.objects.filter(pk=pk).first()
        if record is not None:
            found.append(record)
    return suggest_after_change(*found) if found else 0


@task()
def rebuild_names() -> int:
    """Build every known name again and keep it on disk, for every process to lay only the
    names changed since over it (``curation.suggestions.rebuild_base``). Returns how many
    names and aliases the build read."""
    from curation.suggestions import rebuild_base

    return rebuild_base().size


def rebuild_names_later() -> None:
    """Queue a new build of the known names, unless one is queued or running already."""
    if _pending(REBUILD_TASK):
        return
    rebuild_names.enqueue()


@dataclass(frozen=True)
class Queued:
    """A re-run asked for; ``made`` is known once it has run (at once in the tests)."""

    finished: bool
    made: int = 0


def rerun_later(*records: Person | Alias | Country) -> Queued:
    """Queue the re-run of suggestions after these records changed. Queued inside the
    caller's transaction: a write rolled back queues nothing."""
    keys = [[r._meta.app_label, r._meta.model_name, r.pk] for r in records]
    result = rerun_suggestions.enqueue(keys)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return Queued(finished=True, made=result.return_value or 0)
    return Queued(finished=False)


def pending_reruns() -> int:
    """How many re-runs are queued or running (none with a backend that runs at once)."""
    return _pending(RERUN_TASK)


def _pending(task_path: str) -> int:
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(
            task_path=task_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        )
        .order_by()
        .count()
    )
