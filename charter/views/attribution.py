"""Attribution pictures: which persona and tendency wrote which words."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from charter import attribution
from charter.selectors.revisions import charter_attributions, current_attribution
from charter.views.access import get_charter, get_clause
from personas.models import Tendency
from personas.selectors import personas_by_id


@require_GET
def clause_attribution(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    pieces = attribution.pieces_for(clause.body, current_attribution(clause))
    personas = personas_by_id({author for author, _ in pieces})
    context = {
        "charter": clause.charter,
        "clause": clause,
        "pieces": [(personas.get(author), text) for author, text in pieces],
        "shares": attribution.shares(pieces, personas),
    }
    return render(request, "charter/clause_attribution.html", context)


@require_GET
def charter_attribution(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    metas = charter_attributions(charter)
    rows = [
        (meta.clause, attribution.pieces_for(meta.clause.body, meta.attribution)) for meta in metas
    ]
    personas = personas_by_id({author for _, pieces in rows for author, _ in pieces})
    clauses = [
        {"clause": clause, "shares": attribution.shares(pieces, personas)}
        for clause, pieces in rows
    ]
    everything = [piece for _, pieces in rows for piece in pieces]
    context = {
        "charter": charter,
        "clauses": clauses,
        "shares": attribution.shares(everything, personas),
    }
    return render(request, "charter/charter_attribution.html", context)


@require_GET
def tendency_styles(request: HttpRequest) -> HttpResponse:
    """One CSS class per tendency colour, so text can be marked without style=."""
    lines = [
        f".t-{pk} {{ --tendency: {colour}; }}"
        for pk, colour in Tendency.objects.values_list("pk", "colour")
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
