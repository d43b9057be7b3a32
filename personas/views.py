from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from charter import limits
from charter.selectors.records import persona_contributions
from charter.views.access import int_param, safe_next
from personas import services
from personas.forms import SignupForm
from personas.models import Persona, Tendency


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
    page = Paginator(persona_contributions(persona), 25).get_page(
        int_param(request.GET.get("page"))
    )
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
    return redirect(safe_next(request, persona.get_absolute_url()))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("personas:hall")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        refusal = limits.refusal(request, "signup")
        if refusal:
            form.add_error(None, refusal)
            response = render(
                request,
                "registration/signup.html",
                {"form": form, "next": safe_next(request, "")},
            )
            return limits.too_many(response, request)
        user = form.save()
        services.player_for(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to the hall. Pick a persona to speak as.")
        return redirect(safe_next(request, reverse("personas:hall")))
    if form.errors:
        status = 400
    return render(
        request,
        "registration/signup.html",
        {"form": form, "next": safe_next(request, "")},
        status=status,
    )


class ThrottledLoginView(LoginView):
    """Django's log-in, backing off after failures per user name and per address.

    Only failures count, in windows that expire, so a guessing script is
    slowed down while the real user is never locked out for good.
    """

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        refusal = limits.over(request, "login_user", username=username) or limits.over(
            request, "login_ip"
        )
        if refusal:
            # The password is not even checked: an unbound form keeps the user name.
            form = self.get_form_class()(request, initial={"username": username})
            context = self.get_context_data(form=form, refusal=refusal)
            return limits.too_many(self.render_to_response(context), request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.data.get("username") and form.data.get("password"):
            limits.count(self.request, "login_user", username=form.data["username"])
            limits.count(self.request, "login_ip")
        return super().form_invalid(form)
