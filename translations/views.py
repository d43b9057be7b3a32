"""Translating a clause, its translation's history and diffs, and the way to what changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charter import limits
from charter.diffing import count_words, word_diff
from charter.models import Clause
from charter.views.access import get_clause, get_player
from translations import languages, selectors, services
from translations.forms import DiffForm, TranslationForm
from translations.models import ClauseTranslation
from translations.permissions import why_cannot_translate


def _language(code: str) -> str:
    if not languages.is_language(code):
        raise Http404(_("The site has no such language."))
    return code


def _source_changes(clause: Clause, translation: ClauseTranslation | None) -> list | None:
    """The word diff of the source since the revision the translation follows; None if none."""
    if translation is None or translation.source_revision_number >= clause.revision_number:
        return None
    old = selectors.source_text_at(clause, translation.source_revision_number)
    return word_diff(old["body"], clause.body)


def _context(clause: Clause, language: str, translation: ClauseTranslation | None) -> dict:
    return {
        "charter": clause.charter,
        "clause": clause,
        "language": language,
        "language_name": languages.name(language),
        "source_language_name": languages.name(clause.charter.source_language),
        "translation": translation,
    }


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, slug: str, pk: int, language: str) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    language = _language(language)
    why_not = why_cannot_translate(request.user, get_player(request), clause, language)
    translation = selectors.translation_of(clause, language)
    context = {**_context(clause, language, translation), "why_not": why_not}
    if why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    if request.method == "GET":
        # Each from one row read: the translation's text with its revision
        # number, the source's text with its own.
        initial = {"base_revision": 0, "source_revision": clause.revision_number}
        if translation is not None:
            initial.update(
                title=translation.title,
                body=translation.body,
                base_revision=translation.revision_number,
            )
        form = TranslationForm(initial=initial)
        context.update(form=form, source_changes=_source_changes(clause, translation))
        return render(request, "translations/translation_edit.html", context)

    form = TranslationForm(request.POST)
    status = 400
    if form.is_valid():
        if refusal := limits.refusal(request, "revision"):
            form.add_error(None, refusal)
            status = 429
        else:
            try:
                result = services.translation_save(
                    clause_id=clause.pk,
                    language=language,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    summary=form.cleaned_data["summary"],
                    base_revision_number=form.cleaned_data["base_revision"],
                    source_revision_number=form.cleaned_data["source_revision"],
                )
            except services.TranslationConflict as conflict:
                return _conflict(request, clause, language, form, conflict)
            except (ValidationError, PermissionDenied) as error:
                text = error.messages[0] if isinstance(error, ValidationError) else str(error)
                form.add_error(None, text)
                status = 403 if isinstance(error, PermissionDenied) else 400
            else:
                _announce(request, result)
                return redirect(translate_url(clause.get_absolute_url(), language))
    context.update(form=form, source_changes=_source_changes(clause, translation))
    return render(request, "translations/translation_edit.html", context, status=status)


def _announce(request: HttpRequest, result: services.TranslationResult) -> None:
    if result.outcome == "unchanged":
        messages.info(request, _("Nothing changed, so no new revision was saved."))
    elif result.outcome == "merged":
        messages.success(
            request,
            _(
                "Someone saved this translation while you were editing it. Your changes "
                "were merged with theirs and saved as revision %(number)s. Check the result."
            )
            % {"number": result.meta.revision_number},
        )
    else:
        messages.success(
            request,
            _("Translation saved as revision %(number)s.")
            % {"number": result.meta.revision_number},
        )


def _conflict(
    request: HttpRequest,
    clause: Clause,
    language: str,
    form: TranslationForm,
    conflict: services.TranslationConflict,
) -> HttpResponse:
    """Their text beside the editor's own, which is kept; sending again saves it over theirs."""
    translation = conflict.translation
    data = form.data.copy()
    # The next send starts from their revision: it replaces their text knowingly.
    data["base_revision"] = str(translation.revision_number)
    form = TranslationForm(data)
    form.is_valid()
    context = {
        **_context(clause, language, translation),
        "form": form,
        "conflict": True,
        "theirs_runs": word_diff(conflict.base_body, translation.body),
        "source_changes": _source_changes(clause, translation),
    }
    return render(request, "translations/translation_edit.html", context, status=409)


@require_GET
def translation_history(request: HttpRequest, slug: str, pk: int, language: str) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    language = _language(language)
    translation = selectors.translation_of(clause, language)
    if translation is None:
        raise Http404(_("This clause has no translation into that language yet."))
    context = {
        **_context(clause, language, translation),
        "rows": list(selectors.revision_rows(translation)),
        "can_translate": not why_cannot_translate(
            request.user, get_player(request), clause, language
        ),
    }
    return render(request, "translations/translation_history.html", context)


@require_GET
def translation_diff(request: HttpRequest, slug: str, pk: int, language: str) -> HttpResponse:
    """Word diff between two revisions of a translation (`?from=` and `?to=` revision numbers)."""
    clause = get_clause(request, slug, pk)
    language = _language(language)
    translation = selectors.translation_of(clause, language)
    if translation is None:
        raise Http404(_("This clause has no translation into that language yet."))
    form = DiffForm(
        {"from_revision": request.GET.get("from"), "to_revision": request.GET.get("to")}
    )
    context = _context(clause, language, translation)
    if not form.is_valid():
        context["error"] = _("Revisions are given by their numbers, such as ?from=1&to=2.")
        return render(request, "translations/translation_diff.html", context, status=400)
    to_number = form.cleaned_data["to_revision"] or translation.revision_number
    from_number = form.cleaned_data["from_revision"]
    if from_number is None:
        from_number = to_number - 1
    if to_number > translation.revision_number or from_number > translation.revision_number:
        raise Http404(_("That revision does not belong to this translation."))
    old = selectors.translation_text_at(translation, from_number)
    new = selectors.translation_text_at(translation, to_number)
    runs = word_diff(old["body"], new["body"])
    context.update(
        {
            "from_number": from_number,
            "to_number": to_number,
            "title_runs": word_diff(old["title"], new["title"]),
            "runs": runs,
            "added": sum(count_words(text) for op, text in runs if op == "insert"),
            "removed": sum(count_words(text) for op, text in runs if op == "delete"),
        }
    )
    return render(request, "translations/translation_diff.html", context)


@require_GET
def source_changes(request: HttpRequest, slug: str, pk: int, language: str) -> HttpResponse:
    """What changed in the source since the translation's revision: the clause's own diff."""
    clause = get_clause(request, slug, pk)
    language = _language(language)
    translation = selectors.translation_of(clause, language)
    if translation is None:
        raise Http404(_("This clause has no translation into that language yet."))
    from_id = selectors.source_version_id(clause, translation.source_revision_number)
    url = reverse("charter:diff", args=[clause.charter.slug, clause.pk])
    return redirect(f"{url}?from={from_id}" if from_id else url)
