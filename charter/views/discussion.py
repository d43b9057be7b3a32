"""The discussion under each clause: threads, replies, quotes, edits and watching."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import permissions
from charter.forms.discussion import CommentEditForm, CommentForm
from charter.models import Clause, Comment, Flag, Watch
from charter.services import discussion
from charter.services.moderation import FLAG_DETAILS_MAX
from charter.views.access import get_clause, get_player

THREADS_PER_PAGE = 20
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


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page_number(raw: str | None) -> int:
    return max(1, _int_or_none(raw) or 1)


def _int_or_none(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def comment_page(comment: Comment) -> int:
    """The page of the discussion that shows this comment's thread."""
    root_path = comment.path[: discussion.PATH_SEGMENT]
    earlier = Comment.objects.filter(
        clause_id=comment.clause_id, parent__isnull=True, path__lt=root_path
    ).count()
    return earlier // THREADS_PER_PAGE + 1


def comment_url(comment: Comment, clause: Clause) -> str:
    """Where a comment is read: its page of the clause's discussion, at its anchor."""
    page = comment_page(comment)
    query = f"?page={page}" if page > 1 else ""
    return f"{clause.get_absolute_url()}{query}#comment-{comment.pk}"


def _urls(clause: Clause) -> dict[str, str]:
    # Reversed once per page, not once per comment: a long thread has hundreds.
    clause_url = clause.get_absolute_url()
    return {
        "clause_url": clause_url,
        "comments_url": f"{clause_url}comments/",
        "comment_form_url": f"{clause_url}comments/form/",
    }


def _thread_items(
    comments: list[Comment], *, request: HttpRequest, player
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
            )
        )
        previous = indent
    after = ["end"] + ["close"] * previous if items else []
    return items, after


def _thread_page(clause: Clause, number: int, *, roots: int) -> tuple[Page, list[Comment]]:
    """One page of root comments with their whole subtrees, in reading order (2 queries)."""
    # Counting the roots is already done (`roots`): paginate a range, not a query.
    page = Paginator(range(roots), THREADS_PER_PAGE).get_page(number)
    if not roots:
        return page, []
    start = (page.number - 1) * THREADS_PER_PAGE
    # One root past the page bounds its subtrees: paths sort subtrees together.
    bounds = list(
        clause.comments.filter(parent__isnull=True)
        .order_by("path")
        .values_list("path", flat=True)[start : start + THREADS_PER_PAGE + 1]
    )
    if not bounds:
        return page, []
    comments = clause.comments.filter(path__gte=bounds[0])
    if len(bounds) > THREADS_PER_PAGE:
        comments = comments.filter(path__lt=bounds[-1])
    comments = comments.select_related("persona__tendency", "author").order_by("path")
    return page, list(comments)


def _discussion_counts(clause: Clause, user: permissions.AnyUser) -> dict:
    """Comment, thread and side counts, and whether the reader watches: one query."""
    visible = Q(comments__status=Comment.Status.VISIBLE)
    counts = (
        Clause.objects.filter(pk=clause.pk)
        .annotate(
            watching=Exists(Watch.objects.filter(clause=OuterRef("pk"), user_id=user.pk))
            if user.is_authenticated
            else Value(False),
            total=Count("comments"),
            roots=Count("comments", filter=Q(comments__parent__isnull=True)),
            visible=Count("comments", filter=visible),
            sides_for=Count("comments", filter=visible & Q(comments__side=Comment.Side.FOR)),
            sides_against=Count(
                "comments", filter=visible & Q(comments__side=Comment.Side.AGAINST)
            ),
            sides_neutral=Count(
                "comments", filter=visible & Q(comments__side=Comment.Side.NEUTRAL)
            ),
        )
        .values(
            "watching",
            "total",
            "roots",
            "visible",
            "sides_for",
            "sides_against",
            "sides_neutral",
        )
        .get()
    )
    sided = counts["sides_for"] + counts["sides_against"] + counts["sides_neutral"]
    counts["sided"] = sided
    counts["unsided"] = counts["visible"] - sided
    # Widths of the lean bar, in a 100-unit SVG viewBox.
    width_for = round(100 * counts["sides_for"] / sided) if sided else 0
    width_against = round(100 * counts["sides_against"] / sided) if sided else 0
    counts["bar"] = {
        "for": width_for,
        "against_x": width_for,
        "against": width_against,
        "neutral_x": width_for + width_against,
        "neutral": 100 - width_for - width_against if sided else 0,
    }
    return counts


def _quote(comment: Comment) -> str:
    text = comment.body
    if len(text) > QUOTE_MAX:
        text = text[:QUOTE_MAX].rstrip() + " …"
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return f"> **{comment.persona.name}:**\n>\n{quoted}\n\n"


def _form_initial(clause: Clause, query: dict) -> tuple[dict, Comment | None]:
    """Initial reply form values from ?reply=<id> or ?quote=<id>; junk ids are ignored."""
    quote_id = _int_or_none(query.get("quote"))
    target_id = quote_id or _int_or_none(query.get("reply") or query.get("parent"))
    if target_id is None:
        return {}, None
    parent = (
        clause.comments.visible().select_related("persona__tendency").filter(pk=target_id).first()
    )
    if parent is None:
        return {}, None
    initial = {"parent": parent.pk}
    if quote_id:
        initial["body"] = _quote(parent)
    return initial, parent


def discussion_context(
    request: HttpRequest, clause: Clause, *, form: CommentForm | None = None
) -> dict:
    """Everything the clause page's discussion shows, in a fixed number of queries."""
    player = get_player(request)
    counts = _discussion_counts(clause, request.user)
    page, comments = _thread_page(
        clause, _page_number(request.GET.get("page")), roots=counts["roots"]
    )
    items, after = _thread_items(comments, request=request, player=player)
    replying_to = None
    if form is None:
        initial, replying_to = _form_initial(clause, request.GET)
        form = CommentForm(initial=initial)
    return {
        **_urls(clause),
        "thread": items,
        "thread_after": after,
        "thread_page": page,
        "sides": counts,
        "comment_form": form,
        "replying_to": replying_to,
        "can_comment": permissions.can_comment(request.user, player, clause),
        "why_not_comment": discussion.why_cannot_comment(request.user, player, clause),
        "is_watching": counts["watching"],
        "is_moderator": permissions.is_moderator(request.user),
        # A plain per-comment flag form: building a Django form for each of
        # hundreds of comments doubled the page's rendering time.
        "can_flag": permissions.can_write(request.user, player),
        "flag_reasons": Flag.Reason.choices,
        "flag_details_max": FLAG_DETAILS_MAX,
    }


def _login_redirect(request: HttpRequest, clause: Clause) -> HttpResponse:
    messages.info(request, "Log in and pick a persona to join the debate.")
    target = f"{reverse('login')}?{urlencode({'next': clause.get_absolute_url()})}"
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _form_again(
    request: HttpRequest, clause: Clause, form: CommentForm, *, status: int, notice: str = ""
) -> HttpResponse:
    """Show the form again with its errors and the text as typed."""
    parent_id = _int_or_none(form.data.get("parent"))
    parent = None
    if parent_id is not None:
        parent = (
            clause.comments.visible()
            .select_related("persona__tendency", "author")
            .filter(pk=parent_id)
            .first()
        )
    context = {
        **_urls(clause),
        "charter": clause.charter,
        "clause": clause,
        "comment_form": form,
        "replying_to": parent,
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
    clause = get_clause(request, slug, pk)
    if not request.user.is_authenticated:
        return _login_redirect(request, clause)
    form = CommentForm(request.POST, auto_id=_auto_id(request.POST.get("parent")))
    if not form.is_valid():
        if "parent" in form.errors:
            _forget_parent(form)
        return _form_again(request, clause, form, status=400)
    try:
        result = discussion.comment_post(
            clause_id=clause.pk,
            user=request.user,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data.get("parent"),
            side=form.cleaned_data["side"],
        )
    except PermissionDenied as refusal:
        return _form_again(request, clause, form, status=403, notice=str(refusal))
    except ValidationError as error:
        status = 429 if error.code == "flood" else 400
        if error.code in PARENT_ERRORS:
            _forget_parent(form)
            error = ValidationError(
                f"{error.message} Your text is kept below: post it as a new thread, "
                "or reply to another comment."
            )
        where = {"side": "side", "flood": None, None: None}.get(error.code, "body")
        form.add_error(where, error)
        return _form_again(request, clause, form, status=status)
    comment = result.comment
    if _is_htmx(request):
        return _posted_partial(request, clause, comment, created=result.created)
    if result.created:
        messages.success(request, "Your comment is posted.")
    else:
        messages.info(request, "You had just posted this same comment; it is shown here once.")
    return redirect(comment_url(comment, clause))


def _forget_parent(form: CommentForm) -> None:
    # A bad parent would fail again on every resubmit: offer a new thread instead.
    form.data = form.data.copy()
    form.data["parent"] = ""


def _auto_id(parent: str | None) -> str:
    # Inline reply forms sit beside the main form: their ids must differ.
    return f"id_reply{parent}_%s" if parent and parent.isdigit() else "id_%s"


def _posted_partial(
    request: HttpRequest, clause: Clause, comment: Comment, *, created: bool
) -> HttpResponse:
    comment = Comment.objects.select_related("persona__tendency", "author", "parent__persona").get(
        pk=comment.pk
    )
    comment.clause = clause
    item = ThreadItem(
        comment=comment,
        indent=min(comment.depth, MAX_INDENT),
        reply_to=comment.parent if comment.depth > MAX_INDENT else None,
        can_edit=permissions.can_edit_comment(request.user, get_player(request), comment),
    )
    context = {
        **_urls(clause),
        "clause": clause,
        "item": item,
        "flat": comment.depth > MAX_INDENT,
        "created": created,
        "can_comment": True,
        "is_moderator": permissions.is_moderator(request.user),
        "page_number": comment_page(comment),
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
    """The reply form for one comment, for htmx to open inline; a link without JS."""
    clause = get_clause(request, slug, pk)
    if not _is_htmx(request):
        query = {k: request.GET[k] for k in ("reply", "quote", "parent") if k in request.GET}
        return redirect(f"{clause.get_absolute_url()}?{urlencode(query)}#reply-form")
    player = get_player(request)
    initial, parent = _form_initial(clause, request.GET)
    context = {
        **_urls(clause),
        "clause": clause,
        "replying_to": parent,
        "inline": True,
        "can_comment": permissions.can_comment(request.user, player, clause),
        "notice": discussion.why_cannot_comment(request.user, player, clause),
    }
    if parent is None:
        context["notice"] = "That comment cannot be answered: it is gone or hidden."
        context["can_comment"] = False
    context["comment_form"] = CommentForm(
        initial=initial, auto_id=_auto_id(str(parent.pk) if parent else None)
    )
    return render(request, "charter/_comment_form.html", context)


@require_GET
def comment_goto(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """A stable link to one comment: redirects to its page and anchor."""
    clause = get_clause(request, slug, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, clause=clause)
    return redirect(comment_url(comment, clause))


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("persona__tendency", "author"), pk=comment_pk, clause=clause
    )
    player = get_player(request)
    if not permissions.can_edit_comment(request.user, player, comment):
        raise PermissionDenied(discussion.why_cannot_edit_comment(request.user, player, comment))
    form = CommentEditForm(
        request.POST if request.method == "POST" else None,
        initial={"body": comment.body, "side": comment.side},
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
                form.add_error("body" if error.code != "side" else "side", error)
            else:
                messages.success(request, "Your comment is updated; the earlier text is kept.")
                return redirect(comment_url(comment, clause))
    context = {"charter": clause.charter, "clause": clause, "comment": comment, "form": form}
    return render(request, "charter/comment_edit.html", context, status=status)


@require_POST
def watch_toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    clause = get_clause(request, slug, pk)
    if not request.user.is_authenticated:
        return _login_redirect(request, clause)
    try:
        watching = discussion.watch_toggle(clause=clause, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        if watching:
            messages.success(
                request, "You are watching this clause: new edits and comments will notify you."
            )
        else:
            messages.info(request, "You no longer watch this clause.")
    return redirect(f"{clause.get_absolute_url()}#discussion")
