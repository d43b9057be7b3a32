"""Signing the text a congress adopted."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from charter import permissions
from charter.views.access import safe_next
from congress.models import Congress
from congress.services import signing


@require_POST
def congress_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    congress = get_object_or_404(
        Congress.objects.select_related("charter"), pk=pk, charter__slug=slug
    )
    # The congress page by default; the edition page sends its own address.
    back = safe_next(request, f"{congress.get_absolute_url()}#signatures")
    if not request.user.is_authenticated:
        messages.info(request, _("Log in and pick a persona to sign the charter."))
        return redirect_to_login(back)
    try:
        signature = signing.congress_sign(congress_id=congress.pk, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(back)
    except PermissionDenied as error:
        messages.error(request, permissions.refusal_in(error))
        return redirect(back)
    # Worded for a first signature and a repeated one alike: the second is the first.
    messages.success(
        request,
        _("You have signed the charter adopted by “%(title)s” as %(persona)s (%(circle)s).")
        % {
            "title": congress.title,
            "persona": signature.persona.name,
            "circle": signature.tendency.label,
        },
    )
    return redirect(back)
