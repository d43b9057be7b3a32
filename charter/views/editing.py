"""Adding, editing, previewing, moving and removing clauses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from charter import permissions
from charter.diffing import word_diff
from charter.forms.clauses import ClauseEditForm, ClauseForm, ConfirmForm, MoveForm, PreviewForm
from charter.models import Clause
from charter.rendering import render_markdown
from charter.services import revisions
from charter.views.access import get_charter, get_clause, get_player
from personas.services import player_play


def _needs_persona(request: HttpRequest) -> bool:
    player = get_player(request)
    return player is None or player.persona_id is None


def _refusal(request: HttpRequest, clause: Clause) -> str:
    """Why this user may not edit, ignoring a missing persona (the form asks for one)."""
    return permissions.why_cannot_edit(
        request.user, get_player(request), clause, require_persona=False
    )


def _play_chosen_persona(request: HttpRequest, form: ClauseForm) -> None:
    persona = form.cleaned_data.get("persona")
    if persona is not None:
        player_play(user=request.user, persona=persona)
        # The header must show the persona just chosen, not the cached "none".
        request.__dict__.pop("_current_player", None)


def _announce(request: HttpRequest, result: revisions.SaveResult) -> None:
    if result.outcome == "unchanged":
        messages.info(request, "Nothing changed, so no new revision was saved.")
    elif result.outcome == "merged":
        others = ", ".join(
            f"{m.persona.name if m.persona else 'the seed'} ({m.revision.user or 'seed'})"
            for m in result.merged_with
        )
        messages.success(
            request,
            f"Someone saved while you were editing. Your changes were merged with the edit by "
            f"{others} and saved as revision {result.meta.number}. Check the result below.",
        )
    else:
        messages.success(request, f"Saved as revision {result.meta.number}.")


@login_required
@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    why_not = _refusal(request, clause)
    needs_persona = _needs_persona(request)
    context = {"charter": clause.charter, "clause": clause, "why_not": why_not}
    if request.method == "GET":
        if why_not:
            return render(request, "charter/clause_refused.html", context, status=403)
        latest = revisions.latest_version(clause)
        form = ClauseEditForm(
            initial={"title": clause.title, "body": clause.body, "base_version": latest.pk},
            needs_persona=needs_persona,
        )
        return render(request, "charter/clause_edit.html", {**context, "form": form})

    form = ClauseEditForm(request.POST, needs_persona=needs_persona)
    status = 200
    if form.is_valid() and "preview" not in request.POST:
        try:
            _play_chosen_persona(request, form)
            result = revisions.clause_revise(
                clause_id=clause.pk,
                user=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                summary=form.cleaned_data["summary"],
                base_version_id=form.cleaned_data["base_version"],
            )
        except revisions.EditConflict as conflict:
            return _conflict(request, clause, form, conflict)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages[0] if hasattr(error, "messages") else str(error))
            status = 403 if isinstance(error, PermissionDenied) else 400
        else:
            _announce(request, result)
            return redirect(result.clause.get_absolute_url())
    elif form.errors:
        status = 400
    preview = render_markdown(form.data.get("body", "")) if "preview" in request.POST else ""
    return render(
        request,
        "charter/clause_edit.html",
        {**context, "form": form, "preview": preview},
        status=status,
    )


def _conflict(
    request: HttpRequest, clause: Clause, form: ClauseEditForm, conflict: revisions.EditConflict
) -> HttpResponse:
    """Keep the player's text in a form rebased on the latest revision; show the other edit."""
    data = form.data.copy()
    data["base_version"] = str(conflict.latest_version.pk)
    rebased = ClauseEditForm(data, needs_persona=False)
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
    player = get_player(request)
    needs_persona = _needs_persona(request)
    if not charter.is_editable:
        return render(
            request,
            "charter/clause_refused.html",
            {"charter": charter, "why_not": "This is a reference charter; it cannot be changed."},
            status=403,
        )
    if player is not None and player.is_suspended:
        why = permissions.why_cannot_edit(request.user, player, Clause(charter=charter))
        return render(
            request, "charter/clause_refused.html", {"charter": charter, "why_not": why}, status=403
        )
    form = ClauseForm(request.POST or None, needs_persona=needs_persona)
    status = 200
    if request.method == "POST" and "preview" not in request.POST:
        if form.is_valid():
            try:
                _play_chosen_persona(request, form)
                result = revisions.clause_create(
                    charter=charter,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    summary=form.cleaned_data["summary"],
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            else:
                messages.success(request, "Clause added at the end of the charter.")
                return redirect(result.clause.get_absolute_url())
        else:
            status = 400
    preview = render_markdown(form.data.get("body", "")) if "preview" in request.POST else ""
    return render(
        request,
        "charter/clause_new.html",
        {"charter": charter, "form": form, "preview": preview},
        status=status,
    )


@require_POST
def clause_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The server's rendering of a draft, for the live preview. Writes nothing."""
    if not request.user.is_authenticated:
        return HttpResponse("Log in to preview.", status=403, content_type="text/plain")
    get_charter(slug)
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            form.errors["body"][0], status=400, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(render_markdown(form.cleaned_data["body"]))


@login_required
@require_POST
def clause_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Move a clause up or down.")
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
    why_not = permissions.why_cannot_edit(request.user, get_player(request), clause)
    context = {"charter": clause.charter, "clause": clause, "why_not": why_not}
    if why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revisions.clause_remove(
                clause_id=clause.pk, user=request.user, summary=form.cleaned_data["summary"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(clause.get_absolute_url())
        messages.success(
            request,
            f"“{clause.title}” was removed. Its history is kept; moderators can recover it.",
        )
        return redirect(clause.charter.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "charter/clause_remove.html", {**context, "form": form}, status=status)
