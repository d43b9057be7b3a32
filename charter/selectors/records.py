"""A persona's record: its clause revisions and comments across charters."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, Value

from charter.models import Comment, RevisionMeta
from charter.selectors.revisions import revision_metas
from personas.models import Persona


@dataclass
class Contribution:
    kind: str
    date: datetime
    meta: RevisionMeta | None = None
    comment: Comment | None = None


class PersonaRecord:
    """A persona's edits and comments, newest first, for a Paginator.

    Counting is one query and each page three: a UNION of (kind, id, date)
    picks the page, then one fetch per kind loads its rows. Removed clauses
    and hidden comments are left out: the record is public.
    """

    def __init__(self, persona: Persona) -> None:
        edits = RevisionMeta.objects.filter(
            persona=persona, clause__isnull=False, clause__is_removed=False
        ).annotate(entry=Value("edit", CharField()), entry_date=F("revision__date_created"))
        comments = Comment.objects.filter(
            persona=persona, status=Comment.Status.VISIBLE, clause__is_removed=False
        ).annotate(entry=Value("comment", CharField()), entry_date=F("created_at"))
        # Each side drops its model's default ordering: a UNION's parts may not sort.
        self._rows = (
            edits.order_by()
            .values_list("entry", "pk", "entry_date")
            .union(comments.order_by().values_list("entry", "pk", "entry_date"), all=True)
        )

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Contribution]:
        rows = list(self._rows.order_by("-entry_date", "-pk")[window])
        metas = revision_metas().in_bulk([pk for kind, pk, _ in rows if kind == "edit"])
        comments = Comment.objects.select_related("clause__charter", "author").in_bulk(
            [pk for kind, pk, _ in rows if kind == "comment"]
        )
        return [
            Contribution(kind="edit", date=date, meta=metas[pk])
            if kind == "edit"
            else Contribution(kind="comment", date=date, comment=comments[pk])
            for kind, pk, date in rows
        ]


def persona_contributions(persona: Persona) -> PersonaRecord:
    """The persona's clause revisions and comments across charters, newest first."""
    return PersonaRecord(persona)
