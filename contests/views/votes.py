"""Casting and withdrawing votes, from the contest page or an entry's page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from charter import limits
from charter.permissions import refusal_in
from charter.views.access import safe_next
from contests import services
from contests.views.access import get_entry
from contests.views.entries import entry_page


def _vote(request: HttpRequest, slug: str, pk: int, *, withdraw: bool) -> HttpResponse:
    entry = get_entry(request, slug, pk)
    back = safe_next(request, f"{entry.get_absolute_url()}#vote")
    if not request.user.is_authenticated:
        messages.info(request, _("Log in and pick a persona to vote."))
        return redirect_to_login(entry.get_absolute_url())
    refusal = limits.refusal(request, "vote")
    if refusal:
        return limits.too_many(entry_page(request, entry, notice=refusal, status=429), request)
    try:
        if withdraw:
            services.vote_withdraw(entry_id=entry.pk, user=request.user)
        else:
            services.vote_cast(entry_id=entry.pk, user=request.user)
    except PermissionDenied as error:
        return entry_page(request, entry, notice=refusal_in(error), status=403)
    except ValidationError as error:
        return entry_page(request, entry, notice=error.messages[0], status=400)
    if withdraw:
        messages.info(
            request,
            _("Your vote for “%(title)s” is withdrawn; you may give it again.")
            % {"title": entry.title},
        )
    else:
        messages.success(
            request,
            _("Your vote for “%(title)s” is counted. Votes stay secret until voting closes.")
            % {"title": entry.title},
        )
    return redirect(back)


@require_POST
def vote_cast(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _vote(request, slug, pk, withdraw=False)


@require_POST
def vote_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _vote(request, slug, pk, withdraw=True)
