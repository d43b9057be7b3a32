"""Congresses: convene (moderators), the congress page, its minutes, closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import permissions as charter_permissions
from charter.consensus import MIN_TENDENCIES
from charter.views.access import get_charter, get_player
from congress import permissions
from congress.forms import CongressForm
from congress.minutes import minutes_markdown
from congress.models import Congress
from congress.selectors import congresses as reads
from congress.selectors.edition import signing_panel
from congress.services import congresses as service


def _get_congress(slug: str, pk: int) -> Congress:
    congress = reads.congress_for_page(get_charter(slug), pk)
    if congress is None:
        raise Http404("No such congress.")
    return congress


@login_required
@require_http_methods(["GET", "POST"])
def congress_new(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    why_not = permissions.why_cannot_convene(request.user, charter)
    context = {"charter": charter, "why_not": why_not}
    if why_not:
        return render(request, "congress/congress_new.html", context, status=403)
    form = context["form"] = CongressForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        status = 200 if request.method == "GET" else 400
        return render(request, "congress/congress_new.html", context, status=status)
    try:
        congress = service.congress_convene(charter=charter, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error("closes_at" if error.code == "closes_at" else None, error.messages[0])
        return render(request, "congress/congress_new.html", context, status=400)
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return render(request, "congress/congress_new.html", context, status=403)
    messages.success(
        request,
        _(
            "“%(title)s” is convened. While it sits, direct edits of the charter are closed "
            "and change goes through amendments."
        )
        % {"title": congress.title},
    )
    return redirect(congress.get_absolute_url())


def _signing_context(request: HttpRequest, congress: Congress) -> dict:
    """The signatories by circle and the reader's way to sign (one query)."""
    return {
        "signatures_template": "congress/_signatures.html",
        **signing_panel(congress, request.user, get_player(request)),
    }


@require_GET
def congress_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    congress = _get_congress(slug, pk)
    context = {
        "charter": congress.charter,
        "congress": congress,
        "state": congress.state(),
        "min_tendencies": MIN_TENDENCIES,
        "can_close": not permissions.why_cannot_close(request.user, congress),
        "is_moderator": charter_permissions.is_moderator(request.user),
        "can_propose": permissions.can_amend(request.user, get_player(request), congress.charter),
    }
    if congress.is_closed:
        context["minutes"] = reads.minutes(congress)
        context.update(_signing_context(request, congress))
    else:
        context["floor"] = reads.floor(congress.charter)
    return render(request, "congress/congress_detail.html", context)


@require_GET
def congress_minutes_markdown(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    congress = _get_congress(slug, pk)
    if not congress.is_closed:
        raise Http404("The minutes are written when the congress closes.")
    response = HttpResponse(
        minutes_markdown(reads.minutes(congress)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{congress.charter.slug}-congress-{congress.pk}-minutes.md"'
    )
    return response


@login_required
@require_POST
def congress_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    congress = _get_congress(slug, pk)
    try:
        closing = service.congress_close(congress_id=congress.pk, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(congress.get_absolute_url())
    counts = {
        "adopted": len(closing.adopted),
        "rejected": len(closing.rejected),
        "conflicts": len(closing.conflicts),
    }
    if closing.conflicts:
        closed = ngettext(
            "The congress is closed: %(adopted)s amendment adopted, %(rejected)s rejected, "
            "%(conflicts)s left open (conflicts). The minutes are below.",
            "The congress is closed: %(adopted)s amendments adopted, %(rejected)s rejected, "
            "%(conflicts)s left open (conflicts). The minutes are below.",
            counts["adopted"],
        )
    else:
        closed = ngettext(
            "The congress is closed: %(adopted)s amendment adopted, %(rejected)s rejected. "
            "The minutes are below.",
            "The congress is closed: %(adopted)s amendments adopted, %(rejected)s rejected. "
            "The minutes are below.",
            counts["adopted"],
        )
    messages.success(request, closed % counts)
    return redirect(congress.get_absolute_url())
