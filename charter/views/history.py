"""History, word diffs, restores, the charter as it stood, and recent changes."""

from datetime import UTC, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charter import permissions
from charter.diffing import count_words, word_diff
from charter.selectors import revisions as history
from charter.services import revisions
from charter.views.access import get_charter, get_clause, get_player, int_param
from config import frames
from config.caching import charter_stamp, visitor_cache
from translations import languages
from translations.selectors import translate_as_of

HISTORY_PAGE_SIZE = 50


def _history_stamps(slug: str, pk: int) -> list[str]:
    return ["site", charter_stamp(slug)]


@require_GET
@visitor_cache(_history_stamps, query=["page"])
def clause_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    metas = (
        history.revision_metas(include_removed=True)
        .filter(clause=clause)
        .order_by("-revision_number")
    )
    number = int_param(request.GET.get("page"))
    # Read only if the page is not served from its frame.
    page = SimpleLazyObject(lambda: Paginator(metas, HISTORY_PAGE_SIZE).get_page(number))
    can_edit = permissions.can_edit_clause(request.user, get_player(request), clause)
    context = {
        "charter": clause.charter,
        "clause": clause,
        "page": page,
        "rows": SimpleLazyObject(lambda: history.attach_version_ids(list(page.object_list))),
        "current_number": clause.revision_number,
        "can_edit": can_edit,
    }
    return frames.render_page(
        request,
        "charter/clause_history.html",
        context,
        stamps=_history_stamps(slug, pk),
        answers=[can_edit],
    )


def _version_id(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    version_id = int_param(raw)
    if version_id is None:
        raise ValidationError(_("“%(value)s” is not a revision id.") % {"value": raw[:40]})
    return version_id


def _version(clause, version_id: int, *, with_data: bool = True):
    version = history.clause_version(clause, version_id, with_data=with_data)
    if version is None:
        raise Http404("That revision does not belong to this clause.")
    return version


def _diff(from_version, to_version) -> dict:
    """The word diff between two versions: computed once, then cached for good.

    Two fixed versions never change, so neither does their diff.
    """
    key = f"diff:{from_version.pk if from_version else 0}:{to_version.pk}"
    found = cache.get(key)
    if found is not None:
        return found
    old = history.version_text(from_version) if from_version else {"title": "", "body": ""}
    new = history.version_text(to_version)
    runs = word_diff(old["body"], new["body"])
    found = {
        "title_runs": word_diff(old["title"], new["title"]),
        "runs": runs,
        "identical": old == new,
        "added": sum(count_words(text) for op, text in runs if op == "insert"),
        "removed": sum(count_words(text) for op, text in runs if op == "delete"),
    }
    cache.set(key, found, None)
    return found


@require_GET
@visitor_cache(lambda slug, pk: ["site", charter_stamp(slug)], query=["from", "to"])
def clause_diff(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Word diff between two revisions.

    `from` alone compares with the current text, `to` alone with the revision
    just before it, neither shows the latest change.
    """
    clause = get_clause(request, slug, pk)
    context = {"charter": clause.charter, "clause": clause}
    try:
        from_id, to_id = _version_id(request, "from"), _version_id(request, "to")
    except ValidationError as error:
        context["error"] = error.messages[0]
        return render(request, "charter/clause_diff.html", context, status=400)
    # Version rows are read without their data: a cached diff needs none.
    to_version = (
        _version(clause, to_id, with_data=False) if to_id else history.latest_version(clause)
    )
    if from_id is not None:
        from_version = _version(clause, from_id, with_data=False)
    else:
        from_version = history.previous_version(clause, to_version)
    context.update(
        {
            "from_version": from_version,
            "to_version": to_version,
            "from_meta": history.meta_for_version(from_version) if from_version else None,
            "to_meta": history.meta_for_version(to_version),
            **_diff(from_version, to_version),
        }
    )
    return render(request, "charter/clause_diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def clause_revert(request: HttpRequest, slug: str, pk: int, version_id: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    version = _version(clause, version_id)
    why_not = permissions.why_cannot_edit_clause(request.user, get_player(request), clause)
    context = {"charter": clause.charter, "clause": clause, "version": version, "why_not": why_not}
    if why_not:
        return render(request, "charter/clause_refused.html", context, status=403)
    if request.method == "POST":
        try:
            result = revisions.clause_restore(
                clause_id=clause.pk, user=request.user, version_id=version.pk
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, getattr(error, "message", None) or str(error))
            return redirect(clause.get_absolute_url())
        if result.outcome == "unchanged":
            messages.info(request, _("That revision is already the current text; nothing changed."))
        else:
            messages.success(
                request,
                _("Restored as revision %(number)s.") % {"number": result.meta.revision_number},
            )
        return redirect(clause.get_absolute_url())
    old = version.field_dict
    context.update(
        {
            "meta": history.meta_for_version(version),
            "runs": word_diff(clause.body, old["body"]),
            "old_title": old["title"],
        }
    )
    return render(request, "charter/clause_revert.html", context)


def parse_moment(raw: str) -> datetime | None:
    """A moment from a date or date-time string, in UTC; None if it is not one.

    A bare date means the end of that day; a time without a zone is UTC.
    Moments whose UTC equivalent falls outside Python's calendar (year 1
    with a positive offset, say) are not moments.
    """
    raw = raw.strip()
    if not raw or len(raw) > 40:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is None:
                return None
            moment = datetime.combine(day, time.max)
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


@require_GET
def charter_as_of(request: HttpRequest, slug: str) -> HttpResponse:
    charter = get_charter(slug)
    raw = request.GET.get("at", "")
    moment = parse_moment(raw) if raw else timezone.now()
    context = {"charter": charter, "raw": raw}
    if moment is None:
        context["error"] = _(
            "“%(value)s” is not a date and time. Use the picker, or a form like 2026-11-22T14:30."
        ) % {"value": raw[:40]}
        return render(request, "charter/charter_as_of.html", context, status=400)
    include_removed = permissions.is_moderator(request.user)
    clauses = history.charter_as_of(charter, moment, include_removed=include_removed)
    translate_as_of(charter, clauses, languages.current(), moment)
    context.update(
        {
            "moment": moment,
            "moment_local": moment.strftime("%Y-%m-%dT%H:%M"),
            "clauses": clauses,
        }
    )
    return render(request, "charter/charter_as_of.html", context)


def _recent_stamps() -> list[str]:
    # "recent" is replaced with every clause revision, whatever the charter.
    return ["site", "recent"]


@require_GET
@visitor_cache(_recent_stamps, query=["page"])
def recent_changes(request: HttpRequest) -> HttpResponse:
    include_removed = permissions.is_moderator(request.user)
    metas = history.revision_metas(include_removed=include_removed).order_by(
        "-revision__date_created", "-pk"
    )
    number = int_param(request.GET.get("page"))
    # Read only if the page is not served from its frame.
    page = SimpleLazyObject(lambda: Paginator(metas, HISTORY_PAGE_SIZE).get_page(number))
    context = {
        "page": page,
        "rows": SimpleLazyObject(lambda: history.attach_version_ids(list(page.object_list))),
    }
    return frames.render_page(
        request,
        "charter/recent.html",
        context,
        stamps=_recent_stamps(),
        answers=[include_removed],
    )
