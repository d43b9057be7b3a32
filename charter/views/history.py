"""History, word diffs, restores, the charter as it stood, and recent changes."""

from datetime import UTC, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET, require_http_methods
from reversion.models import Version

from charter import permissions, selectors
from charter.diffing import count_words, word_diff
from charter.models import RevisionMeta
from charter.services import revisions
from charter.views.access import get_charter, get_clause, get_player

HISTORY_PAGE_SIZE = 50


@require_GET
def clause_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    metas = selectors.revision_metas().filter(clause=clause).order_by("-number")
    page = Paginator(metas, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    numbers = [m.number for m in rows]
    # Each row links to the diff with its predecessor, which may sit on the next page.
    ids = selectors.version_ids_by_number(clause, numbers + [min(numbers, default=1) - 1])
    for meta in rows:
        meta.version_id = ids.get(meta.number)
        meta.previous_version_id = ids.get(meta.number - 1)
    context = {
        "charter": clause.charter,
        "clause": clause,
        "page": page,
        "rows": rows,
        "current_number": clause.revision_number,
        "can_edit": permissions.can_edit_clause(request.user, get_player(request), clause),
    }
    return render(request, "charter/clause_history.html", context)


def _version_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise ValidationError(f"“{raw[:40]}” is not a revision id.")
    return int(raw)


def _meta_for(version: Version) -> RevisionMeta:
    return RevisionMeta.objects.select_related("revision__user", "persona__tendency").get(
        revision_id=version.revision_id
    )


@require_GET
def clause_diff(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Word diff between two revisions.

    `from` alone compares with the current text, `to` alone with the revision
    just before it, neither shows the latest change.
    """
    clause = get_clause(request, slug, pk)
    context = {"charter": clause.charter, "clause": clause}
    try:
        from_id, to_id = _version_param(request, "from"), _version_param(request, "to")
        to_version = (
            revisions.clause_version(clause, to_id) if to_id else revisions.latest_version(clause)
        )
        if from_id is not None:
            from_version = revisions.clause_version(clause, from_id)
        else:
            from_version = (
                Version.objects.get_for_object(clause).filter(pk__lt=to_version.pk).first()
            )
    except ValidationError as error:
        if "does not belong" in error.messages[0]:
            raise Http404(error.messages[0]) from None
        context["error"] = error.messages[0]
        return render(request, "charter/clause_diff.html", context, status=400)

    old = from_version.field_dict if from_version else {"title": "", "body": ""}
    new = to_version.field_dict
    runs = word_diff(old["body"], new["body"])
    context.update(
        {
            "from_version": from_version,
            "to_version": to_version,
            "from_meta": _meta_for(from_version) if from_version else None,
            "to_meta": _meta_for(to_version),
            "title_runs": word_diff(old["title"], new["title"]),
            "runs": runs,
            "identical": old["body"] == new["body"] and old["title"] == new["title"],
            "added": sum(count_words(text) for op, text in runs if op == "insert"),
            "removed": sum(count_words(text) for op, text in runs if op == "delete"),
        }
    )
    return render(request, "charter/clause_diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def clause_revert(request: HttpRequest, slug: str, pk: int, version_id: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    try:
        version = revisions.clause_version(clause, version_id)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None
    why_not = permissions.why_cannot_edit(request.user, get_player(request), clause)
    context = {"charter": clause.charter, "clause": clause, "version": version, "why_not": why_not}
    if why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    if request.method == "POST":
        try:
            result = revisions.clause_restore(
                clause_id=clause.pk, user=request.user, version_id=version.pk
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(clause.get_absolute_url())
        if result.outcome == "unchanged":
            messages.info(request, "That revision is already the current text; nothing changed.")
        else:
            messages.success(request, f"Restored as revision {result.meta.number}.")
        return redirect(clause.get_absolute_url())
    meta = _meta_for(version)
    old = version.field_dict
    context.update(
        {"meta": meta, "runs": word_diff(clause.body, old["body"]), "old_title": old["title"]}
    )
    return render(request, "charter/clause_revert.html", context)


def _parse_moment(raw: str) -> datetime | None:
    raw = raw.strip()
    if not raw or len(raw) > 40:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is None:
                return None
            # A bare date means the end of that day.
            moment = datetime.combine(day, time.max)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


@require_GET
def charter_as_of(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    raw = request.GET.get("at", "")
    moment = _parse_moment(raw) if raw else timezone.now()
    context = {"charter": charter, "raw": raw}
    if moment is None:
        context["error"] = (
            f"“{raw[:40]}” is not a date and time. Use the picker, or a form like 2026-11-22T14:30."
        )
        return render(request, "charter/charter_as_of.html", context, status=400)
    context.update(
        {
            "moment": moment,
            "moment_local": moment.strftime("%Y-%m-%dT%H:%M"),
            "clauses": selectors.charter_as_of(charter, moment),
        }
    )
    return render(request, "charter/charter_as_of.html", context)


@require_GET
def recent_changes(request: HttpRequest) -> HttpResponse:
    metas = selectors.revision_metas().order_by("-revision__date_created", "-pk")
    page = Paginator(metas, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.attach_version_ids(list(page.object_list))
    return render(request, "charter/recent.html", {"page": page, "rows": rows})
