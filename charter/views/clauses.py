from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charter import permissions, selectors
from charter.views.access import get_clause, get_player
from charter.views.discussion import discussion_context
from charter.views.stances import stance_context


def clause_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    player = get_player(request)
    context = {
        "charter": clause.charter,
        "clause": clause,
        "last_change": selectors.latest_meta(clause),
        "can_edit": permissions.can_edit_clause(request.user, player, clause),
        "why_not": permissions.why_cannot_edit(request.user, player, clause),
    }
    context.update(stance_context(request, clause, player))
    context.update(discussion_context(request, clause))
    return render(request, "charter/clause_detail.html", context)
