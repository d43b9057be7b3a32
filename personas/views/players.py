"""The hall, personas and playing one; the player's account, settings and public profile."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import limits, permissions
from charter.permissions import is_moderator
from charter.selectors.records import KINDS, persona_contributions, player_record
from charter.views.access import int_param, safe_next
from config import frames
from config.caching import visitor_cache
from personas import services
from personas.context_processors import request_player
from personas.forms import EmailForm, EmailNotificationsForm, SignupForm
from personas.models import Persona, Player, Tendency, language_in_use
from personas.selectors import active_groups, invitations_for, persona_spans, player_of


@require_GET
@visitor_cache(lambda: ["site", "hall"])
def hall(request: HttpRequest) -> HttpResponse:
    personas = Persona.objects.annotate(player_count=Count("players")).order_by("name")
    tendencies = Tendency.objects.prefetch_related(
        Prefetch("personas", queryset=personas, to_attr="members")
    )
    # Where the player was going when asked to pick a persona: every persona
    # link carries it on, and playing one leads back there.
    back = safe_next(request, "")
    context = {
        "tendencies": tendencies,
        "next": back,
        "next_query": f"?{urlencode({'next': back})}" if back else "",
    }
    # Players read the hall from a frame (config.frames), with the same stamps.
    return frames.render_page(request, "personas/hall.html", context, stamps=["site", "hall"])


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
            "groups": active_groups(persona),
            "page": page,
            # Only a path on this site: it becomes a link and a redirect.
            "next": safe_next(request, ""),
        },
    )


@require_POST
def play(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        messages.info(request, _("Log in or sign up to play a persona."))
        back = safe_next(request, "")
        query = f"?{urlencode({'next': back})}" if back else ""
        return redirect_to_login(reverse("personas:detail", args=[slug]) + query)
    persona = get_object_or_404(Persona, slug=slug)
    try:
        services.player_play(user=request.user, persona=persona)
    except PermissionDenied as refusal:
        messages.error(request, permissions.refusal_in(refusal))
        return redirect(persona.get_absolute_url())
    messages.success(request, _("You are now playing %(persona)s.") % {"persona": persona.name})
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
        messages.success(request, _("Welcome to the hall. Pick a persona to speak as."))
        return redirect(_hall_then(safe_next(request, "")))
    if form.errors:
        status = 400
    return render(
        request,
        "registration/signup.html",
        {"form": form, "next": safe_next(request, "")},
        status=status,
    )


def _hall_then(back: str) -> str:
    """The hall, to pick a persona first, then `back` (a new player has none yet)."""
    hall_url = reverse("personas:hall")
    if not back or back.startswith(hall_url):
        # Already on the way to the hall or a persona: no detour needed.
        return back or hall_url
    return f"{hall_url}?{urlencode({'next': back})}"


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


# The player's own account.


def _settings_page(
    request: HttpRequest,
    *,
    status: int = 200,
    email_form: EmailForm | None = None,
    notifications_form: EmailNotificationsForm | None = None,
    password_form: PasswordChangeForm | None = None,
) -> HttpResponse:
    """The settings page, with the one form that failed bound and the others fresh."""
    user = request.user
    player = request_player(request)
    choice = player.email_notifications if player else Player.EmailNotifications.NONE
    language = player.language if player else language_in_use()
    context = {
        "email_form": email_form or EmailForm(user, initial={"email": user.email}),
        "notifications_form": notifications_form
        or EmailNotificationsForm(initial={"email_notifications": choice, "language": language}),
        "password_form": password_form or PasswordChangeForm(user),
        "choice": choice,
        "group": player.group if player else None,
        "invitations": invitations_for(user) if player and player.pending_invitations else [],
    }
    return render(request, "personas/account_settings.html", context, status=status)


def _back_to(section: str) -> HttpResponse:
    return redirect(f"{reverse('account_settings')}#{section}")


@login_required
@require_GET
def account_settings(request: HttpRequest) -> HttpResponse:
    return _settings_page(request)


@login_required
@require_POST
def account_email(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.user, request.POST)
    if not form.is_valid():
        return _settings_page(request, email_form=form, status=400)
    user = services.user_email_change(user=request.user, email=form.cleaned_data["email"])
    if user.email:
        messages.success(request, _("Your email address is now %(email)s.") % {"email": user.email})
    else:
        messages.success(request, _("Your email address was removed; we will send you no email."))
    return _back_to("email")


@login_required
@require_POST
def account_notifications(request: HttpRequest) -> HttpResponse:
    form = EmailNotificationsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, notifications_form=form, status=400)
    player = services.player_email_notifications_set(
        user=request.user,
        choice=form.cleaned_data["email_notifications"],
        language=form.cleaned_data["language"] or None,
    )
    messages.success(
        request,
        # Translators: the choice is one of "No email", "At once, one email per
        # notification" or "A daily digest".
        _("Email notifications: %(choice)s.")
        % {"choice": player.get_email_notifications_display()},
    )
    if player.email_notifications != Player.EmailNotifications.NONE and not request.user.email:
        messages.warning(
            request, _("Add an email address above: until then there is nowhere to send them.")
        )
    return _back_to("notifications")


@login_required
@require_POST
def account_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _settings_page(request, password_form=form, status=400)
    user = services.user_password_change(
        user=request.user, password=form.cleaned_data["new_password1"]
    )
    # A new password changes the session hash, which signs out every session;
    # re-hash this one so the player who changed it stays signed in.
    update_session_auth_hash(request, user)
    messages.success(request, _("Your password was changed. Other devices have been signed out."))
    return _back_to("password")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view; the emailed link is built on SITE_URL, not the request's Host."""

    http_method_names = ["get", "post", "head", "options"]
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict:
        return {"site_url": settings.SITE_URL}


# A player's public profile.

PER_PAGE = 25
# What Django's username validator allows; anything else (NUL bytes, which
# PostgreSQL refuses outright, or megabytes of junk) cannot name a player.
USERNAME = re.compile(r"[\w.@+-]{1,150}")
# The record's tabs: ?show=edits and so on, everything when absent.
SHOW = {"edits": ("edit",), "comments": ("comment",), "stances": ("stance",)}


def get_profile_user(username: str) -> AbstractBaseUser:
    """The user named `username`, or a 404 (also for names no user could have)."""
    if not USERNAME.fullmatch(username):
        raise Http404("No such player.")
    return get_object_or_404(get_user_model(), username=username)


@require_GET
def player_profile(request: HttpRequest, username: str) -> HttpResponse:
    profile_user = get_profile_user(username)
    player = player_of(profile_user)
    show = request.GET.get("show", "")
    kinds = SHOW.get(show, KINDS)
    record = player_record(profile_user, kinds=kinds, include_hidden=is_moderator(request.user))
    page = Paginator(record, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "personas/player_profile.html",
        {
            "profile_user": profile_user,
            "player": player,
            "spans": persona_spans(player),
            "counts": record.counts(),
            "show": show if show in SHOW else "",
            "page": page,
            "extra_query": f"show={show}" if show in SHOW else "",
        },
    )
