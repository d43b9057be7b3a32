from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from personas import services
from personas.forms import SignupForm
from personas.models import Persona, Tendency


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def hall(request: HttpRequest) -> HttpResponse:
    personas = Persona.objects.annotate(player_count=Count("players")).order_by("name")
    tendencies = Tendency.objects.prefetch_related(
        Prefetch("personas", queryset=personas, to_attr="members")
    )
    return render(request, "personas/hall.html", {"tendencies": tendencies})


def persona_detail(request: HttpRequest, slug: str) -> HttpResponse:
    persona = get_object_or_404(Persona.objects.select_related("tendency"), slug=slug)
    players = persona.players.select_related("user").order_by("user__username")
    # The persona's record across charters, newest first.
    from charter.selectors import persona_contributions

    page = Paginator(persona_contributions(persona), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "personas/persona_detail.html",
        {
            "persona": persona,
            "quotations": persona.quotations.all(),
            "players": players,
            "page": page,
        },
    )


@require_POST
def play(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        messages.info(request, "Log in or sign up to play a persona.")
        return redirect_to_login(reverse("personas:detail", args=[slug]))
    persona = get_object_or_404(Persona, slug=slug)
    services.player_play(user=request.user, persona=persona)
    messages.success(request, f"You are now playing {persona.name}.")
    return redirect(_safe_next(request, persona.get_absolute_url()))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("personas:hall")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        services.player_for(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to the hall. Pick a persona to speak as.")
        return redirect(_safe_next(request, "personas:hall"))
    return render(
        request, "registration/signup.html", {"form": form, "next": _safe_next(request, "")}
    )
