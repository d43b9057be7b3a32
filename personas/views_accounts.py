"""A player's own account: settings (email, email notifications, password) and password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from personas import services
from personas.context_processors import request_player
from personas.forms import EmailForm, EmailNotificationsForm
from personas.models import Player


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
    context = {
        "email_form": email_form or EmailForm(user, initial={"email": user.email}),
        "notifications_form": notifications_form
        or EmailNotificationsForm(initial={"email_notifications": choice}),
        "password_form": password_form or PasswordChangeForm(user),
        "choice": choice,
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
        messages.success(request, f"Your email address is now {user.email}.")
    else:
        messages.success(request, "Your email address was removed; we will send you no email.")
    return _back_to("email")


@login_required
@require_POST
def account_notifications(request: HttpRequest) -> HttpResponse:
    form = EmailNotificationsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, notifications_form=form, status=400)
    player = services.player_email_notifications_set(
        user=request.user, choice=form.cleaned_data["email_notifications"]
    )
    messages.success(request, f"Email notifications: {player.get_email_notifications_display()}.")
    if player.email_notifications != Player.EmailNotifications.NONE and not request.user.email:
        messages.warning(
            request, "Add an email address above: until then there is nowhere to send them."
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
    messages.success(request, "Your password was changed. Other devices have been signed out.")
    return _back_to("password")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view; the emailed link is built on SITE_URL, not the request's Host."""

    http_method_names = ["get", "post", "head", "options"]
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict:
        return {"site_url": settings.SITE_URL}
