"""Reads for a discussion (a clause's or an entry's): one page of threads and its counts."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from charter.models import COMMENT_PATH_SEGMENT, Comment
from charter.permissions import AnyUser
from charter.subjects import DebateSubject

THREADS_PER_PAGE = 20


def page_of_threads(number: int, *, roots: int) -> Page:
    """Page `number` (or the nearest that exists) of a debate with `roots` threads; no query."""
    # Counting the roots is already done (`roots`): paginate a range, not a query.
    return Paginator(range(roots), THREADS_PER_PAGE).get_page(number)


def thread_page(subject: DebateSubject, number: int, *, roots: int) -> tuple[Page, list[Comment]]:
    """One page of root comments with their whole subtrees, in reading order (2 queries)."""
    page = page_of_threads(number, roots=roots)
    if not roots:
        return page, []
    start = (page.number - 1) * THREADS_PER_PAGE
    # One root past the page bounds its subtrees: paths sort subtrees together.
    bounds = list(
        subject.comments()
        .filter(parent__isnull=True)
        .order_by("path")
        .values_list("path", flat=True)[start : start + THREADS_PER_PAGE + 1]
    )
    if not bounds:
        return page, []
    comments = subject.comments().filter(path__gte=bounds[0])
    if len(bounds) > THREADS_PER_PAGE:
        comments = comments.filter(path__lt=bounds[-1])
    # Only what placing a comment and choosing its variant needs: its words,
    # persona and author are read for the comments whose markup is not cached.
    comments = comments.only(*THREAD_FIELDS).order_by("path")
    return page, list(comments)


THREAD_FIELDS = (
    "id",
    "clause_id",
    "entry_id",
    "parent_id",
    "path",
    "depth",
    "author_id",
    "status",
)


def comments_to_show(ids: list[int]) -> dict[int, Comment]:
    """Whole comments, with what their markup shows, for the given ids (one query)."""
    return Comment.objects.select_related("persona__tendency", "author", "group").in_bulk(ids)


def reader_of_debate(subject: DebateSubject, user: AnyUser) -> dict:
    """What the reader's own view of a debate turns on: do they watch it, have they spoken.

    Their own comments look different to them (an edit link, no flag). Two
    small queries for a player, none for a visitor.
    """
    if not user.is_authenticated:
        return {"watching": False, "authored": False}
    return {
        "watching": subject.is_watched_by(user),
        "authored": subject.comments().filter(author_id=user.pk).exists(),
    }


def discussion_counts(subject: DebateSubject) -> dict:
    """Comment, thread and side counts, the same for every reader: one query."""
    visible = Q(comments__status=Comment.Status.VISIBLE)
    counts = (
        subject.rows()
        .annotate(
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


def comment_page(comment: Comment) -> int:
    """The page of the discussion that shows this comment's thread."""
    # A thread's root is the first segment of every path in it.
    root_path = comment.path[:COMMENT_PATH_SEGMENT]
    earlier = Comment.objects.filter(
        comment.same_discussion(), parent__isnull=True, path__lt=root_path
    ).count()
    return earlier // THREADS_PER_PAGE + 1


def answerable_comment(subject: DebateSubject, comment_id: int | None) -> Comment | None:
    """A visible comment of this discussion that a reply or a quote may answer."""
    if comment_id is None:
        return None
    return (
        subject.comments()
        .visible()
        .select_related("persona__tendency", "author")
        .filter(pk=comment_id)
        .first()
    )


def posted_comment(comment_id: int) -> Comment:
    """A comment with what its fragment shows, after posting."""
    return Comment.objects.select_related(
        "persona__tendency", "author", "group", "parent__persona"
    ).get(pk=comment_id)


def comment_before(comment: Comment) -> Comment | None:
    """The comment just before this one in its thread's reading order (one indexed query)."""
    root_path = comment.path[:COMMENT_PATH_SEGMENT]
    return (
        Comment.objects.filter(
            comment.same_discussion(), path__gte=root_path, path__lt=comment.path
        )
        .order_by("-path")
        .only("pk", "path", "depth")
        .first()
    )
