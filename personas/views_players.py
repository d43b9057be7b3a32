"""A player's public profile: the personas they played and what they did as them."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from charter.permissions import is_moderator
from charter.selectors_players import KINDS, player_record
from personas.models import Player
from personas.selectors import persona_spans

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
    player = Player.objects.select_related("persona__tendency").filter(user=profile_user).first()
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
