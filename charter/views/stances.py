"""Taking stances on clauses, and the minimum program with its Markdown minutes."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from charter import limits, minutes, permissions
from charter.consensus import MIN_TENDENCIES
from charter.forms import StanceForm
from charter.models import Clause, Stance
from charter.selectors import stances as stance_reads
from charter.services import stances
from charter.views.access import get_charter, get_clause
from charter.views.clauses import STANCE_AUTO_ID, clause_page
from config import frames
from config.caching import charter_stamp, visitor_cache
from translations import languages
from translations.selectors import attach_readings


def _refused(request: HttpRequest, clause: Clause, form: StanceForm, status: int) -> HttpResponse:
    """The clause page again, with the player's form, errors and typed reason."""
    # The form sits far down the page; say at the top that something needs attention.
    messages.error(request, _("Your stance was not recorded; see the stance form below."))
    response = clause_page(request, clause, stance_form=form, status=status)
    return limits.too_many(response, request) if status == 429 else response


# What the player hears once a stance is taken, one whole sentence per case.
GROUP_RECORDED = {
    "support": gettext_lazy(
        "Stance recorded for %(group)s, as %(persona)s: the group supports “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
    "oppose": gettext_lazy(
        "Stance recorded for %(group)s, as %(persona)s: the group opposes “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
    "abstain": gettext_lazy(
        "Stance recorded for %(group)s, as %(persona)s: the group abstains on “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
}
GROUP_REAFFIRMED = {
    "support": gettext_lazy(
        "Reaffirmed for %(group)s, as %(persona)s: the group supports “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
    "oppose": gettext_lazy(
        "Reaffirmed for %(group)s, as %(persona)s: the group opposes “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
    "abstain": gettext_lazy(
        "Reaffirmed for %(group)s, as %(persona)s: the group abstains on “%(clause)s” "
        "(revision %(number)s). It replaces any earlier stance of the group on this clause."
    ),
}
RECORDED = {
    "support": gettext_lazy(
        "Stance recorded as %(persona)s: you support “%(clause)s” (revision %(number)s)."
    ),
    "oppose": gettext_lazy(
        "Stance recorded as %(persona)s: you oppose “%(clause)s” (revision %(number)s)."
    ),
    "abstain": gettext_lazy(
        "Stance recorded as %(persona)s: you abstain on “%(clause)s” (revision %(number)s)."
    ),
}
REAFFIRMED = {
    "support": gettext_lazy(
        "Reaffirmed for the current text (revision %(number)s): you support it."
    ),
    "oppose": gettext_lazy("Reaffirmed for the current text (revision %(number)s): you oppose it."),
    "abstain": gettext_lazy(
        "Reaffirmed for the current text (revision %(number)s): you abstain on it."
    ),
}


def _announce(request: HttpRequest, stance: Stance, *, reaffirm: bool) -> None:
    values = {
        "persona": stance.persona.name,
        "clause": stance.clause.title,
        "number": stance.clause_revision_number,
    }
    if stance.group is not None:
        sentences = GROUP_REAFFIRMED if reaffirm else GROUP_RECORDED
        values["group"] = stance.group.the_name
    else:
        sentences = REAFFIRMED if reaffirm else RECORDED
    messages.success(request, str(sentences[stance.position]) % values)


@require_POST
def stance_take(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    anchor = f"{clause.get_absolute_url()}#stances"
    if not request.user.is_authenticated:
        messages.info(request, _("Log in and pick a persona to take a stance."))
        return redirect_to_login(anchor)
    form = StanceForm(request.POST, auto_id=STANCE_AUTO_ID)
    if not form.is_valid():
        return _refused(request, clause, form, 400)
    refusal = limits.refusal(request, "stance")
    if refusal:
        form.add_error(None, refusal)
        return _refused(request, clause, form, 429)
    try:
        stance = stances.stance_take(
            clause_id=clause.pk,
            user=request.user,
            position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
            seen_revision_number=form.cleaned_data["revision_number"],
        )
    except stances.StanceOnOldText as error:
        # The page shows the new text now, so the resubmitted form is on it.
        data = form.data.copy()
        data["revision_number"] = str(error.current_revision_number)
        form = StanceForm(data, auto_id=STANCE_AUTO_ID)
        form.is_valid()
        form.add_error(None, error.messages[0])
        return _refused(request, clause, form, 409)
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        return _refused(request, clause, form, 400)
    except PermissionDenied as error:
        refusal = permissions.refusal_in(error)
        if not isinstance(refusal, permissions.Refusal):
            form.add_error(None, refusal)
        # A refusal with a way out (log in, pick a persona, the suspension) is the
        # page's own notice above the form, with its link: not repeated as an error.
        return _refused(request, clause, form, 403)
    _announce(request, stance, reaffirm=bool(request.POST.get("reaffirm")))
    return redirect(anchor)


def _in_reader_language(data: stance_reads.MinimumProgram) -> stance_reads.MinimumProgram:
    """The program's clauses each carry `reading`: their text in the reader's language."""
    program = data.program
    clauses = [v.clause for v in program.adopted + program.contested + program.pending]
    attach_readings(data.charter, clauses, languages.current())
    return data


def _markdown(data: stance_reads.MinimumProgram) -> HttpResponse:
    response = HttpResponse(
        minutes.minimum_program_markdown(data), content_type="text/markdown; charset=utf-8"
    )
    filename = f"{data.charter.slug}-minimum-program.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _program_stamps(slug: str) -> list[str]:
    return ["site", charter_stamp(slug)]


@require_GET
@visitor_cache(_program_stamps, query=["format"])
def minimum_program(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    if request.GET.get("format") == "md":
        return _markdown(_in_reader_language(stance_reads.minimum_program(charter)))
    context = {
        "charter": charter,
        # Read only if the page is not served from its frame.
        "data": SimpleLazyObject(
            lambda: _in_reader_language(stance_reads.minimum_program(charter))
        ),
        "min_tendencies": MIN_TENDENCIES,
    }
    return frames.render_page(
        request, "charter/minimum_program.html", context, stamps=_program_stamps(slug)
    )


@require_GET
@visitor_cache(_program_stamps)
def minimum_program_md(request: HttpRequest, slug: str) -> HttpResponse:
    return _markdown(_in_reader_language(stance_reads.minimum_program(get_charter(slug))))
