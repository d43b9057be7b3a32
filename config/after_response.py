"""Side effects that run once the response has gone to the browser.

A save's notifications and emails must happen after its transaction commits,
but the person who saved need not wait for them. Inside a request, `later()`
keeps the work until Django's `request_finished` signal, which a WSGI server
sends when it closes the response, after the last byte went out; outside a
request (management commands, the shell) the work runs at once.

It runs in the same process, so a crash between the response and the work
loses it, exactly as with `transaction.on_commit`; the digest command picks
up any notification whose email was never sent.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.dispatch import receiver

logger = logging.getLogger(__name__)

_pending: ContextVar[list[Callable[[], None]] | None] = ContextVar("after_response", default=None)


@receiver(request_started)
def _open(**kwargs) -> None:
    _pending.set([])


@receiver(request_finished)
def _run(**kwargs) -> None:
    work, _ = _pending.get() or [], _pending.set(None)
    for task in work:
        try:
            task()
        except Exception:
            # The response is sent; a failure here can only be logged.
            logger.exception("Work after the response failed: %r", task)


def later(task: Callable[[], None]) -> None:
    """Run `task` after the response is sent (at once outside a request)."""
    pending = _pending.get()
    if pending is None:
        task()
    else:
        pending.append(task)


def after_commit_and_response(task: Callable[[], None]) -> None:
    """Run `task` once the current transaction commits and the response is sent."""
    transaction.on_commit(lambda: later(task))


def after_response_when_serving(task: Callable[[], None]) -> None:
    """While serving a request, run `task` once the transaction commits and the response
    is sent; anywhere else (commands, the shell, tests of services) at once, inside the
    caller's transaction.

    For work that keeps derived data in step (the search index): a request
    need not wait for it, a command that seeds or repairs data wants it done.
    """
    if _pending.get() is None:
        task()
    else:
        transaction.on_commit(lambda: later(task))
