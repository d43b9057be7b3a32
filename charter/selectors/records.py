"""Records across charters: a persona's edits and comments; a player's edits, comments, stances.

Each is paginated over a UNION of (kind, id, date), so a page costs the same
however long the record: one count, one query that picks the page, then one
fetch per kind shown.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import CharField, F, QuerySet, Value

from charter.models import Comment, RevisionMeta, Stance
from charter.selectors.revisions import attach_version_ids, revision_metas
from personas.models import Persona, PlayerGroup


@dataclass
class Contribution:
    """One line of a record: an edit, a comment or a stance, with its date."""

    kind: str
    date: datetime
    meta: RevisionMeta | None = None
    comment: Comment | None = None
    stance: Stance | None = None


class PersonaRecord:
    """A persona's (or a group's) edits and comments, newest first, for a Paginator.

    Counting is one query and each page three: a UNION of (kind, id, date)
    picks the page, then one fetch per kind loads its rows. Removed clauses
    and hidden comments are left out: the record is public. So is the debate
    on contest entries (`clause__is_removed` matches clause comments only):
    records are of work on the charters, and a contest's page lists its own.
    """

    def __init__(self, persona: Persona | None = None, *, group: PlayerGroup | None = None) -> None:
        whose = {"group": group} if group is not None else {"persona": persona}
        edits = RevisionMeta.objects.filter(
            **whose, clause__isnull=False, clause__is_removed=False
        ).annotate(record_kind=Value("edit", CharField()), record_date=F("revision__date_created"))
        comments = Comment.objects.filter(
            **whose, status=Comment.Status.VISIBLE, clause__is_removed=False
        ).annotate(record_kind=Value("comment", CharField()), record_date=F("created_at"))
        # Each side drops its model's default ordering: a UNION's parts may not sort.
        self._rows = (
            edits.order_by()
            .values_list("record_kind", "pk", "record_date")
            .union(comments.order_by().values_list("record_kind", "pk", "record_date"), all=True)
        )

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Contribution]:
        rows = list(self._rows.order_by("-record_date", "-pk")[window])
        metas = revision_metas().in_bulk([pk for kind, pk, _ in rows if kind == "edit"])
        comments = Comment.objects.select_related(
            "clause__charter", "author", "group", "persona"
        ).in_bulk([pk for kind, pk, _ in rows if kind == "comment"])
        return [
            Contribution(kind="edit", date=date, meta=metas[pk])
            if kind == "edit"
            else Contribution(kind="comment", date=date, comment=comments[pk])
            for kind, pk, date in rows
        ]


def persona_contributions(persona: Persona) -> PersonaRecord:
    """The persona's clause revisions and comments across charters, newest first."""
    return PersonaRecord(persona)


def group_contributions(group: PlayerGroup) -> PersonaRecord:
    """What members wrote for the group (revisions and comments), newest first."""
    return PersonaRecord(group=group)


# A player's profile.

KINDS = ("edit", "comment", "stance")


def _edits(user: AbstractBaseUser) -> QuerySet:
    return RevisionMeta.objects.filter(
        revision__user=user, clause__isnull=False, clause__is_removed=False
    ).annotate(record_date=F("revision__date_created"))


def _comments(user: AbstractBaseUser, *, include_hidden: bool) -> QuerySet:
    # Clause debates only, as in PersonaRecord.
    comments = Comment.objects.filter(author=user, clause__is_removed=False)
    if not include_hidden:
        comments = comments.visible()
    return comments.annotate(record_date=F("created_at"))


def _stances(user: AbstractBaseUser) -> QuerySet:
    # Only the stance the player holds now: earlier ones were replaced by it.
    return Stance.objects.filter(user=user, is_current=True, clause__is_removed=False).annotate(
        record_date=F("created_at")
    )


class PlayerRecord:
    """A user's edits, comments and current stances, newest first, for a Paginator."""

    def __init__(
        self, user: AbstractBaseUser, *, kinds: tuple[str, ...] = KINDS, include_hidden: bool
    ) -> None:
        self._sources = {
            "edit": _edits(user),
            "comment": _comments(user, include_hidden=include_hidden),
            "stance": _stances(user),
        }
        self.kinds = kinds
        self._counts: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        """How many of each kind, whichever kinds are shown (for the tabs)."""
        if self._counts is None:
            self._counts = {kind: rows.count() for kind, rows in self._sources.items()}
        return self._counts

    def count(self) -> int:
        counts = self.counts()
        return sum(counts[kind] for kind in self.kinds)

    def __len__(self) -> int:
        return self.count()

    def _rows(self) -> QuerySet:
        parts = [
            # Each part drops its model's default ordering: a UNION's parts may not sort.
            self._sources[kind]
            .order_by()
            .annotate(record_kind=Value(kind, CharField()))
            .values_list("record_kind", "pk", "record_date")
            for kind in self.kinds
        ]
        first, *rest = parts
        return first.union(*rest, all=True) if rest else first

    def __getitem__(self, window: slice) -> list[Contribution]:
        rows = list(self._rows().order_by("-record_date", "-pk")[window])
        wanted = {kind: [pk for k, pk, _ in rows if k == kind] for kind in self.kinds}
        found: dict[str, dict] = {kind: {} for kind in KINDS}
        if wanted.get("edit"):
            found["edit"] = revision_metas().in_bulk(wanted["edit"])
            attach_version_ids(list(found["edit"].values()))
        if wanted.get("comment"):
            found["comment"] = Comment.objects.select_related(
                "clause__charter", "persona__tendency", "group"
            ).in_bulk(wanted["comment"])
        if wanted.get("stance"):
            found["stance"] = Stance.objects.select_related(
                "clause__charter", "persona__tendency", "group"
            ).in_bulk(wanted["stance"])
            for stance in found["stance"].values():
                stance.is_stale = stance.clause_revision_number != stance.clause.revision_number
        fields = {"edit": "meta", "comment": "comment", "stance": "stance"}
        # A row that vanished between the two queries is left out, not an error.
        return [
            Contribution(kind=kind, date=date, **{fields[kind]: found[kind][pk]})
            for kind, pk, date in rows
            if pk in found[kind]
        ]


def player_record(
    user: AbstractBaseUser, *, kinds: tuple[str, ...] = KINDS, include_hidden: bool = False
) -> PlayerRecord:
    """The user's clause edits, comments and current stances across charters, newest first."""
    return PlayerRecord(user, kinds=kinds, include_hidden=include_hidden)
