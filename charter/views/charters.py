from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from charter import permissions
from charter.models import Charter, Clause
from charter.selectors.stances import with_consensus
from charter.views.access import get_player
from config import frames
from config.caching import charter_stamp, visitor_cache
from personas.models import Persona, Tendency
from translations import languages
from translations.selectors import attach_readings


def _home_stamps() -> list[str]:
    return ["site", "charters"]


@require_GET
@visitor_cache(_home_stamps)
def home(request: HttpRequest) -> HttpResponse:
    charters = Charter.objects.annotate(
        clause_count=Count("clauses", filter=Q(clauses__is_removed=False))
    )
    tendencies = Tendency.objects.annotate(persona_count=Count("personas"))
    context = {
        "charters": charters,
        "tendencies": tendencies,
        "persona_count": SimpleLazyObject(Persona.objects.count),
    }
    return frames.render_page(request, "charter/home.html", context, stamps=_home_stamps())


def _charter_stamps(slug: str) -> list[str]:
    return ["site", charter_stamp(slug)]


@require_GET
@visitor_cache(_charter_stamps)
def charter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_object_or_404(Charter, slug=slug)
    clauses = Clause.objects.live().filter(charter=charter).select_related("charter")
    can_edit = permissions.can_add_clause(request.user, get_player(request), charter)
    is_moderator = permissions.is_moderator(request.user)
    context = {
        "charter": charter,
        # Read only if the page is not served from its frame.
        "clauses": SimpleLazyObject(
            lambda: attach_readings(charter, with_consensus(charter, clauses), languages.current())
        ),
        "can_edit": can_edit,
        "is_moderator": is_moderator,
    }
    return frames.render_page(
        request,
        "charter/charter_detail.html",
        context,
        stamps=_charter_stamps(slug),
        answers=[can_edit, is_moderator],
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
