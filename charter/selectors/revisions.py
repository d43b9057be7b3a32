"""Clause revisions: history rows, versions, and the charter as it stood."""

import json
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max, QuerySet, Subquery
from reversion.models import Version

from charter.models import Charter, Clause, RevisionMeta


def revision_metas(*, include_removed: bool = False) -> QuerySet[RevisionMeta]:
    """Clause revisions with everything a history row shows, in one query.

    Revisions of removed clauses only when asked (for moderators). The stored
    attribution is deferred: lists never show it, and at a long clause's
    500th revision it is kilobytes of JSON per row.
    """
    metas = (
        RevisionMeta.objects.filter(clause__isnull=False)
        .select_related("revision__user", "persona__tendency", "group", "clause__charter")
        .defer("attribution")
    )
    return metas if include_removed else metas.filter(clause__is_removed=False)


def latest_meta(clause: Clause) -> RevisionMeta | None:
    return (
        revision_metas(include_removed=True)
        .filter(clause=clause)
        .order_by("-revision_number")
        .first()
    )


def attach_version_ids(metas: list[RevisionMeta]) -> list[RevisionMeta]:
    """Set `version_id` on each clause revision (for links), with one query.

    The one way from a revision to its version id: never loads serialized data.
    """
    clause_type = ContentType.objects.get_for_model(Clause)
    by_revision = dict(
        Version.objects.filter(
            revision_id__in=[m.revision_id for m in metas], content_type=clause_type
        ).values_list("revision_id", "pk")
    )
    for meta in metas:
        meta.version_id = by_revision.get(meta.revision_id)
    return metas


def meta_for_version(version: Version) -> RevisionMeta:
    """The description of the revision a version belongs to (the way back from a version id)."""
    return RevisionMeta.objects.select_related("revision__user", "persona__tendency", "group").get(
        revision_id=version.revision_id
    )


def latest_version(clause: Clause, *, with_data: bool = False) -> Version | None:
    """The clause's newest version; its serialized fields only when asked for."""
    versions = Version.objects.get_for_object(clause).select_related("revision")
    if not with_data:
        versions = versions.defer("serialized_data")
    return versions.first()


def latest_version_id(clause: Clause) -> int | None:
    """The id of the clause's newest version: what a save compares its base with."""
    return Version.objects.get_for_object(clause).values_list("pk", flat=True).first()


def version_text(version: Version) -> dict[str, str]:
    """A version's title and body, read straight from its stored JSON.

    Cheaper than `Version.field_dict`, which builds a model instance and
    deserialises every field (the rendered HTML included) to read two.
    """
    fields = json.loads(version.serialized_data)[0]["fields"]
    return {"title": fields.get("title", ""), "body": fields.get("body", "")}


def _versions(clause: Clause, *, with_data: bool):
    versions = Version.objects.get_for_object(clause)
    return versions if with_data else versions.defer("serialized_data")


def clause_version(clause: Clause, version_id: int, *, with_data: bool = True) -> Version | None:
    """A version of this clause; None for an unknown id or another object's version."""
    return _versions(clause, with_data=with_data).filter(pk=version_id).first()


def previous_version(clause: Clause, version: Version) -> Version | None:
    """The version before `version`, its data left unread until asked for."""
    return _versions(clause, with_data=False).filter(pk__lt=version.pk).first()


def charter_as_of(
    charter: Charter, moment: datetime, *, include_removed: bool = False
) -> list[dict]:
    """Every clause of `charter` as it stood at `moment`, from the revision store.

    One query finds the newest version per clause at that moment; only those
    versions' serialized data is read. Clauses are ordered by their current
    position (position is not versioned). A clause removed today is left out
    of every past moment too, unless `include_removed` (for moderators):
    removed means removed.
    """
    clauses_now = Clause.objects.filter(charter=charter)
    if not include_removed:
        clauses_now = clauses_now.live()
    positions = dict(clauses_now.values_list("pk", "position"))
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
                "revision_number": version.revision.meta.revision_number,
                "date": version.revision.date_created,
                "version_id": version.pk,
                "position": positions[int(version.object_id)],
            }
        )
    clauses.sort(key=lambda c: (c["position"], c["pk"]))
    return clauses


def removal_of(clause: Clause) -> RevisionMeta | None:
    """The revision that removed the clause: who, when and why (its summary)."""
    return (
        revision_metas(include_removed=True)
        .filter(clause=clause, kind=RevisionMeta.Kind.REMOVE)
        .order_by("-revision_number")
        .first()
    )


def current_attribution(clause: Clause) -> list:
    """Who wrote which words of the clause's current text (run-length encoded)."""
    runs = (
        RevisionMeta.objects.filter(clause=clause, revision_number=clause.revision_number)
        .values_list("attribution", flat=True)
        .first()
    )
    return runs or []


def charter_attributions(charter: Charter) -> QuerySet[RevisionMeta]:
    """The newest revision of each live clause, which carries its current attribution."""
    return (
        RevisionMeta.objects.filter(
            clause__charter=charter,
            clause__is_removed=False,
            revision_number=F("clause__revision_number"),
        )
        .select_related("clause")
        .order_by("clause__position", "clause_id")
    )
