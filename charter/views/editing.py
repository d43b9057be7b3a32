"""Adding, editing, previewing, moving and removing clauses."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from charter import limits, permissions
from charter.diffing import word_diff
from charter.forms import ClauseEditForm, ClauseForm, MoveForm, PreviewForm, RemoveForm
from charter.models import Clause
from charter.rendering import render_markdown
from charter.selectors.revisions import latest_version
from charter.services import revisions
from charter.views.access import get_charter, get_clause, get_player
from personas.context_processors import remember_player
from personas.models import Persona
from personas.selectors import player_of


def _needs_persona(request: HttpRequest) -> bool:
    player = get_player(request)
    return player is None or player.persona_id is None


def _error_text(error: ValidationError | PermissionDenied) -> str:
    return error.messages[0] if isinstance(error, ValidationError) else str(error)


def _announce(request: HttpRequest, result: revisions.SaveResult) -> None:
    if result.outcome == "unchanged":
        messages.info(request, _("Nothing changed, so no new revision was saved."))
    elif result.outcome == "merged":
        others = ", ".join(
            # Translators: an editor in a list: "Bakunin (alice)"; the seed text has no editor.
            _("%(persona)s (%(username)s)")
            % {
                "persona": m.persona.name if m.persona else _("the seed"),
                "username": m.revision.user or pgettext("no player", "seed"),
            }
            for m in result.merged_with
        )
        messages.success(
            request,
            # Translators: %(editors)s lists who else saved: "Bakunin (alice), Marx (bob)".
            _(
                "Someone saved while you were editing. Your changes were merged with the edit "
                "by %(editors)s and saved as revision %(number)s. Check the result below."
            )
            % {"editors": others, "number": result.meta.revision_number},
        )
    else:
        messages.success(
            request, _("Saved as revision %(number)s.") % {"number": result.meta.revision_number}
        )


def _after_save(request: HttpRequest, chose_persona: bool) -> None:
    if chose_persona:
        # The header must show the persona just chosen, not the one read earlier.
        remember_player(request, player_of(request.user))


def _preview(request: HttpRequest, form: ClauseForm) -> tuple[str, int]:
    """The rendered draft for the no-JavaScript Preview button, and the page's status."""
    if not form.is_valid():
        return "", 400
    refusal = limits.refusal(request, "preview")
    if refusal:
        form.add_error(None, refusal)
        return "", 429
    return render_markdown(form.cleaned_data["body"]), 200


def _submit(
    request: HttpRequest,
    form: ClauseForm,
    save: Callable[[Persona | None], revisions.SaveResult],
) -> tuple[revisions.SaveResult | None, str, int]:
    """Preview, or validate, rate-limit and save a clause form: (result, preview, status).

    `save` gets the persona a player without one picked on the form. An
    edit conflict is left to the caller, which shows it on its own page.
    """
    if "preview" in request.POST:
        preview, status = _preview(request, form)
        return None, preview, status
    if not form.is_valid():
        return None, "", 400
    if refusal := limits.refusal(request, "revision"):
        form.add_error(None, refusal)
        return None, "", 429
    chosen = form.cleaned_data.get("persona")
    try:
        result = save(chosen)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        return None, "", 403 if isinstance(error, PermissionDenied) else 400
    _after_save(request, chosen is not None)
    return result, "", 302


@login_required
@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    # A missing persona is not a refusal: the form asks for one.
    why_not = permissions.why_cannot_edit_clause(
        request.user, get_player(request), clause, require_persona=False
    )
    needs_persona = _needs_persona(request)
    context = {"charter": clause.charter, "clause": clause, "why_not": why_not}
    if request.method == "GET" and why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    if request.method == "GET":
        # Text, title and base revision from one read, the version's own fields:
        # reading the clause row and its latest version separately lets a save
        # fall between the two, and the merge would then lose words.
        latest = latest_version(clause, with_data=True)
        fields = latest.field_dict
        form = ClauseEditForm(
            initial={"title": fields["title"], "body": fields["body"], "base_version": latest.pk},
            needs_persona=needs_persona,
        )
        return render(request, "charter/clause_edit.html", {**context, "form": form})

    form = ClauseEditForm(request.POST, needs_persona=needs_persona)

    def save(chosen: Persona | None) -> revisions.SaveResult:
        return revisions.clause_revise(
            clause_id=clause.pk,
            user=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            summary=form.cleaned_data["summary"],
            base_version_id=form.cleaned_data["base_version"],
            play_persona=chosen,
            player=get_player(request),
        )

    try:
        result, preview, status = _submit(request, form, save)
    except revisions.EditConflict as conflict:
        return _conflict(request, clause, form, conflict, needs_persona=needs_persona)
    if result is not None:
        _announce(request, result)
        return redirect(result.clause.get_absolute_url())
    response = render(
        request,
        "charter/clause_edit.html",
        {**context, "form": form, "preview": preview},
        status=status,
    )
    return limits.too_many(response, request) if status == 429 else response


def _conflict(
    request: HttpRequest,
    clause: Clause,
    form: ClauseEditForm,
    conflict: revisions.EditConflict,
    *,
    needs_persona: bool,
) -> HttpResponse:
    """Keep the player's text in a form rebased on the latest revision; show the other edit."""
    data = form.data.copy()
    data["base_version"] = str(conflict.latest_version.pk)
    rebased = ClauseEditForm(data, needs_persona=needs_persona)
    rebased.is_valid()
    context = {
        "charter": clause.charter,
        "clause": clause,
        "form": rebased,
        "conflict": conflict,
        "their_changes": word_diff(conflict.base_body, conflict.theirs_body),
        "yours_vs_theirs": word_diff(conflict.theirs_body, form.cleaned_data["body"]),
    }
    return render(request, "charter/clause_conflict.html", context, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def clause_new(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    why_not = permissions.why_cannot_add_clause(
        request.user, get_player(request), charter, require_persona=False
    )
    if why_not:
        context = {"charter": charter, "why_not": why_not}
        return render(request, "charter/clause_refused.html", context, status=403)
    form = ClauseForm(request.POST or None, needs_persona=_needs_persona(request))

    def save(chosen: Persona | None) -> revisions.SaveResult:
        return revisions.clause_create(
            charter=charter,
            user=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            summary=form.cleaned_data["summary"],
            play_persona=chosen,
        )

    preview, status = "", 200
    if request.method == "POST":
        result, preview, status = _submit(request, form, save)
        if result is not None:
            messages.success(request, _("Clause added at the end of the charter."))
            return redirect(result.clause.get_absolute_url())
    response = render(
        request,
        "charter/clause_new.html",
        {"charter": charter, "form": form, "preview": preview},
        status=status,
    )
    return limits.too_many(response, request) if status == 429 else response


@require_POST
def clause_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The server's rendering of a draft, for the live preview. Writes nothing."""
    if not request.user.is_authenticated:
        return HttpResponse(
            _("Log in to preview."), status=403, content_type="text/plain; charset=utf-8"
        )
    get_charter(slug)
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            form.errors["body"][0], status=400, content_type="text/plain; charset=utf-8"
        )
    refusal = limits.refusal(request, "preview")
    if refusal:
        response = HttpResponse(refusal, content_type="text/plain; charset=utf-8")
        return limits.too_many(response, request)
    return HttpResponse(render_markdown(form.cleaned_data["body"]))


@login_required
@require_POST
def clause_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move a clause up or down."))
    else:
        try:
            revisions.clause_move(
                clause_id=clause.pk, user=request.user, direction=form.cleaned_data["direction"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
    return redirect(f"{clause.charter.get_absolute_url()}#clause-{clause.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def clause_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    why_not = permissions.why_cannot_edit_clause(request.user, get_player(request), clause)
    context = {"charter": clause.charter, "clause": clause, "why_not": why_not}
    if why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revisions.clause_remove(
                clause_id=clause.pk, user=request.user, reason=form.cleaned_data["summary"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("“%(title)s” was removed. Its history is kept; moderators can recover it.")
                % {"title": clause.title},
            )
            return redirect(clause.charter.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "charter/clause_remove.html", {**context, "form": form}, status=status)
