"""A submitted entry's discussion, through the same component as a clause's (charter.subjects)."""

from typing import Self

from django.urls import reverse
from django.utils.translation import gettext as _

from charter.permissions import AnyUser
from charter.subjects import DebateSubject, register
from config import caching
from contests import permissions
from contests.models import Entry
from personas.models import Player


@register
class EntrySubject(DebateSubject):
    """An entry's debate.

    Unlike a clause's it has no watches, notifications, feed or search
    documents: those are built per clause today (a Watch, a Notification and
    a search document each name a clause and its charter). Replies still show
    on the entry's page, and the contest's feed announces each new entry.
    """

    field = "entry"
    noun = "entry"
    obj: Entry

    @property
    def breadcrumbs(self) -> list[tuple[str, str]]:
        contest = self.obj.contest
        return [
            (_("Contests"), reverse("contests:list")),
            (str(contest), contest.get_absolute_url()),
            (self.obj.title, self.url),
        ]

    def stamps(self) -> tuple[str, ...]:
        return ("site", self.stamp())

    def stamp(self) -> str:
        return caching.entry_stamp(self.obj.pk)

    def why_cannot_comment(self, user: AnyUser, player: Player | None) -> str:
        return permissions.why_cannot_comment_on_entry(user, player, self.obj)

    def reload(self) -> Self:
        return type(self)(Entry.objects.select_related("contest").get(pk=self.obj.pk))
