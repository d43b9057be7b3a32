"""Entries: write and submit one, read one with its debate, look back at earlier drafts.

The debate under a submitted entry is the clauses' discussion component
itself: these URL views load the entry and hand an `EntrySubject` to the
views in charter.views.discussion and charter.views.flags.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from reversion.models import Version

from charter import limits
from charter import permissions as charter_permissions
from charter.views import discussion, flags
from charter.views.access import get_player
from contests import permissions, selectors, services
from contests.forms import EntryForm, SubmitForm
from contests.models import Contest, Entry
from contests.subjects import EntrySubject
from contests.views.access import get_contest, get_entry
from contests.views.contests import voting_context


def entry_page(
    request: HttpRequest, entry: Entry, *, notice: str = "", status: int = 200
) -> HttpResponse:
    """The reading view: the story, the author's draft tools, the vote, the debate."""
    contest = entry.contest
    player = get_player(request)
    own_entry = entry if entry.author_id == request.user.pk else None
    if own_entry is None:
        own_entry = selectors.own_entry(contest, request.user)
    voting = voting_context(request, contest, player, own_entry)
    my_vote = voting["my_votes"].get(entry.pk)
    why_not_vote = ""
    if voting["may_vote"] and my_vote is None:
        why_not_vote = permissions.why_cannot_vote(request.user, player, entry, own_entry=own_entry)
    why_not_change = permissions.why_cannot_change_entry(request.user, player, entry)
    context = {
        "contest": contest,
        "entry": entry,
        "phase": contest.phase(),
        "is_author": request.user.is_authenticated and entry.author_id == request.user.pk,
        "can_change": not why_not_change,
        "why_not_change": why_not_change,
        "submit_form": SubmitForm(initial={"revision_number": entry.revision_number}),
        "my_vote": my_vote,
        "entry_why_not_vote": why_not_vote,
        "notice": notice,
        **voting,
    }
    if contest.results_are_public and entry.is_submitted:
        context["entry_votes"] = list(
            entry.votes.select_related("persona__tendency", "voter").order_by(
                "persona__tendency__position", "persona__name", "pk"
            )
        )
    if entry.is_submitted:
        context.update(discussion.debate_context(request, EntrySubject(entry)))
    return render(request, "contests/entry_detail.html", context, status=status)


@require_GET
def entry_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return entry_page(request, get_entry(request, slug, pk))


def _form_page(
    request: HttpRequest,
    form: EntryForm,
    *,
    contest: Contest,
    entry: Entry | None,
    status: int = 200,
    why_not: str = "",
) -> HttpResponse:
    """The entry form, with the text as typed and why it was refused (with its way out)."""
    context = {"contest": contest, "entry": entry, "form": form, "why_not": why_not}
    response = render(request, "contests/entry_form.html", context, status=status)
    return limits.too_many(response, request) if status == 429 else response


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Begin one's entry: a private draft in one's current persona."""
    contest = get_contest(slug)
    mine = selectors.own_entry(contest, request.user)
    if mine is not None:
        messages.info(request, _("You already have an entry in this contest; here it is."))
        return redirect(mine.get_absolute_url())
    why_not = permissions.why_cannot_enter(request.user, get_player(request), contest)
    if request.method == "GET":
        status = 403 if why_not else 200
        return _form_page(
            request, EntryForm(), contest=contest, entry=None, status=status, why_not=why_not
        )
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, contest=contest, entry=None, status=400)
    refusal = limits.refusal(request, "entry")
    if refusal:
        form.add_error(None, refusal)
        return _form_page(request, form, contest=contest, entry=None, status=429)
    try:
        entry = services.entry_create(
            contest_id=contest.pk,
            user=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
    except PermissionDenied as error:
        why_not = charter_permissions.refusal_in(error)
        return _form_page(request, form, contest=contest, entry=None, status=403, why_not=why_not)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form, contest=contest, entry=None, status=400)
    messages.success(request, _("Your draft is saved. Only you can read it until you submit it."))
    return redirect(entry.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Save a new draft of one's entry; a form read before another save is refused, text kept."""
    entry = get_entry(request, slug, pk)
    if entry.author_id != request.user.pk:
        raise PermissionDenied(_("Only its author can change an entry."))
    contest = entry.contest
    if request.method == "GET":
        form = EntryForm(
            initial={
                "title": entry.title,
                "body": entry.body,
                "revision_number": entry.revision_number,
            }
        )
        why_not = permissions.why_cannot_change_entry(request.user, get_player(request), entry)
        status = 403 if why_not else 200
        return _form_page(
            request, form, contest=contest, entry=entry, status=status, why_not=why_not
        )
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, contest=contest, entry=entry, status=400)
    refusal = limits.refusal(request, "entry")
    if refusal:
        form.add_error(None, refusal)
        return _form_page(request, form, contest=contest, entry=entry, status=429)
    try:
        saved = services.entry_save_draft(
            entry_id=entry.pk,
            user=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            revision_number=form.cleaned_data["revision_number"],
        )
    except PermissionDenied as error:
        why_not = charter_permissions.refusal_in(error)
        return _form_page(request, form, contest=contest, entry=entry, status=403, why_not=why_not)
    except ValidationError as error:
        form.add_error(None, error)
        status = 409 if error.code == "stale" else 400
        return _form_page(request, form, contest=contest, entry=entry, status=status)
    if saved.revision_number == entry.revision_number:
        messages.info(request, _("Nothing changed, so no new draft was saved."))
    else:
        messages.success(
            request,
            _("Draft %(number)s saved; the earlier ones are kept.")
            % {"number": saved.revision_number},
        )
    return redirect(saved.get_absolute_url())


@login_required
@require_POST
def entry_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = get_entry(request, slug, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return entry_page(request, entry, notice=form.errors["revision_number"][0], status=400)
    refusal = limits.refusal(request, "entry")
    if refusal:
        response = entry_page(request, entry, notice=refusal, status=429)
        return limits.too_many(response, request)
    try:
        entry = services.entry_submit(
            entry_id=entry.pk,
            user=request.user,
            revision_number=form.cleaned_data["revision_number"],
        )
    except PermissionDenied as error:
        return entry_page(request, entry, notice=charter_permissions.refusal_in(error), status=403)
    except ValidationError as error:
        entry.refresh_from_db()
        status = 409 if error.code == "stale" else 400
        return entry_page(request, entry, notice=error.messages[0], status=status)
    messages.success(
        request,
        _(
            "Your entry is submitted: everyone can read and discuss it now, and it can be voted "
            "for once entries close."
        ),
    )
    return redirect(entry.get_absolute_url())


def _author_entry(request: HttpRequest, slug: str, pk: int) -> Entry:
    entry = get_entry(request, slug, pk)
    if entry.author_id != request.user.pk:
        # Earlier drafts are the author's working papers, even after submission.
        raise Http404("No such drafts.")
    return entry


@login_required
@require_GET
def entry_drafts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The author's earlier drafts, newest first."""
    entry = _author_entry(request, slug, pk)
    drafts = selectors.entry_drafts(entry)
    numbered = [(len(drafts) - index, version) for index, version in enumerate(drafts)]
    context = {"contest": entry.contest, "entry": entry, "drafts": numbered}
    return render(request, "contests/entry_drafts.html", context)


@login_required
@require_GET
def entry_draft(request: HttpRequest, slug: str, pk: int, version_id: int) -> HttpResponse:
    """One earlier draft, as it was saved."""
    entry = _author_entry(request, slug, pk)
    versions = list(Version.objects.get_for_object(entry).select_related("revision").order_by("pk"))
    number = next((n for n, v in enumerate(versions, start=1) if v.pk == version_id), None)
    if number is None:
        raise Http404("No such draft of this entry.")
    version = versions[number - 1]
    context = {
        "contest": entry.contest,
        "entry": entry,
        "version": version,
        "number": number,
        "fields": version.field_dict,
    }
    return render(request, "contests/entry_draft.html", context)


# The entry's debate: charter's discussion views, given the entry as their subject.


def _subject(request: HttpRequest, slug: str, pk: int) -> EntrySubject:
    entry = get_entry(request, slug, pk)
    if not entry.is_submitted:
        raise Http404("A draft has no debate yet.")
    return EntrySubject(entry)


@require_POST
def comment_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return discussion.post_comment(request, _subject(request, slug, pk))


@require_GET
def comment_form(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return discussion.reply_form(request, _subject(request, slug, pk))


@require_GET
def comment_goto(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    return discussion.goto_comment(request, _subject(request, slug, pk), comment_id)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    return discussion.edit_comment(request, _subject(request, slug, pk), comment_id)


@require_http_methods(["GET", "POST"])
def comment_flag(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    return flags.flag_in(request, _subject(request, slug, pk), comment_id)
