"""Atom feed of one clause's discussion, newest comments first."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from charter.models import Clause, Comment

FEED_SIZE = 50


class ClauseCommentsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Clause:
        clause = get_object_or_404(Clause.objects.select_related("charter"), pk=pk)
        if clause.is_removed:
            raise Http404("This clause has been removed.")
        return clause

    def title(self, clause: Clause) -> str:
        return f"Debate on “{clause.title}” — {clause.charter.title}"

    def link(self, clause: Clause) -> str:
        return f"{clause.get_absolute_url()}#discussion"

    def subtitle(self, clause: Clause) -> str:
        return f"New comments on the clause “{clause.title}”, newest first."

    def items(self, clause: Clause) -> list[Comment]:
        comments = list(
            clause.comments.visible()
            .select_related("persona", "author")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )
        for comment in comments:
            comment.clause = clause
        return comments

    def item_title(self, comment: Comment) -> str:
        verb = "replies" if comment.parent_id else "comments"
        return f"{comment.persona.name} {verb} on “{comment.clause.title}”"

    def item_description(self, comment: Comment) -> str:
        # Sanitised at save by render_markdown; the feed escapes it as HTML content.
        return comment.body_html

    def item_link(self, comment: Comment) -> str:
        clause = comment.clause
        return reverse("charter:comment", args=[clause.charter.slug, clause.pk, comment.pk])

    def item_pubdate(self, comment: Comment):
        return comment.created_at

    def item_updateddate(self, comment: Comment):
        return comment.edited_at or comment.created_at

    def item_author_name(self, comment: Comment) -> str:
        return f"{comment.persona.name} ({comment.author.username})"
