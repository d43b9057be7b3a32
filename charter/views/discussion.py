"""The discussion under each clause or contest entry: threads, replies, quotes, edits, watching.

Each view comes in two parts: a URL view for clauses that loads the clause
and wraps it in a `ClauseSubject`, and the work itself, which takes any
`charter.subjects.DebateSubject` (contests.views calls it for entries).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import limits, permissions
from charter.forms import CommentEditForm, CommentForm
from charter.models import COMMENT_PATH_SEGMENT, FLAG_DETAILS_MAX, Clause, Comment
from charter.selectors import discussion as threads
from charter.services import discussion, notifications
from charter.subjects import ClauseSubject, DebateSubject
from charter.views.access import get_clause, get_player, int_param
from config import caching
from personas.models import Player

# Deeper replies stay at this indent, with an "in reply to" link: past four
# levels a phone-width column would be all margin.
MAX_INDENT = 4
QUOTE_MAX = 2_000
PARENT_ERRORS = {"parent", "parent_hidden"}


@dataclass
class ThreadItem:
    comment: Comment
    indent: int
    # Markup to emit before this comment to open or close nested lists.
    before: list[str] = field(default_factory=list)
    reply_to: Comment | None = None
    can_edit: bool = False
    can_flag: bool = False
    # The comment's rendered article, shared by every reader who sees it alike.
    html: str = ""

    @property
    def variant(self) -> str:
        return f"e{self.can_edit:d}f{self.can_flag:d}"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def comment_url(comment: Comment, subject: DebateSubject) -> str:
    """Where a comment is read: its page of the discussion, at its anchor."""
    page = threads.comment_page(comment)
    query = f"?page={page}" if page > 1 else ""
    return f"{subject.url}{query}#comment-{comment.pk}"


def _urls(subject: DebateSubject) -> dict:
    # Reversed once per page, not once per comment: a long thread has hundreds.
    return {
        "subject": subject,
        subject.field: subject.obj,
        "subject_url": subject.url,
        "comments_url": subject.comments_url,
        "comment_form_url": f"{subject.comments_url}form/",
    }


def _comment_form(subject: DebateSubject, *args, **kwargs) -> CommentForm:
    return CommentForm(*args, noun=subject.noun, **kwargs)


def _thread_items(
    comments: list[Comment], *, request: HttpRequest, player: Player | None
) -> tuple[list[ThreadItem], list[str]]:
    by_id = {c.pk: c for c in comments}
    items: list[ThreadItem] = []
    previous = -1
    for comment in comments:
        indent = min(comment.depth, MAX_INDENT, previous + 1)
        if previous < 0:
            before = []
        elif indent > previous:
            before = ["open"]
        else:
            before = ["end"] + ["close"] * (previous - indent)
        items.append(
            ThreadItem(
                comment=comment,
                indent=indent,
                before=before,
                reply_to=by_id.get(comment.parent_id) if comment.depth > MAX_INDENT else None,
                can_edit=permissions.can_edit_comment(request.user, player, comment),
                can_flag=permissions.can_flag(request.user, player, comment=comment),
            )
        )
        previous = indent
    after = ["end"] + ["close"] * previous if items else []
    return items, after


def _quote(comment: Comment) -> str:
    text = comment.body
    if len(text) > QUOTE_MAX:
        text = text[:QUOTE_MAX].rstrip() + " …"
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return f"> **{comment.persona.name}:**\n>\n{quoted}\n\n"


def _form_initial(subject: DebateSubject, query: dict) -> tuple[dict, Comment | None]:
    """Initial reply form values from ?reply=<id> or ?quote=<id>; junk ids are ignored."""
    quote_id = int_param(query.get("quote"))
    parent = threads.answerable_comment(
        subject, quote_id or int_param(query.get("reply") or query.get("parent"))
    )
    if parent is None:
        return {}, None
    initial = {"parent": parent.pk}
    if quote_id:
        initial["body"] = _quote(parent)
    return initial, parent


def _render_comments(items: list[ThreadItem], shared: dict, *, subject: DebateSubject) -> None:
    """Give each item its article, from the shared cache where another reader left it.

    A comment looks the same to every reader who may do the same things with
    it (edit it, flag it, answer it, see it hidden), so its markup is cached
    once per such variant. The key carries the stamps of everything the
    markup shows (the subject names them): the debate (any comment, edit or
    hiding), for a clause the charter (its revision, for "what changed
    since"), and the site (persona names). Whole comments are read only for
    the markup that is not cached.
    """
    if not items:
        return
    stamp = caching.stamps(*subject.stamps())
    viewer = f"c{shared['can_comment']:d}m{shared['is_moderator']:d}p{shared['page_number']}"
    keys = {
        f"comment-html:{item.comment.pk}:{viewer}{item.variant}@{stamp}": item for item in items
    }
    found = cache.get_many(list(keys))
    missing = {key: item for key, item in keys.items() if key not in found}
    for key, item in keys.items():
        item.html = found.get(key, "")
    if not missing:
        return
    wanted = {item.comment.pk for item in missing.values()}
    wanted |= {item.reply_to.pk for item in missing.values() if item.reply_to is not None}
    whole = threads.comments_to_show(list(wanted))
    rendered = {}
    for key, item in missing.items():
        item.comment = whole[item.comment.pk]
        if item.reply_to is not None:
            item.reply_to = whole[item.reply_to.pk]
        item.html = rendered[key] = render_to_string(
            "charter/_comment.html", {**shared, "comment": item.comment, "item": item}
        )
    cache.set_many(rendered, caching.FOREVER)


# The nesting around comments, as safe markup built by format_html (no mark_safe).
_MARKS = {
    "open": format_html('<ol class="{}">', "replies"),
    "end": format_html("</{}>", "li"),
    "close": format_html("</{}></{}>", "ol", "li"),
}


def _thread_html(items: list[ThreadItem], after: list[str]) -> str:
    """The nested lists of a page of threads, around each comment's cached article."""
    return format_html(
        "{}{}",
        format_html_join(
            "",
            '{}<li class="thread-item">{}<div class="reply-slot" id="reply-slot-{}"></div>',
            (
                (
                    format_html_join("", "{}", ((_MARKS[m],) for m in item.before)),
                    item.html,
                    item.comment.pk,
                )
                for item in items
            ),
        ),
        format_html_join("", "{}", ((_MARKS[m],) for m in after)),
    )


def discussion_context(request: HttpRequest, clause: Clause, *, reader: dict | None = None) -> dict:
    """Everything the clause page's discussion shows, in a fixed number of queries."""
    return debate_context(request, ClauseSubject(clause), reader=reader)


def debate_context(
    request: HttpRequest, subject: DebateSubject, *, reader: dict | None = None
) -> dict:
    """Everything a discussion shows (for `_discussion.html`), in a fixed number of queries.

    The page of threads is built only if a template shows it: a page served
    from its frame (config.frames) has it already. `reader`: whether the
    reader watches and has spoken, if the caller has read it already.
    """
    player = get_player(request)
    if reader is None:
        reader = threads.reader_of_debate(subject, request.user)
    # The same for every reader: read only if the page is not served from its frame.
    counts = SimpleLazyObject(lambda: threads.discussion_counts(subject))
    number = int_param(request.GET.get("page")) or 1
    initial, replying_to = _form_initial(subject, request.GET)
    why_not_comment = subject.why_cannot_comment(request.user, player)
    shared = {
        **_urls(subject),
        "can_comment": not why_not_comment,
        "is_moderator": permissions.is_moderator(request.user),
        "page_number": SimpleLazyObject(
            lambda: threads.page_of_threads(number, roots=counts["roots"]).number
        ),
    }

    def build() -> tuple:
        page, comments = threads.thread_page(subject, number, roots=counts["roots"])
        items, after = _thread_items(comments, request=request, player=player)
        _render_comments(items, shared, subject=subject)
        return page, items, _thread_html(items, after)

    built = SimpleLazyObject(build)
    return {
        **shared,
        "thread_page": SimpleLazyObject(lambda: built[0]),
        "thread": SimpleLazyObject(lambda: built[1]),
        "thread_html": SimpleLazyObject(lambda: built[2]),
        "sides": counts,
        # Only a page rendered whole shows it: a frame holds it already.
        "comment_form": SimpleLazyObject(lambda: _comment_form(subject, initial=initial)),
        "replying_to": replying_to,
        "why_not_comment": why_not_comment,
        "is_watching": reader["watching"],
        "authored": reader["authored"],
        "flag_details_max": FLAG_DETAILS_MAX,
    }


def _login_redirect(request: HttpRequest, subject: DebateSubject) -> HttpResponse:
    messages.info(request, _("Log in and pick a persona to join the debate."))
    target = f"{reverse('login')}?{urlencode({'next': subject.url})}"
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _form_again(
    request: HttpRequest,
    subject: DebateSubject,
    form: CommentForm,
    *,
    status: int,
    notice: str = "",
) -> HttpResponse:
    """Show the form again with its errors and the text as typed."""
    context = {
        **_urls(subject),
        "comment_form": form,
        "replying_to": threads.answerable_comment(subject, int_param(form.data.get("parent"))),
        "notice": notice,
        "can_comment": True,
    }
    if _is_htmx(request):
        # htmx swaps only successful responses; the errors must still show.
        context["inline"] = True
        return render(request, "charter/_comment_form.html", context)
    return render(request, "charter/comment_post.html", context, status=status)


@require_POST
def comment_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return post_comment(request, ClauseSubject(get_clause(request, slug, pk)))


def post_comment(request: HttpRequest, subject: DebateSubject) -> HttpResponse:
    """POST a comment or a reply on the subject's discussion."""
    if not request.user.is_authenticated:
        return _login_redirect(request, subject)
    form = _comment_form(subject, request.POST, auto_id=_auto_id(request.POST.get("parent")))
    if not form.is_valid():
        if "parent" in form.errors:
            _forget_parent(form)
        return _form_again(request, subject, form, status=400)
    refusal = limits.refusal(request, "comment")
    if refusal:
        form.add_error(None, refusal)
        return limits.too_many(_form_again(request, subject, form, status=429), request)
    try:
        result = discussion.comment_post(
            subject=subject,
            user=request.user,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data.get("parent"),
            side=form.cleaned_data["side"],
        )
    except PermissionDenied as refusal:
        return _form_again(
            request, subject, form, status=403, notice=permissions.refusal_in(refusal)
        )
    except ValidationError as error:
        if error.code in PARENT_ERRORS:
            _forget_parent(form)
            error = ValidationError(
                # Translators: %(refusal)s is a sentence saying why the reply cannot be posted.
                _(
                    "%(refusal)s Your text is kept below: post it as a new thread, or reply to "
                    "another comment."
                )
                % {"refusal": error.message}
            )
        form.add_error(_field_of(error), error)
        return _form_again(request, subject, form, status=400)
    comment = result.comment
    if _is_htmx(request):
        return _posted_partial(request, subject, comment, created=result.created)
    if result.created:
        messages.success(request, _("Your comment is posted."))
    else:
        messages.info(request, _("You had just posted this same comment; it is shown here once."))
    return redirect(comment_url(comment, subject))


def _field_of(error: ValidationError) -> str:
    """The form field a service's refusal is about."""
    return "side" if error.code == "side" else "body"


def _forget_parent(form: CommentForm) -> None:
    # A bad parent would fail again on every resubmit: offer a new thread instead.
    form.data = form.data.copy()
    form.data["parent"] = ""


def _auto_id(parent: str | None) -> str:
    # Inline reply forms sit beside the main form: their ids must differ.
    parent_id = int_param(parent)
    return f"id_reply{parent_id}_%s" if parent_id else "id_%s"


def _placed_after(comment: Comment) -> int | None:
    """The comment whose thread item a new reply follows once the page is reloaded.

    None when the reply is the first under its parent and opens a nested list of
    its own. Otherwise older replies (and their subtrees) come first: the reply
    follows the item of the earlier reply at its own level, or, in the flat list
    past MAX_INDENT, the last comment of the thread so far.
    """
    before = threads.comment_before(comment)
    if before is None:
        return None
    indent = min(comment.depth, MAX_INDENT)
    if min(before.depth, MAX_INDENT) < indent:
        return None
    if indent == MAX_INDENT:
        return before.pk
    # Paths are zero-padded ids: the segment at this depth names that ancestor.
    start = indent * COMMENT_PATH_SEGMENT
    return int(before.path[start : start + COMMENT_PATH_SEGMENT - 1])


def _posted_partial(
    request: HttpRequest, subject: DebateSubject, comment: Comment, *, created: bool
) -> HttpResponse:
    comment = threads.posted_comment(comment.pk)
    subject.attach(comment)
    player = get_player(request)
    item = ThreadItem(
        comment=comment,
        indent=min(comment.depth, MAX_INDENT),
        reply_to=comment.parent if comment.depth > MAX_INDENT else None,
        can_edit=permissions.can_edit_comment(request.user, player, comment),
        can_flag=permissions.can_flag(request.user, player, comment=comment),
    )
    context = {
        **_urls(subject),
        "item": item,
        "flat": comment.depth > MAX_INDENT,
        "created": created,
        "can_comment": True,
        "is_moderator": permissions.is_moderator(request.user),
        "page_number": threads.comment_page(comment),
        # discussion.js moves the reply there; without it, it stays under its parent.
        "after": _placed_after(comment) if created and comment.parent_id else None,
    }
    response = render(request, "charter/_comment_posted.html", context)
    if created and comment.parent_id is not None:
        # Replace the whole slot (form included) with a fresh empty slot and the
        # reply, so opening another reply form later never wipes this one out.
        response["HX-Retarget"] = f"#reply-slot-{comment.parent_id}"
        response["HX-Reswap"] = "outerHTML"
    return response


@require_GET
def comment_form(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return reply_form(request, ClauseSubject(get_clause(request, slug, pk)))


def reply_form(request: HttpRequest, subject: DebateSubject) -> HttpResponse:
    """The reply form for one comment, for htmx to open inline; a link without JS."""
    if not _is_htmx(request):
        query = {k: request.GET[k] for k in ("reply", "quote", "parent") if k in request.GET}
        return redirect(f"{subject.url}?{urlencode(query)}#reply-form")
    why_not = subject.why_cannot_comment(request.user, get_player(request))
    initial, parent = _form_initial(subject, request.GET)
    context = {
        **_urls(subject),
        "replying_to": parent,
        "inline": True,
        "can_comment": not why_not,
        "notice": why_not,
    }
    if parent is None:
        context["notice"] = _("That comment cannot be answered: it is gone or hidden.")
        context["can_comment"] = False
    context["comment_form"] = _comment_form(
        subject, initial=initial, auto_id=_auto_id(str(parent.pk) if parent else None)
    )
    return render(request, "charter/_comment_form.html", context)


@require_GET
def comment_goto(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    return goto_comment(request, ClauseSubject(get_clause(request, slug, pk)), comment_id)


def goto_comment(request: HttpRequest, subject: DebateSubject, comment_id: int) -> HttpResponse:
    """A stable link to one comment: redirects to its page and anchor."""
    comment = get_object_or_404(subject.comments(), pk=comment_id)
    return redirect(comment_url(comment, subject))


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, slug: str, pk: int, comment_id: int) -> HttpResponse:
    return edit_comment(request, ClauseSubject(get_clause(request, slug, pk)), comment_id)


def edit_comment(request: HttpRequest, subject: DebateSubject, comment_id: int) -> HttpResponse:
    """The author edits their comment (GET the form, POST the new text)."""
    comment = get_object_or_404(
        subject.comments().select_related("persona__tendency", "author"), pk=comment_id
    )
    why_not = permissions.why_cannot_edit_comment(request.user, get_player(request), comment)
    if why_not:
        raise PermissionDenied(why_not)
    form = CommentEditForm(
        request.POST if request.method == "POST" else None,
        initial={"body": comment.body, "side": comment.side},
        noun=subject.noun,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                discussion.comment_edit(
                    comment_id=comment.pk,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    side=form.cleaned_data["side"],
                )
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
                status = 403
            except ValidationError as error:
                form.add_error(_field_of(error), error)
            else:
                messages.success(request, _("Your comment is updated; the earlier text is kept."))
                return redirect(comment_url(comment, subject))
    context = {**_urls(subject), "comment": comment, "form": form}
    return render(request, "charter/comment_edit.html", context, status=status)


@require_POST
def watch_toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    if not request.user.is_authenticated:
        return _login_redirect(request, ClauseSubject(clause))
    try:
        watching = notifications.watch_toggle(clause=clause, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        if watching:
            messages.success(
                request, _("You are watching this clause: new edits and comments will notify you.")
            )
        else:
            messages.info(request, _("You no longer watch this clause."))
    return redirect(f"{clause.get_absolute_url()}#discussion")
