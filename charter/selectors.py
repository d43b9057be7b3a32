"""Read-side queries shared by views, feeds and the benchmark."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Max, QuerySet, Subquery, Value
from reversion.models import Version

from charter.models import Charter, Clause, Comment, RevisionMeta
from personas.models import Persona


def revision_metas() -> QuerySet[RevisionMeta]:
    """Clause revisions with everything a history row shows, in one query."""
    return RevisionMeta.objects.filter(clause__isnull=False).select_related(
        "revision__user", "persona__tendency", "clause__charter"
    )


def latest_meta(clause: Clause) -> RevisionMeta | None:
    return revision_metas().filter(clause=clause).order_by("-number").first()


@dataclass
class Contribution:
    kind: str
    date: datetime
    meta: RevisionMeta | None = None
    comment: Comment | None = None


class PersonaRecord:
    """A persona's edits and comments, newest first, for a Paginator.

    Counting is one query and each page three: a UNION of (kind, id, date)
    picks the page, then one fetch per kind loads its rows.
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


def version_ids_by_number(clause: Clause, numbers: list[int]) -> dict[int, int]:
    """Map revision numbers of `clause` to their reversion Version ids, in one query.

    Never loads serialized_data: history pages only need the ids for links.
    """
    if not numbers:
        return {}
    rows = (
        Version.objects.get_for_object(clause)
        .filter(revision__meta__number__in=numbers)
        .values_list("revision__meta__number", "pk")
    )
    return dict(rows)


def attach_version_ids(metas: list[RevisionMeta]) -> list[RevisionMeta]:
    """Set `version_id` on each clause revision (for links), with one query."""
    clause_type = ContentType.objects.get_for_model(Clause)
    rows = Version.objects.filter(
        revision_id__in=[m.revision_id for m in metas], content_type=clause_type
    ).values_list("revision_id", "pk")
    by_revision = dict(rows)
    for meta in metas:
        meta.version_id = by_revision.get(meta.revision_id)
    return metas


def charter_as_of(charter: Charter, moment: datetime) -> list[dict]:
    """Every clause of `charter` as it stood at `moment`, from the revision store.

    One query finds the newest version per clause at that moment; only those
    versions' serialized data is read. Clauses are ordered by their current
    position (position is not versioned).
    """
    positions = dict(Clause.objects.filter(charter=charter).values_list("pk", "position"))
    newest = (
        Version.objects.get_for_model(Clause)
        .filter(object_id__in=[str(pk) for pk in positions], revision__date_created__lte=moment)
        .values("object_id")
        .annotate(newest=Max("pk"))
        .values("newest")
    )
    versions = Version.objects.filter(pk__in=Subquery(newest)).select_related("revision__meta")
    clauses = []
    for version in versions:
        fields = version.field_dict
        if fields.get("is_removed"):
            continue
        clauses.append(
            {
                "pk": int(version.object_id),
                "title": fields["title"],
                "body_html": fields["body_html"],
                "number": version.revision.meta.number,
                "date": version.revision.date_created,
                "version_id": version.pk,
                "position": positions[int(version.object_id)],
            }
        )
    clauses.sort(key=lambda c: (c["position"], c["pk"]))
    return clauses
