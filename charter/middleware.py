"""Answers for exceptions that are not errors: a removed clause's tombstone."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charter.selectors.revisions import removal_of
from charter.views.access import ClauseRemoved


class TombstoneMiddleware:
    """Every URL of a removed clause answers 410 Gone with who removed it, when and why.

    Links from notifications, feeds and recent changes keep meaning something,
    while the text itself stays out of sight for everyone but moderators.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ClauseRemoved):
            return None
        clause = exception.clause
        context = {"charter": clause.charter, "clause": clause, "removal": removal_of(clause)}
        return render(request, "charter/clause_removed.html", context, status=410)
