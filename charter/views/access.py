"""Access helpers: every charter and clause URL loads its objects through these."""

import re

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from charter import permissions
from charter.models import Charter, Clause
from charter.selectors.clauses import clause_in
from personas.context_processors import request_player
from personas.models import Player

# ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses.
_ID = re.compile(r"[0-9]{1,18}")


class ClauseRemoved(Exception):
    """A removed clause asked for by someone who is not a moderator: its tombstone answers."""

    def __init__(self, clause: Clause) -> None:
        super().__init__(f"Clause {clause.pk} has been removed.")
        self.clause = clause


def int_param(raw: str | None) -> int | None:
    """A positive id or page number from a query string; None for anything else."""
    raw = (raw or "").strip()
    return int(raw) if _ID.fullmatch(raw) and int(raw) > 0 else None


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` path from the request if it is a path on this site, else `fallback`.

    Only absolute paths qualify: a bare word would pass the host check and
    then be taken by redirect() for a view name.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def get_charter(slug: str) -> Charter:
    return get_object_or_404(Charter, slug=slug)


def get_clause(request: HttpRequest, slug: str, pk: int) -> Clause:
    """The clause `pk` of charter `slug`; a removed one only for moderators."""
    clause = clause_in(slug, pk)
    if clause is None:
        raise Http404("No clause here.")
    if clause.is_removed and not permissions.is_moderator(request.user):
        raise ClauseRemoved(clause)
    return clause


def get_player(request: HttpRequest) -> Player | None:
    return request_player(request)
