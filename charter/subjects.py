"""What a threaded discussion is about: the one seam between the debate and its subject.

The discussion's services, selectors, views and templates (`_discussion.html`,
`_comment.html`, `_comment_form.html`) know their subject only through a
`DebateSubject`: which comments are its own, where it is read and posted to,
the cache stamps its comments' markup depends on, who may speak, and what a
new comment sets off besides. `ClauseSubject` adapts a clause (watches,
notifications, search, the revision a comment answers);
`contests.subjects.EntrySubject` adapts a contest entry.

A comment names its subject by one foreign key (`Comment.clause` or
`Comment.entry`; a check constraint wants exactly one), and each kind of
subject registers under the name of that key, so `subject_of(comment)` finds
the adapter back without this module importing the apps that own subjects.
"""

from functools import cached_property
from typing import ClassVar, Self

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from charter import permissions
from charter.models import Clause, Comment, CommentQuerySet, Watch
from charter.permissions import AnyUser
from charter.selectors.revisions import latest_version
from charter.services import notifications
from config import caching
from personas.models import Player
from search.indexing import index_comment


class DebateSubject:
    """A thing with a discussion under it, as the discussion needs to see it."""

    # The Comment foreign key that names a subject of this kind.
    field: ClassVar[str]
    # How a page names it: "No one has spoken on this clause yet."
    noun: ClassVar[str]

    def __init__(self, obj: Model) -> None:
        self.obj = obj

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def title(self) -> str:
        return self.obj.title

    @cached_property
    def url(self) -> str:
        """The page the discussion is read on; its comment URLs hang below it."""
        return self.obj.get_absolute_url()

    @property
    def comments_url(self) -> str:
        return f"{self.url}comments/"

    @property
    def breadcrumbs(self) -> list[tuple[str, str]]:
        """(label, url) pairs from the top of the site down to the subject."""
        raise NotImplementedError

    # Optional parts of the discussion's header: empty when the subject has none.
    feed_url = ""
    watch_url = ""

    def comments(self) -> CommentQuerySet:
        return Comment.objects.filter(**{f"{self.field}_id": self.obj.pk})

    def owns(self, comment: Comment) -> bool:
        return getattr(comment, f"{self.field}_id") == self.obj.pk

    def attach(self, comment: Comment) -> None:
        """Give a comment loaded on its own this subject, so nothing reads it again."""
        setattr(comment, self.field, self.obj)

    def rows(self) -> QuerySet:
        """The subject's own row, for the one query that counts its comments."""
        return type(self.obj).objects.filter(pk=self.obj.pk)

    def is_watched_by(self, user: AbstractBaseUser) -> bool:
        """Whether the signed-in `user` watches the subject."""
        return False

    def stamps(self) -> tuple[str, ...]:
        """The cache stamps of everything a comment's markup shows here."""
        raise NotImplementedError

    def stamp(self) -> str:
        """The stamp that every change to this discussion replaces."""
        raise NotImplementedError

    def why_cannot_comment(self, user: AnyUser, player: Player | None) -> str:
        raise NotImplementedError

    def reload(self) -> Self:
        """The subject read again, inside the caller's transaction."""
        raise NotImplementedError

    def new_comment_fields(self) -> dict:
        """What a new comment records about its subject."""
        return {self.field: self.obj}

    def comment_saved(
        self,
        comment: Comment,
        *,
        user: AbstractBaseUser,
        parent: Comment | None,
        created: bool,
    ) -> None:
        """Side effects of a new or edited comment, inside the saving transaction."""


_KINDS: dict[str, type[DebateSubject]] = {}


def register(kind: type[DebateSubject]) -> type[DebateSubject]:
    _KINDS[kind.field] = kind
    return kind


def subject_of(comment: Comment) -> DebateSubject:
    """The subject of `comment` (its relation is read if it was not loaded with it)."""
    for field, kind in _KINDS.items():
        if getattr(comment, f"{field}_id") is not None:
            return kind(getattr(comment, field))
    raise LookupError(f"Comment {comment.pk} is about nothing registered.")


@register
class ClauseSubject(DebateSubject):
    """A clause's debate: watched, notified, searched, each comment dated to a revision."""

    field = "clause"
    noun = "clause"
    obj: Clause

    @property
    def breadcrumbs(self) -> list[tuple[str, str]]:
        charter = self.obj.charter
        return [
            (_("Charters"), reverse("home")),
            (charter.title, charter.get_absolute_url()),
            (self.obj.title, self.url),
        ]

    @property
    def feed_url(self) -> str:
        return reverse("feed_clause_comments", args=[self.obj.pk])

    @property
    def watch_url(self) -> str:
        return f"{self.url}watch/"

    def is_watched_by(self, user: AbstractBaseUser) -> bool:
        return Watch.objects.filter(clause_id=self.obj.pk, user_id=user.pk).exists()

    def stamps(self) -> tuple[str, ...]:
        # The charter's stamp too: a comment shows "what changed since" its revision.
        return ("site", caching.charter_stamp(self.obj.charter.slug), self.stamp())

    def stamp(self) -> str:
        return caching.clause_stamp(self.obj.pk)

    def why_cannot_comment(self, user: AnyUser, player: Player | None) -> str:
        return permissions.why_cannot_comment(user, player, self.obj)

    def reload(self) -> Self:
        return type(self)(Clause.objects.select_related("charter").get(pk=self.obj.pk))

    def new_comment_fields(self) -> dict:
        clause = self.obj
        return {
            "clause": clause,
            "clause_version": latest_version(clause),
            "clause_revision_number": clause.revision_number,
        }

    def comment_saved(
        self,
        comment: Comment,
        *,
        user: AbstractBaseUser,
        parent: Comment | None,
        created: bool,
    ) -> None:
        index_comment(comment)
        if created:
            notifications.watch(user=user, clause=self.obj)
            notifications.comment_notify(comment=comment, parent=parent)
