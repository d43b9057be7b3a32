"""Amendments: propose, read (diff, stances, thread), revise, rebase, withdraw, take a stance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import limits
from charter import permissions as charter_permissions
from charter.consensus import MIN_TENDENCIES
from charter.diffing import word_diff
from charter.forms import StanceForm
from charter.views.access import get_charter, get_clause, get_player
from config import caching
from congress import permissions
from congress.forms import AmendmentEditForm, AmendmentForm
from congress.models import STATE_LABELS, Amendment
from congress.selectors import amendments as reads
from congress.services import amendments as service

STANCE_AUTO_ID = "id_stance_%s"


def _error_text(error: ValidationError | PermissionDenied) -> str:
    return error.messages[0] if isinstance(error, ValidationError) else str(error)


def _get_amendment(request: HttpRequest, slug: str, pk: int) -> Amendment:
    amendment = reads.amendment_for_page(get_charter(slug), pk)
    if amendment is None:
        raise Http404("No such amendment.")
    return amendment


@login_required
@require_http_methods(["GET", "POST"])
def amendment_new(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Propose a rival text for clause `pk`, or a new clause when there is none."""
    clause = get_clause(request, slug, pk) if pk is not None else None
    charter = clause.charter if clause else get_charter(slug)
    why_not = permissions.why_cannot_amend(request.user, get_player(request), charter, clause)
    context = {"charter": charter, "clause": clause, "why_not": why_not}
    if why_not:
        return render(request, "congress/amendment_new.html", context, status=403)
    if request.method == "GET":
        initial = {"title": clause.title, "body": clause.body} if clause else {}
        context["form"] = AmendmentForm(initial=initial)
        return render(request, "congress/amendment_new.html", context)
    form = context["form"] = AmendmentForm(request.POST)
    if not form.is_valid():
        return render(request, "congress/amendment_new.html", context, status=400)
    if refusal := limits.refusal(request, "revision"):
        form.add_error(None, refusal)
        return limits.too_many(render(request, "congress/amendment_new.html", context), request)
    try:
        amendment = service.amendment_propose(
            charter=charter,
            clause_id=clause.pk if clause else None,
            user=request.user,
            **form.cleaned_data,
        )
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        status = 403 if isinstance(error, PermissionDenied) else 400
        return render(request, "congress/amendment_new.html", context, status=status)
    messages.success(
        request,
        _(
            "Amendment %(number)s is proposed. Players of every circle can now take a stance "
            "on it; the next congress decides."
        )
        % {"number": amendment.pk},
    )
    return redirect(amendment.get_absolute_url())


@require_GET
def amendment_list(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    amendments = list(reads.amendments_of(charter))
    groups = {state: [] for state in ("open", "outdated", "adopted", "rejected", "withdrawn")}
    for amendment in amendments:
        groups[amendment.state].append(amendment)
    context = {
        "charter": charter,
        "groups": [(state, STATE_LABELS[state], items) for state, items in groups.items() if items],
        "can_propose": permissions.can_amend(request.user, get_player(request), charter),
    }
    return render(request, "congress/amendment_list.html", context)


def _diff(amendment: Amendment) -> list:
    """Word diff from the clause's current text to the amendment: fixed per pair of revisions."""
    if amendment.clause is None:
        return word_diff("", amendment.body)
    clause = amendment.clause
    key = f"amendment-diff:{amendment.pk}.{amendment.revision_number}:{clause.revision_number}"
    runs = cache.get(key)
    if runs is None:
        runs = word_diff(clause.body, amendment.body)
        cache.set(key, runs, caching.FOREVER)
    return runs


def amendment_page(
    request: HttpRequest,
    amendment: Amendment,
    *,
    stance_form: StanceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The amendment page; with a bound stance form when a stance was refused."""
    player = get_player(request)
    panel = reads.amendment_stances(amendment, request.user)
    if stance_form is None:
        initial = {"revision_number": amendment.revision_number}
        if panel.mine is not None:
            initial.update(position=panel.mine.position, reason=panel.mine.reason)
        stance_form = StanceForm(initial=initial, auto_id=STANCE_AUTO_ID)
    why_no_stance = permissions.why_cannot_take_amendment_stance(request.user, player, amendment)
    why_no_change = permissions.why_cannot_change_amendment(request.user, player, amendment)
    context = {
        "charter": amendment.charter,
        "clause": amendment.clause,
        "amendment": amendment,
        "diff": _diff(amendment),
        "stances": panel,
        "mine": panel.mine,
        "stance_form": stance_form,
        "can_take_stance": not why_no_stance,
        "why_no_stance": why_no_stance,
        "can_change": not why_no_change,
        "is_author": request.user.is_authenticated and amendment.author_id == request.user.pk,
        "thread": SimpleLazyObject(lambda: reads.thread_of(amendment)),
        "can_comment": amendment.clause is not None
        and charter_permissions.can_comment(request.user, player, amendment.clause),
        "decisions": amendment.decisions.select_related("congress").order_by("congress__closed_at"),
        "min_tendencies": MIN_TENDENCIES,
    }
    return render(request, "congress/amendment_detail.html", context, status=status)


@require_GET
def amendment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return amendment_page(request, _get_amendment(request, slug, pk))


@login_required
@require_http_methods(["GET", "POST"])
def amendment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    amendment = _get_amendment(request, slug, pk)
    why_not = permissions.why_cannot_change_amendment(request.user, get_player(request), amendment)
    if why_not:
        raise PermissionDenied(why_not)
    context = {"charter": amendment.charter, "clause": amendment.clause, "amendment": amendment}
    if request.method == "GET":
        context["form"] = AmendmentEditForm(
            initial={
                "title": amendment.title,
                "body": amendment.body,
                "rationale": amendment.rationale,
                "revision_number": amendment.revision_number,
            }
        )
        return render(request, "congress/amendment_edit.html", context)
    form = context["form"] = AmendmentEditForm(request.POST)
    onto = request.POST.get("onto_clause_revision")
    context["resolving"] = bool(onto)
    if not form.is_valid():
        return render(request, "congress/amendment_edit.html", context, status=400)
    if refusal := limits.refusal(request, "revision"):
        form.add_error(None, refusal)
        return limits.too_many(render(request, "congress/amendment_edit.html", context), request)
    try:
        service.amendment_revise(
            amendment_id=amendment.pk,
            user=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            rationale=form.cleaned_data["rationale"],
            seen_revision_number=form.cleaned_data["revision_number"],
            onto_clause_revision=form.cleaned_data.get("onto_clause_revision"),
        )
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        status = 403 if isinstance(error, PermissionDenied) else 409
        return render(request, "congress/amendment_edit.html", context, status=status)
    messages.success(
        request, _("Your amendment is revised; stances on the earlier text wait to be reaffirmed.")
    )
    return redirect(amendment.get_absolute_url())


@login_required
@require_POST
def amendment_rebase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    amendment = _get_amendment(request, slug, pk)
    try:
        rebased = service.amendment_rebase(amendment_id=amendment.pk, user=request.user)
    except service.RebaseConflict as conflict:
        clause = conflict.clause
        form = AmendmentEditForm(
            initial={
                "title": amendment.title,
                "body": amendment.body,
                "rationale": amendment.rationale,
                "revision_number": amendment.revision_number,
                "onto_clause_revision": clause.revision_number,
            }
        )
        context = {
            "charter": amendment.charter,
            "clause": clause,
            "amendment": amendment,
            "form": form,
            "resolving": True,
            "theirs": word_diff(amendment.base_body, clause.body),
            "mine": word_diff(amendment.base_body, amendment.body),
        }
        return render(request, "congress/amendment_edit.html", context, status=409)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return redirect(amendment.get_absolute_url())
    messages.success(
        request,
        _(
            "Rebased onto revision %(number)s of the clause: your change and the clause’s new "
            "text are merged. Check the result below."
        )
        % {"number": rebased.base_revision_number},
    )
    return redirect(amendment.get_absolute_url())


@login_required
@require_POST
def amendment_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    amendment = _get_amendment(request, slug, pk)
    try:
        service.amendment_withdraw(amendment_id=amendment.pk, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.info(
            request, _("Your amendment is withdrawn. It stays readable, marked withdrawn.")
        )
    return redirect(amendment.get_absolute_url())


@require_POST
def amendment_stance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    amendment = _get_amendment(request, slug, pk)
    anchor = f"{amendment.get_absolute_url()}#stances"
    if not request.user.is_authenticated:
        messages.info(request, _("Log in and pick a persona to take a stance."))
        return redirect_to_login(anchor)
    form = StanceForm(request.POST, auto_id=STANCE_AUTO_ID)
    status = 400
    if form.is_valid():
        if refusal := limits.refusal(request, "stance"):
            form.add_error(None, refusal)
            return limits.too_many(
                amendment_page(request, amendment, stance_form=form, status=429), request
            )
        try:
            stance = service.amendment_stance_take(
                amendment_id=amendment.pk,
                user=request.user,
                position=form.cleaned_data["position"],
                reason=form.cleaned_data["reason"],
                seen_revision_number=form.cleaned_data["revision_number"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            status = 409 if error.code == "stale" else 400
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        else:
            recorded = {
                "support": _("Stance recorded as %(persona)s: you support amendment %(number)s."),
                "oppose": _("Stance recorded as %(persona)s: you oppose amendment %(number)s."),
                "abstain": _(
                    "Stance recorded as %(persona)s: you abstain on amendment %(number)s."
                ),
            }
            messages.success(
                request,
                recorded[stance.position]
                % {"persona": stance.persona.name, "number": amendment.pk},
            )
            return redirect(anchor)
    messages.error(request, _("Your stance was not recorded; see the stance form below."))
    return amendment_page(request, amendment, stance_form=form, status=status)
