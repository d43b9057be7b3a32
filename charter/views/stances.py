"""Taking stances on clauses, and the minimum program with its Markdown minutes."""

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from charter import permissions, selectors_stances
from charter.consensus import MIN_TENDENCIES
from charter.forms.stances import StanceForm
from charter.models import Clause, Stance
from charter.services import stances
from charter.views.access import get_charter, get_clause
from personas.models import Player

# Distinct from the discussion form's ids on the same page.
AUTO_ID = "id_stance_%s"

# The clause page re-renders with the bound form through this request attribute.
_BOUND_FORM = "_stance_form"


def stance_context(request: HttpRequest, clause: Clause, player: Player | None) -> dict:
    """What templates/charter/_stances.html needs, for clause_detail's context."""
    picture = selectors_stances.clause_stances(clause, request.user)
    form = getattr(request, _BOUND_FORM, None)
    if form is None:
        initial = {"revision": clause.revision_number}
        if picture.mine is not None:
            initial.update(position=picture.mine.position, reason=picture.mine.reason)
        form = StanceForm(initial=initial, auto_id=AUTO_ID)
    return {
        "stances": picture,
        "stance_form": form,
        "can_take_stance": permissions.can_take_stance(request.user, player, clause),
        "why_no_stance": permissions.why_cannot_take_stance(request.user, player, clause),
        "min_tendencies": MIN_TENDENCIES,
    }


def _clause_page(
    request: HttpRequest, slug: str, pk: int, form: StanceForm, status: int
) -> HttpResponse:
    """The clause page again, with the player's form, errors and typed reason."""
    # Imported here because the clause view imports stance_context from this module.
    from charter.views.clauses import clause_detail

    # The form sits far down the page; say at the top that something needs attention.
    messages.error(request, "Your stance was not recorded; see the stance form below.")
    setattr(request, _BOUND_FORM, form)
    response = clause_detail(request, slug, pk)
    response.status_code = status
    return response


def _announce(request: HttpRequest, stance: Stance, *, reaffirm: bool) -> None:
    verb = {"support": "support", "oppose": "oppose", "abstain": "abstain on"}[stance.position]
    if reaffirm:
        text = f"Reaffirmed for the current text (revision {stance.version_number}): you {verb} it."
    else:
        text = (
            f"Stance recorded as {stance.persona.name}: you {verb} “{stance.clause.title}” "
            f"(revision {stance.version_number})."
        )
    messages.success(request, text)


@require_POST
def stance_take(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    anchor = f"{clause.get_absolute_url()}#stances"
    if not request.user.is_authenticated:
        messages.info(request, "Log in and pick a persona to take a stance.")
        return redirect_to_login(anchor)
    form = StanceForm(request.POST, auto_id=AUTO_ID)
    if not form.is_valid():
        return _clause_page(request, slug, pk, form, 400)
    try:
        stance = stances.stance_take(
            clause_id=clause.pk,
            user=request.user,
            position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
            seen_revision=form.cleaned_data["revision"],
        )
    except stances.StanceOnOldText as error:
        # The page shows the new text now, so the resubmitted form is on it.
        data = form.data.copy()
        data["revision"] = str(error.current_revision)
        form = StanceForm(data, auto_id=AUTO_ID)
        form.is_valid()
        form.add_error(None, error.messages[0])
        return _clause_page(request, slug, pk, form, 409)
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        return _clause_page(request, slug, pk, form, 400)
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return _clause_page(request, slug, pk, form, 403)
    _announce(request, stance, reaffirm=bool(request.POST.get("reaffirm")))
    return redirect(anchor)


def _markdown(request: HttpRequest, data: selectors_stances.MinimumProgram) -> HttpResponse:
    context = {
        "data": data,
        "charter": data.charter,
        "now": timezone.now(),
        "min_tendencies": MIN_TENDENCIES,
    }
    text = render_to_string("charter/minimum_program.md", context, request)
    # Template tags leave runs of blank lines; Markdown needs only one.
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    filename = f"{data.charter.slug}-minimum-program.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def minimum_program(request: HttpRequest, slug: str) -> HttpResponse:
    data = selectors_stances.minimum_program(get_charter(slug))
    if request.GET.get("format") == "md":
        return _markdown(request, data)
    context = {"charter": data.charter, "data": data, "min_tendencies": MIN_TENDENCIES}
    return render(request, "charter/minimum_program.html", context)


@require_GET
def minimum_program_md(request: HttpRequest, slug: str) -> HttpResponse:
    return _markdown(request, selectors_stances.minimum_program(get_charter(slug)))
