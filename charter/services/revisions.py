"""Saving, restoring, adding, moving and removing clauses.

Every change of a clause's text is one django-reversion revision carrying the
user, the edit summary and (in RevisionMeta) the persona. Saves lock the
clause row, so concurrent editors are serialised and never overwrite each
other silently: a stale edit is merged or refused with a conflict.

The expensive parts of a save (rendering the Markdown, diffing for the
attribution) are prepared before the row lock is taken, from the text the
editor's save is expected to land on; under the lock they are reused when
that expectation held and redone only when someone saved in between.
"""

import copy
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from charter import permissions, summaries, text
from charter.diffing import Change, analyse_change, merge_texts
from charter.models import (
    CLAUSE_BODY_MAX,
    CLAUSE_TITLE_MAX,
    EDIT_SUMMARY_MAX,
    Charter,
    Clause,
    RevisionMeta,
)
from charter.rendering import render_markdown
from charter.selectors.clauses import locked_clause
from charter.selectors.revisions import clause_version, latest_version, latest_version_id
from charter.services import notifications
from config import caching
from config.after_response import after_commit_and_response, after_response_when_serving
from personas.models import Persona, Player, PlayerGroup
from personas.selectors import player_of
from personas.services import player_play
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


@dataclass(frozen=True)
class Prepared:
    """A new text's rendering and its change against the revision it should follow."""

    body: str
    html: str
    after_number: int
    change: Change | None = None


def _clean_clause_text(title: str, body: str, summary: str) -> tuple[str, str, str]:
    title = text.clean_text(title, max_length=CLAUSE_TITLE_MAX, required=True, what="The title")
    body = text.clean_text(body, max_length=CLAUSE_BODY_MAX, required=True, what="The text")
    summary = text.clean_text(summary, max_length=EDIT_SUMMARY_MAX, what="The summary")
    return title, body, summary


def _require_edit(user: AbstractBaseUser, player: Player | None, clause: Clause) -> Persona:
    why = permissions.why_cannot_edit_clause(user, player, clause)
    if why:
        raise PermissionDenied(why)
    return player.persona


def _prepare(clause_id: int, body: str, persona: Persona | None) -> Prepared:
    """Render `body` and diff it against the clause's current text, without any lock."""
    html = render_markdown(body)
    current = (
        RevisionMeta.objects.filter(clause_id=clause_id)
        .order_by("-revision_number")
        .values_list("revision_number", "attribution", "clause__body")
        .first()
    )
    if current is None:
        return Prepared(body=body, html=html, after_number=0)
    number, runs, old_body = current
    change = analyse_change(old_body, body, runs, persona.pk if persona else None)
    return Prepared(body=body, html=html, after_number=number, change=change)


def _snapshot(clause: Clause) -> Clause:
    """A copy of the clause as saved, for work that runs after the response."""
    return copy.copy(clause)


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
    prepared: Prepared | None = None,
    group: PlayerGroup | None = None,
) -> RevisionMeta:
    """Save `clause` as one new revision. Caller holds the row lock.

    `prepared` carries work done before the lock; it is used only if it was
    prepared for exactly this text on top of exactly the current revision.
    `group` is the player group the editor speaks for, recorded with the persona.
    """
    # The locked row's revision number is kept in step with its revisions (and
    # the unique constraint on (clause, revision_number) would refuse a gap).
    number = clause.revision_number + 1
    fresh = (
        prepared is not None
        and prepared.body == clause.body
        and prepared.after_number == number - 1
    )
    if fresh and prepared.change is not None:
        change = prepared.change
    else:
        # Someone saved since the work was prepared: the attribution to carry
        # on is theirs, read now under the lock.
        runs = (
            clause.revision_metas.filter(revision_number=number - 1)
            .values_list("attribution", flat=True)
            .first()
        )
        change = analyse_change(old_body, clause.body, runs or [], persona.pk if persona else None)
    if fresh:
        clause.set_body(clause.body, html=prepared.html)
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
            group=group,
            clause=clause,
            kind=kind,
            revision_number=number,
            words_added=change.words_added,
            words_removed=change.words_removed,
            restored_from=restored_from,
            attribution=attribution if attribution is not None else change.attribution,
        )
    # Read back lean: the editor waits for this; the search index finds the
    # version's id after the response.
    meta = (
        RevisionMeta.objects.select_related("revision")
        .defer("attribution")
        .get(clause=clause, revision_number=number)
    )
    RevisionMeta.persona.field.set_cached_value(meta, persona)
    # Search and watchers follow once the save has committed and the editor has
    # their page: indexing a long text (current and as history) costs
    # PostgreSQL about as much as rendering it. The revision's text is passed
    # as saved; the clause row is read again then.
    after_response_when_serving(partial(index_revision, meta, _snapshot(clause)))
    after_commit_and_response(partial(notifications.after_revision, meta.pk))
    changed = [caching.charter_stamp(clause.charter.slug), "recent"]
    if kind in (RevisionMeta.Kind.CREATE, RevisionMeta.Kind.REMOVE, RevisionMeta.Kind.RECOVER):
        changed.append("charters")  # the charters' clause counts
    caching.touch(*changed)
    return meta


def clause_create(
    *,
    charter: Charter,
    user: AbstractBaseUser,
    title: str,
    body: str,
    summary: str = "",
    play_persona: Persona | None = None,
) -> SaveResult:
    """Add a clause at the end of a charter, as its first revision.

    `play_persona`: the persona a player without one picked on the form;
    taken up in the same transaction as the clause.
    """
    title, body, summary = _clean_clause_text(title, body, summary)
    prepared = Prepared(body=body, html=render_markdown(body), after_number=0)
    with transaction.atomic():
        if play_persona is not None:
            player_play(user=user, persona=play_persona)
        player = player_of(user)
        # Lock the charter so two new clauses never get the same position, and
        # judge on its row as locked (a congress may have just been convened).
        charter = Charter.objects.select_for_update().get(pk=charter.pk)
        why = permissions.why_cannot_add_clause(user, player, charter)
        if why:
            raise PermissionDenied(why)
        last = charter.clauses.aggregate(p=Max("position"))["p"] or 0
        clause = Clause(charter=charter, position=last + 1, title=title)
        clause.set_body(body, html=prepared.html)
        clause.save()
        meta = record_revision(
            clause=clause,
            user=user,
            persona=player.persona,
            summary=summary or summaries.NEW_CLAUSE,
            kind=RevisionMeta.Kind.CREATE,
            old_body="",
            prepared=prepared,
            group=player.group,
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
    play_persona: Persona | None = None,
    player: Player | None = None,
) -> SaveResult:
    """Save an edit made from `base_version_id`, merging it onto newer edits if it can.

    `player`: the user's Player as the caller already read it this request
    (read here otherwise); rules are judged on it either way.
    """
    title, body, summary = _clean_clause_text(title, body, summary)
    if player is None or player.user_id != user.pk:
        player = player_of(user)
    persona = play_persona or (player.persona if player else None)
    prepared = _prepare(clause_id, body, persona)
    with transaction.atomic():
        if play_persona is not None:
            player = player_play(user=user, persona=play_persona)
        clause = locked_clause(clause_id)
        persona = _require_edit(user, player, clause)
        latest_id = latest_version_id(clause)
        outcome: Outcome = "saved"
        merged_with: list[RevisionMeta] = []
        if latest_id is not None and base_version_id != latest_id:
            if base_version_id is None:
                raise ValidationError(_("The form did not say which revision it started from."))
            base = clause_version(clause, base_version_id)
            if base is None:
                raise ValidationError(_("That revision does not belong to this clause."))
            base_fields = base.field_dict
            since = list(
                RevisionMeta.objects.select_related("persona", "revision__user")
                .defer("attribution")
                .filter(clause=clause, revision__id__gt=base.revision_id)
                .order_by("revision_number")
            )
            merged = merge_texts(base_fields["body"], body, clause.body)
            title_merge = merge_texts(base_fields["title"], title, clause.title)
            if not merged.clean or not title_merge.clean:
                raise EditConflict(
                    clause=clause,
                    latest_version=latest_version(clause),
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
            clause=clause,
            user=user,
            persona=persona,
            summary=summary,
            kind=kind,
            old_body=old_body,
            prepared=prepared,
            group=player.group,
        )
    return SaveResult(clause=clause, outcome=outcome, meta=meta, merged_with=merged_with)


def clause_restore(*, clause_id: int, user: AbstractBaseUser, version_id: int) -> SaveResult:
    """Bring back an earlier revision's text, as a new revision."""
    player = player_of(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        persona = _require_edit(user, player, clause)
        version = clause_version(clause, version_id)
        if version is None:
            raise ValidationError(_("That revision does not belong to this clause."))
        old = version.field_dict
        number, attribution = (
            RevisionMeta.objects.filter(revision_id=version.revision_id)
            .values_list("revision_number", "attribution")
            .first()
        )
        if old["title"] == clause.title and old["body"] == clause.body:
            return SaveResult(clause=clause, outcome="unchanged")
        old_body = clause.body
        clause.title = old["title"]
        # The version carries its own rendering: nothing to render under the lock.
        clause.set_body(old["body"], html=old.get("body_html"))
        meta = record_revision(
            clause=clause,
            user=user,
            persona=persona,
            summary=summaries.restored(number),
            kind=RevisionMeta.Kind.RESTORE,
            old_body=old_body,
            restored_from=version,
            # Brought-back words keep their original authors.
            attribution=attribution,
            group=player.group,
        )
    return SaveResult(clause=clause, outcome="saved", meta=meta)


def clause_move(
    *, clause_id: int, user: AbstractBaseUser, direction: Literal["up", "down"]
) -> Clause:
    """Swap a clause with its neighbour above or below."""
    player = player_of(user)
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
        caching.touch(caching.charter_stamp(clause.charter.slug))
    return clause


def clause_remove(*, clause_id: int, user: AbstractBaseUser, reason: str) -> Clause:
    """Take a clause out of the charter, keeping it and its history (soft delete)."""
    reason = text.clean_text(reason, max_length=EDIT_SUMMARY_MAX, required=True, what="The reason")
    player = player_of(user)
    with transaction.atomic():
        clause = Clause.objects.select_for_update().select_related("charter").get(pk=clause_id)
        persona = _require_edit(user, player, clause)
        clause.is_removed = True
        record_revision(
            clause=clause,
            user=user,
            persona=persona,
            summary=reason,
            kind=RevisionMeta.Kind.REMOVE,
            old_body=clause.body,
            group=player.group,
        )
    return clause


def clause_seed_revision(
    *, clause: Clause, summary: str = summaries.INITIAL
) -> RevisionMeta | None:
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
