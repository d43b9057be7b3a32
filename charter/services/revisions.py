"""Saving, restoring, adding, moving and removing clauses.

Every change of a clause's text is one django-reversion revision carrying the
user, the edit summary and (in RevisionMeta) the persona. Saves lock the
clause row, so concurrent editors are serialised and never overwrite each
other silently: a stale edit is merged or refused with a conflict.
"""

from dataclasses import dataclass, field
from typing import Literal

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from reversion.models import Version

from charter import permissions
from charter.diffing import analyse_change, merge_texts
from charter.models import Charter, Clause, RevisionMeta
from personas.models import Persona, Player
from search.indexing import index_revision

Outcome = Literal["created", "saved", "merged", "unchanged"]


@dataclass
class SaveResult:
    clause: Clause
    outcome: Outcome
    meta: RevisionMeta | None = None
    merged_with: list[RevisionMeta] = field(default_factory=list)


class EditConflict(Exception):
    """Someone else changed the same sentences since the editor's base revision."""

    def __init__(
        self,
        *,
        clause: Clause,
        latest_version: Version,
        base_body: str,
        theirs_body: str,
        theirs_title: str,
        since: list[RevisionMeta],
    ) -> None:
        super().__init__("The clause changed while you were editing it.")
        self.clause = clause
        self.latest_version = latest_version
        self.base_body = base_body
        self.theirs_body = theirs_body
        self.theirs_title = theirs_title
        self.since = since


def _player(user: AbstractBaseUser) -> Player | None:
    return Player.objects.select_related("persona__tendency").filter(user=user).first()


def _require_edit(user: AbstractBaseUser, player: Player | None, clause: Clause) -> Persona:
    if not permissions.can_edit_clause(user, player, clause):
        raise PermissionDenied(permissions.why_cannot_edit(user, player, clause) or "Not allowed.")
    return player.persona


def record_revision(
    *,
    clause: Clause,
    user: AbstractBaseUser | None,
    persona: Persona | None,
    summary: str,
    kind: str,
    old_body: str,
    restored_from: Version | None = None,
    attribution: list | None = None,
) -> RevisionMeta:
    """Save `clause` as one new revision. Caller holds the row lock."""
    previous = (
        clause.revision_metas.order_by("-number").values_list("number", "attribution").first()
    )
    number = (previous[0] if previous else 0) + 1
    change = analyse_change(
        old_body, clause.body, previous[1] if previous else [], persona.pk if persona else None
    )
    clause.updated_at = timezone.now()
    clause.revision_number = number
    with reversion.create_revision(atomic=False):
        clause.save()
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(summary)
        reversion.add_meta(
            RevisionMeta,
            persona=persona,
            clause=clause,
            kind=kind,
            number=number,
            words_added=change.words_added,
            words_removed=change.words_removed,
            restored_from=restored_from,
            attribution=attribution if attribution is not None else change.attribution,
        )
    meta = RevisionMeta.objects.select_related("revision", "persona").get(
        clause=clause, number=number
    )
    index_revision(meta, clause)
    transaction.on_commit(lambda: _after_revision(meta.pk))
    return meta


def _after_revision(meta_pk: int) -> None:
    """Hook for notifications; the discussion module registers watchers here."""
    from charter.services import hooks

    hooks.revision_saved(meta_pk)


def latest_version(clause: Clause) -> Version | None:
    return (
        Version.objects.get_for_object(clause)
        .select_related("revision")
        .defer("serialized_data")
        .first()
    )


def clause_version(clause: Clause, version_id: int) -> Version:
    """A version of this clause; anything else (foreign, unknown) is a ValidationError."""
    version = Version.objects.get_for_object(clause).filter(pk=version_id).first()
    if version is None:
        raise ValidationError("That revision does not belong to this clause.")
    return version


def clause_create(
    *, charter: Charter, user: AbstractBaseUser, title: str, body: str, summary: str = ""
) -> SaveResult:
    """Add a clause at the end of a charter, as its first revision."""
    player = _player(user)
    if not permissions.can_edit_charter(user, player, charter):
        raise PermissionDenied("You cannot add clauses to this charter.")
    with transaction.atomic():
        # Lock the charter so two new clauses never get the same position.
        Charter.objects.select_for_update().get(pk=charter.pk)
        last = charter.clauses.aggregate(p=Max("position"))["p"] or 0
        clause = Clause(charter=charter, position=last + 1, title=title, body=body)
        clause.save()
        meta = record_revision(
            clause=clause,
            user=user,
            persona=player.persona,
            summary=summary or "New clause",
            kind=RevisionMeta.Kind.CREATE,
            old_body="",
        )
    return SaveResult(clause=clause, outcome="created", meta=meta)


def clause_revise(
    *,
    clause_id: int,
    user: AbstractBaseUser,
    title: str,
    body: str,
    summary: str,
    base_version_id: int | None,
) -> SaveResult:
    """Save an edit made from `base_version_id`, merging it onto newer edits if it can."""
    player = _player(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        persona = _require_edit(user, player, clause)
        latest = latest_version(clause)
        outcome: Outcome = "saved"
        merged_with: list[RevisionMeta] = []
        if latest is not None and base_version_id != latest.pk:
            if base_version_id is None:
                raise ValidationError("The form did not say which revision it started from.")
            base = clause_version(clause, base_version_id)
            base_fields = base.field_dict
            since = list(
                RevisionMeta.objects.select_related("persona", "revision__user")
                .filter(clause=clause, revision__id__gt=base.revision_id)
                .order_by("number")
            )
            merged = merge_texts(base_fields["body"], body, clause.body)
            title_merge = merge_texts(base_fields["title"], title, clause.title)
            if not merged.clean or not title_merge.clean:
                raise EditConflict(
                    clause=clause,
                    latest_version=latest,
                    base_body=base_fields["body"],
                    theirs_body=clause.body,
                    theirs_title=clause.title,
                    since=since,
                )
            body, title = merged.text, title_merge.text
            outcome, merged_with = "merged", since
        if title == clause.title and body == clause.body:
            return SaveResult(clause=clause, outcome="unchanged")
        old_body = clause.body
        clause.title, clause.body = title, body
        kind = RevisionMeta.Kind.MERGE if outcome == "merged" else RevisionMeta.Kind.EDIT
        meta = record_revision(
            clause=clause, user=user, persona=persona, summary=summary, kind=kind, old_body=old_body
        )
    return SaveResult(clause=clause, outcome=outcome, meta=meta, merged_with=merged_with)


def clause_restore(*, clause_id: int, user: AbstractBaseUser, version_id: int) -> SaveResult:
    """Bring back an earlier revision's text, as a new revision."""
    player = _player(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        persona = _require_edit(user, player, clause)
        version = clause_version(clause, version_id)
        old = version.field_dict
        number, attribution = (
            RevisionMeta.objects.filter(revision_id=version.revision_id)
            .values_list("number", "attribution")
            .first()
        )
        if old["title"] == clause.title and old["body"] == clause.body:
            return SaveResult(clause=clause, outcome="unchanged")
        old_body = clause.body
        clause.title, clause.body = old["title"], old["body"]
        meta = record_revision(
            clause=clause,
            user=user,
            persona=persona,
            summary=f"Restored revision {number}",
            kind=RevisionMeta.Kind.RESTORE,
            old_body=old_body,
            restored_from=version,
            # Brought-back words keep their original authors.
            attribution=attribution,
        )
    return SaveResult(clause=clause, outcome="saved", meta=meta)


def clause_move(
    *, clause_id: int, user: AbstractBaseUser, direction: Literal["up", "down"]
) -> Clause:
    """Swap a clause with its neighbour above or below."""
    player = _player(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        _require_edit(user, player, clause)
        siblings = Clause.objects.live().filter(charter_id=clause.charter_id)
        if direction == "up":
            neighbour = siblings.filter(position__lt=clause.position).order_by("-position").first()
        else:
            neighbour = siblings.filter(position__gt=clause.position).order_by("position").first()
        if neighbour is None:
            return clause
        neighbour = Clause.objects.select_for_update().get(pk=neighbour.pk)
        clause.position, neighbour.position = neighbour.position, clause.position
        # Position is not versioned: moving is not an edit of the text.
        Clause.objects.filter(pk=clause.pk).update(position=clause.position)
        Clause.objects.filter(pk=neighbour.pk).update(position=neighbour.position)
    return clause


def clause_remove(*, clause_id: int, user: AbstractBaseUser, summary: str) -> Clause:
    """Hide a clause from the charter, keeping it and its history (soft delete)."""
    player = _player(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        persona = _require_edit(user, player, clause)
        clause.is_removed = True
        record_revision(
            clause=clause,
            user=user,
            persona=persona,
            summary=summary or "Removed clause",
            kind=RevisionMeta.Kind.REMOVE,
            old_body=clause.body,
        )
    return clause


def clause_seed_revision(*, clause: Clause, summary: str = "Initial text") -> RevisionMeta | None:
    """The first revision of a clause loaded from fixtures; none if it has one."""
    with transaction.atomic():
        clause = Clause.objects.select_for_update().get(pk=clause.pk)
        if clause.revision_metas.exists():
            return None
        meta = record_revision(
            clause=clause,
            user=None,
            persona=None,
            summary=summary,
            kind=RevisionMeta.Kind.SEED,
            old_body="",
        )
    return meta


__all__ = [
    "EditConflict",
    "SaveResult",
    "clause_create",
    "clause_move",
    "clause_remove",
    "clause_restore",
    "clause_revise",
    "clause_seed_revision",
    "clause_version",
    "latest_version",
    "record_revision",
]
