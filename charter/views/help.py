"""How to play: the rules of the hall in plain words, with the live numbers they depend on."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from charter.consensus import MIN_TENDENCIES
from charter.models import Charter
from personas.models import Tendency

# The model charters the help page explains, by their fixture slugs.
MODEL_CHARTERS = {"iwa": "iwa-general-rules-1864", "iww": "iww-preamble-1905"}


@require_GET
def how_to_play(request: HttpRequest) -> HttpResponse:
    charters = {c.slug: c for c in Charter.objects.filter(slug__in=MODEL_CHARTERS.values())}
    circles = Tendency.objects.annotate(persona_count=Count("personas")).order_by("position")
    context = {
        # A model charter missing from this database is described without a link.
        **{key: charters.get(slug) for key, slug in MODEL_CHARTERS.items()},
        "circles": circles,
        "min_tendencies": MIN_TENDENCIES,
    }
    return render(request, "charter/help.html", context)
