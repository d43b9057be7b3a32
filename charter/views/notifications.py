"""A player's notifications: what happened on the clauses they watch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from charter.models import Notification
from charter.services import notifications
from charter.views.access import int_param

PER_PAGE = 25


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user=request.user).select_related(
        "clause__charter", "comment", "revision_meta", "actor_persona__tendency"
    )
    page = Paginator(notes, PER_PAGE).get_page(int_param(request.GET.get("page")))
    unread_here = any(note.read_at is None for note in page)
    return render(request, "charter/notifications.html", {"page": page, "unread_here": unread_here})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about."""
    note = get_object_or_404(
        Notification.objects.select_related("clause__charter"), pk=pk, user=request.user
    )
    notifications.notifications_mark_read(user=request.user, notification_ids=[note.pk])
    clause = note.clause
    if note.comment_id is not None:
        return redirect(
            reverse("charter:comment", args=[clause.charter.slug, clause.pk, note.comment_id])
        )
    return redirect(clause.get_absolute_url())


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notifications_mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)s notification read.", "Marked %(count)s notifications read.", count
        )
        % {"count": count},
    )
    return redirect("notifications")
