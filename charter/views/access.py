"""Access helpers: every clause URL loads its objects through these."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from charter import permissions
from charter.models import Charter, Clause
from personas.context_processors import request_player
from personas.models import Player


def get_charter(slug: str) -> Charter:
    return get_object_or_404(Charter, slug=slug)


def get_clause(request: HttpRequest, slug: str, pk: int) -> Clause:
    """The clause `pk` of charter `slug`; removed clauses exist only for moderators."""
    clause = get_object_or_404(Clause.objects.select_related("charter"), pk=pk, charter__slug=slug)
    if clause.is_removed and not permissions.is_moderator(request.user):
        raise Http404("This clause has been removed.")
    return clause


def get_player(request: HttpRequest) -> Player | None:
    return request_player(request)
