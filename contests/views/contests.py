"""The contests: the list, one contest's page (entries, voting, results) and opening one."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charter.permissions import is_moderator, why_cannot_write
from charter.views.access import get_player
from contests import permissions, selectors, services
from contests.forms import ContestForm
from contests.models import VOTES_PER_PLAYER, Contest, Entry, Phase, Vote
from contests.views.access import get_contest
from personas.models import Player


@require_GET
def contest_list(request: HttpRequest) -> HttpResponse:
    current, past = selectors.contests_by_state()
    context = {
        "current": current,
        "past": past,
        "can_open": permissions.can_open_contest(request.user),
    }
    return render(request, "contests/contest_list.html", context)


@dataclass
class EntryRow:
    """An entry as the contest page lists it, with what this reader may do about it."""

    entry: Entry
    my_vote: Vote | None = None
    # Why this reader may not vote for it (own circle, own entry); empty if they may.
    why_not_vote: str = ""


def voting_context(
    request: HttpRequest, contest: Contest, player: Player | None, own_entry: Entry | None
) -> dict:
    """The reader's votes and why they may not vote at all, when that is the same everywhere."""
    mine = selectors.own_votes(contest, request.user)
    phase = contest.phase()
    why_not = ""
    if phase == Phase.VOTING:
        # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
        why_not = why_cannot_write(request.user, player, to="vote")
    return {
        "my_votes": mine,
        "votes_left": max(0, VOTES_PER_PLAYER - len(mine)),
        "votes_per_player": VOTES_PER_PLAYER,
        "why_not_vote": why_not,
        "may_vote": phase == Phase.VOTING and not why_not,
        "own_entry": own_entry,
    }


def _rows(
    request: HttpRequest,
    entries: list[Entry],
    player: Player | None,
    voting: dict,
) -> list[EntryRow]:
    rows = []
    for entry in entries:
        row = EntryRow(entry=entry, my_vote=voting["my_votes"].get(entry.pk))
        if voting["may_vote"] and row.my_vote is None:
            row.why_not_vote = permissions.why_cannot_vote(
                request.user, player, entry, own_entry=voting["own_entry"]
            )
        rows.append(row)
    return rows


@require_GET
def contest_detail(request: HttpRequest, slug: str) -> HttpResponse:
    contest = get_contest(slug)
    player = get_player(request)
    entries = selectors.submitted_entries(contest)
    own_entry = selectors.own_entry(contest, request.user)
    voting = voting_context(request, contest, player, own_entry)
    phase = contest.phase()
    context = {
        "contest": contest,
        "phase": phase,
        "rows": _rows(request, entries, player, voting),
        "why_not_enter": permissions.why_cannot_enter(request.user, player, contest)
        if own_entry is None
        else "",
        "results": selectors.results(contest, entries) if phase == Phase.CLOSED else None,
        **voting,
    }
    return render(request, "contests/contest_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contest_new(request: HttpRequest) -> HttpResponse:
    """A moderator opens a contest."""
    why_not = permissions.why_cannot_open_contest(request.user)
    if why_not:
        raise PermissionDenied(why_not)
    form = ContestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                contest = services.contest_open(user=request.user, **form.cleaned_data)
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
                status = 403
            except ValidationError as error:
                field = error.code if error.code in form.fields else None
                form.add_error(field, error)
            else:
                messages.success(
                    request,
                    _("The contest “%(theme)s” is open for entries until the deadline.")
                    % {"theme": contest.theme},
                )
                return redirect(contest.get_absolute_url())
    context = {"form": form, "is_moderator": is_moderator(request.user)}
    return render(request, "contests/contest_new.html", context, status=status)
