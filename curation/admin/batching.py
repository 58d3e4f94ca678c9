"""One admin write, one refresh of derived data.

An admin save writes the object and each of its inline rows, and every row's receiver asks
``releases.derived`` for a refresh. Inside ``derived.batch()`` those requests are only
collected, and the refresh runs once when the write is done: inside its transaction for a
change form saved with its inlines, a delete and a revert from the history; right after it
for a list's action or its edited rows (an action may stream an export).
"""

import contextlib
from collections.abc import Callable
from typing import Any

from django.db import router, transaction
from django.http import HttpRequest, HttpResponse

from curation.admin.bases import AdminMixin
from releases import derived

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class OneRefreshPerWrite(AdminMixin):
    """Put first among an admin's bases, so the batch encloses every other step."""

    def _one_refresh(
        self, request: HttpRequest, *, atomic: bool = True
    ) -> contextlib.AbstractContextManager[Any]:
        if request.method in SAFE_METHODS:
            return contextlib.nullcontext()
        stack = contextlib.ExitStack()
        if atomic:
            stack.enter_context(transaction.atomic(using=router.db_for_write(self.model)))
        stack.enter_context(derived.batch())
        return stack

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self._one_refresh(request):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self._one_refresh(request):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Not in a transaction of its own: an action may answer with a streamed export,
        # whose server-side cursor (PostgreSQL) must outlive the view. The list's edits
        # and a delete are atomic already; the one refresh follows them, in its own, and
        # is done even if the view then fails (refreshing recomputes from what is stored).
        failed: Exception | None = None
        with self._one_refresh(request, atomic=False):
            try:
                return super().changelist_view(request, *args, **kwargs)
            except Exception as error:
                failed = error
        raise failed

    def history_form_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A revert from the history (``SimpleHistoryAdmin``'s, after this among the bases,
        which the type checker cannot see from here)."""
        with self._one_refresh(request):
            revert: Callable[..., HttpResponse] = super().history_form_view  # type: ignore[misc]
            return revert(request, *args, **kwargs)
