"""Player groups: the list, a group's page, founding one, invitations, leaving, handing over."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import limits, permissions
from charter.selectors.records import group_contributions
from charter.selectors.stances import group_stances
from charter.views.access import int_param, safe_next
from personas import groups
from personas.context_processors import remember_player, request_player
from personas.forms import GroupForm, HandOverForm, InviteForm
from personas.models import GroupInvitation, PlayerGroup
from personas.selectors import (
    active_groups,
    dissolved_groups,
    group_invitations,
    group_members,
    player_of,
)

RECORD_PER_PAGE = 25


def get_group(slug: str) -> PlayerGroup:
    return get_object_or_404(
        PlayerGroup.objects.select_related("persona__tendency", "founder"), slug=slug
    )


def get_invitation(group: PlayerGroup, pk: int) -> GroupInvitation:
    invitation = get_object_or_404(GroupInvitation, pk=pk, group=group)
    invitation.group = group
    return invitation


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    player = request_player(request)
    why_not = permissions.why_cannot_create_group(request.user, player)
    context = {
        "groups": active_groups(),
        "dissolved": dissolved_groups(),
        "my_group": player.group if player else None,
        "can_create": not why_not,
        "why_not_create": why_not,
    }
    return render(request, "personas/group_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    player = request_player(request)
    why_not = permissions.why_cannot_create_group(request.user, player)
    status = 200
    if request.method == "POST":
        form = GroupForm(request.POST)
        status = 400
        if why_not:
            form.add_error(None, why_not)
            status = 403
        elif form.is_valid():
            try:
                group = groups.group_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    persona=form.cleaned_data["persona"],
                )
            except PermissionDenied as error:
                form.add_error(None, permissions.refusal_in(error))
                status = 403
            except ValidationError as error:
                form.add_error("name" if error.code == "name" else None, error)
            else:
                messages.success(
                    request,
                    _(
                        "You founded %(group)s: you play %(persona)s for it. "
                        "Invite other players below."
                    )
                    % {"group": group.the_name, "persona": group.persona.name},
                )
                return redirect(group)
    else:
        initial = {"persona": player.persona.slug} if player and player.persona else {}
        form = GroupForm(initial=initial)
    context = {"form": form, "why_not": why_not}
    return render(request, "personas/group_new.html", context, status=status)


def group_page(
    request: HttpRequest,
    group: PlayerGroup,
    *,
    invite_form: InviteForm | None = None,
    hand_over_form: HandOverForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A group's page; with a bound form when an invitation or a hand-over was refused."""
    user = request.user
    player = request_player(request)
    members = group_members(group)
    membership = permissions.membership_in(player, group)
    is_member = membership is not None
    sees_history = is_member or permissions.is_moderator(user)
    heirs = [name for name in members.usernames if name != user.get_username()]
    why_not_invite = permissions.why_cannot_invite(user, player, group)
    why_not_leave = permissions.why_cannot_leave_group(
        user, player, group, members=len(members.current)
    )
    record = Paginator(group_contributions(group), RECORD_PER_PAGE).get_page(
        int_param(request.GET.get("page"))
    )
    context = {
        "group": group,
        "members": members,
        "membership": membership,
        "is_member": is_member,
        "invitations": group_invitations(group) if sees_history else [],
        "my_invitation": _my_invitation(request, group) if not is_member else None,
        "stances": group_stances(group, with_history=sees_history),
        "sees_history": sees_history,
        "page": record,
        "invite_form": invite_form or InviteForm(),
        "can_invite": not why_not_invite,
        "why_not_invite": why_not_invite,
        "can_leave": not why_not_leave,
        "why_not_leave": why_not_leave,
        "can_hand_over": permissions.can_hand_over(user, player, group) and bool(heirs),
        "hand_over_form": hand_over_form or HandOverForm(members=heirs),
    }
    return render(request, "personas/group_detail.html", context, status=status)


def _my_invitation(request: HttpRequest, group: PlayerGroup) -> GroupInvitation | None:
    """The reader's pending invitation to this group, to answer it right here."""
    player = request_player(request)
    if player is None or not player.pending_invitations:
        return None
    return group.invitations.filter(
        invited=request.user, status=GroupInvitation.Status.PENDING
    ).first()


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return group_page(request, get_group(slug))


def _refusal_text(error: PermissionDenied | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return error.messages[0]
    return permissions.refusal_in(error)


def _log_in_first(request: HttpRequest, group: PlayerGroup, message: str) -> HttpResponse:
    messages.info(request, message)
    return redirect_to_login(group.get_absolute_url())


@require_POST
def group_invite(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group(slug)
    if not request.user.is_authenticated:
        return _log_in_first(request, group, _("Log in to invite players."))
    form = InviteForm(request.POST)
    if not form.is_valid():
        return group_page(request, group, invite_form=form, status=400)
    refusal = limits.refusal(request, "invitation")
    if refusal:
        form.add_error(None, refusal)
        return limits.too_many(group_page(request, group, invite_form=form, status=429), request)
    try:
        invitation = groups.group_invite(
            group_id=group.pk, user=request.user, username=form.cleaned_data["username"]
        )
    except PermissionDenied as error:
        form.add_error(None, permissions.refusal_in(error))
        return group_page(request, group, invite_form=form, status=403)
    except ValidationError as error:
        form.add_error("username", error)
        return group_page(request, group, invite_form=form, status=400)
    messages.success(
        request,
        _("%(username)s is invited; they will find the invitation on their settings page.")
        % {"username": invitation.invited.get_username()},
    )
    return redirect(f"{group.get_absolute_url()}#invitations")


def _answer(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    """Accept, decline or withdraw an invitation; a refusal is a message, never a 500."""
    group = get_group(slug)
    if not request.user.is_authenticated:
        return _log_in_first(request, group, _("Log in to answer your invitations."))
    invitation = get_invitation(group, pk)
    service = {
        "accept": groups.group_invitation_accept,
        "decline": groups.group_invitation_decline,
        "cancel": groups.group_invitation_cancel,
    }[action]
    try:
        service(invitation_id=invitation.pk, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _refusal_text(error))
        return redirect(safe_next(request, group.get_absolute_url()))
    if action == "accept":
        # The header shows the group's persona from this very response on.
        remember_player(request, player_of(request.user))
        messages.success(
            request,
            _(
                "Welcome to %(group)s. You now play %(persona)s for it, and the group’s stances "
                "are yours."
            )
            % {"group": group.the_name, "persona": group.persona.name},
        )
        return redirect(group)
    if action == "decline":
        messages.info(
            request,
            _("You declined the invitation to %(group)s.") % {"group": group.the_name},
        )
        return redirect(safe_next(request, reverse("account_settings") + "#groups"))
    messages.info(
        request,
        _("The invitation of %(username)s is withdrawn.")
        % {"username": invitation.invited.get_username()},
    )
    return redirect(f"{group.get_absolute_url()}#invitations")


@require_POST
def invitation_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _answer(request, slug, pk, "accept")


@require_POST
def invitation_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _answer(request, slug, pk, "decline")


@require_POST
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _answer(request, slug, pk, "cancel")


@require_POST
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group(slug)
    if not request.user.is_authenticated:
        return _log_in_first(request, group, _("Log in to leave your group."))
    try:
        group = groups.group_leave(group_id=group.pk, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _refusal_text(error))
        return redirect(f"{group.get_absolute_url()}#leave")
    if group.is_dissolved:
        messages.info(
            request,
            _(
                "You left %(group)s, its last member: the group is dissolved. Its page and "
                "everything said for it stay."
            )
            % {"group": group.the_name},
        )
    else:
        messages.info(
            request,
            _("You left %(group)s. You still play %(persona)s, now for yourself.")
            % {"group": group.the_name, "persona": group.persona.name},
        )
    return redirect(group)


@require_POST
def group_hand_over(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group(slug)
    if not request.user.is_authenticated:
        return _log_in_first(request, group, _("Log in to hand over your group."))
    members = group_members(group).usernames
    form = HandOverForm(
        request.POST, members=[name for name in members if name != request.user.get_username()]
    )
    if not form.is_valid():
        return group_page(request, group, hand_over_form=form, status=400)
    try:
        heir = groups.group_hand_over(
            group_id=group.pk, user=request.user, username=form.cleaned_data["username"]
        )
    except PermissionDenied as error:
        form.add_error(None, permissions.refusal_in(error))
        return group_page(request, group, hand_over_form=form, status=403)
    except ValidationError as error:
        form.add_error("username", error)
        return group_page(request, group, hand_over_form=form, status=400)
    messages.success(
        request,
        _("%(username)s now holds the founder role.") % {"username": heir.user.get_username()},
    )
    return redirect(group)
