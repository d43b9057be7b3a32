"""Moderation actions offered on the site itself, beside the admin panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from charter.forms import ReasonForm
from charter.models import Clause
from charter.services import moderation


@require_POST
def clause_recover(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Bring a removed clause back into its charter, from its tombstone."""
    clause = get_object_or_404(Clause.objects.select_related("charter"), pk=pk, charter__slug=slug)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect(clause.get_absolute_url())
    try:
        moderation.clause_recover(
            clause_id=clause.pk, moderator=request.user, reason=form.cleaned_data["reason"]
        )
    except PermissionDenied as refusal:
        raise PermissionDenied(str(refusal)) from None
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("“%(title)s” is back in %(charter)s.")
            % {"title": clause.title, "charter": clause.charter.title},
        )
    return redirect(clause.get_absolute_url())
