"""Amendments: propose a rival text, revise it, rebase it, withdraw it, take stances on it.

An amendment keeps the clause text it was drafted against (`base_*`), so the
author can rebase it onto the clause's newer text with the same three-way
merge an edit uses. Its debate is a thread of the clause's own discussion,
opened by the amendment's rationale: one debate per clause, where rival
texts are argued beside the text they would replace.
"""

from dataclasses import dataclass

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charter import minutes, text
from charter.diffing import merge_texts
from charter.models import (
    CLAUSE_BODY_MAX,
    CLAUSE_TITLE_MAX,
    STANCE_REASON_MAX,
    Charter,
    Clause,
    Stance,
)
from charter.rendering import render_markdown
from charter.services import discussion
from config import caching
from congress import permissions
from congress.models import AMENDMENT_RATIONALE_MAX, Amendment, AmendmentStance
from personas.selectors import player_of

# A thread opening quotes this much of the rationale; the amendment page has it all.
OPENING_RATIONALE_MAX = 1_500


@dataclass(frozen=True)
class AmendmentText:
    title: str
    body: str
    rationale: str


class RebaseConflict(Exception):
    """The clause changed the same sentences as the amendment: the author must choose."""

    def __init__(self, amendment: Amendment, clause: Clause) -> None:
        super().__init__(_("The clause changed the same sentences as your amendment."))
        self.amendment = amendment
        self.clause = clause


def _clean(title: str, body: str, rationale: str) -> AmendmentText:
    return AmendmentText(
        title=text.clean_text(
            title, max_length=CLAUSE_TITLE_MAX, required=True, what=_("The title")
        ),
        body=text.clean_text(body, max_length=CLAUSE_BODY_MAX, required=True, what=_("The text")),
        rationale=text.clean_text(
            rationale, max_length=AMENDMENT_RATIONALE_MAX, what=_("The rationale")
        ),
    )


def _save_version(amendment: Amendment, user: AbstractBaseUser, summary: str) -> None:
    with reversion.create_revision(atomic=False):
        amendment.save()
        reversion.set_user(user)
        reversion.set_comment(summary)


def _opening(amendment: Amendment) -> str:
    """The Markdown that opens the amendment's thread in the clause's debate."""
    rationale = amendment.rationale
    if len(rationale) > OPENING_RATIONALE_MAX:
        rationale = rationale[:OPENING_RATIONALE_MAX].rstrip() + " …"
    # The title is a plain line of the player's: no Markdown power in the heading.
    title = minutes.inline(amendment.title)
    # Translators: Markdown that opens an amendment's thread in the clause's debate; keep the
    # ** (bold) and the [link](%(url)s) as they are.
    opening = _("**Proposes [amendment %(number)s](%(url)s): %(title)s**") % {
        "number": amendment.pk,
        "url": amendment.get_absolute_url(),
        "title": title,
    }
    lines = [opening]
    if rationale:
        lines += ["", rationale]
    return "\n".join(lines)


def amendment_propose(
    *,
    charter: Charter,
    clause_id: int | None,
    user: AbstractBaseUser,
    title: str,
    body: str,
    rationale: str,
) -> Amendment:
    """Propose a rival text for a clause (or, with no clause, a new clause)."""
    cleaned = _clean(title, body, rationale)
    html = render_markdown(cleaned.body)
    with transaction.atomic():
        player = player_of(user, lock=True)
        clause = None
        if clause_id is not None:
            # The clause's text and revision number come from one locked read:
            # the base of a later rebase is exactly the text the author saw replaced.
            clause = (
                Clause.objects.select_for_update(of=("self",))
                .select_related("charter")
                .filter(pk=clause_id, charter=charter)
                .first()
            )
            if clause is None:
                raise ValidationError(_("That clause is not part of this charter."))
        why = permissions.why_cannot_amend(user, player, charter, clause)
        if why:
            raise PermissionDenied(why)
        if clause is not None and (cleaned.title, cleaned.body) == (clause.title, clause.body):
            raise ValidationError(
                _("Your text is the clause as it stands: change something to amend it."),
                code="same",
            )
        amendment = Amendment(
            charter=charter,
            clause=clause,
            author=user,
            persona=player.persona,
            title=cleaned.title,
            rationale=cleaned.rationale,
            base_title=clause.title if clause else "",
            base_body=clause.body if clause else "",
            base_revision_number=clause.revision_number if clause else 0,
        )
        amendment.set_body(cleaned.body, html=html)
        _save_version(amendment, user, "Proposed")
        if clause is not None:
            opening = discussion.comment_post(
                clause_id=clause.pk, user=user, body=_opening(amendment)
            )
            amendment.thread = opening.comment
            amendment.save(update_fields=["thread"])
        caching.touch(caching.charter_stamp(charter.slug))
    return amendment


def _locked(amendment_id: int) -> Amendment:
    amendment = (
        Amendment.objects.select_for_update(of=("self",))
        .select_related("charter", "clause", "persona")
        .filter(pk=amendment_id)
        .first()
    )
    if amendment is None:
        raise ValidationError(_("That amendment does not exist."))
    return amendment


def amendment_revise(
    *,
    amendment_id: int,
    user: AbstractBaseUser,
    title: str,
    body: str,
    rationale: str,
    seen_revision_number: int,
    onto_clause_revision: int | None = None,
) -> Amendment:
    """The author's new text for their amendment; the earlier texts are kept.

    `onto_clause_revision`: the author resolved a rebase conflict by hand
    against that revision of the clause, which becomes the new base.
    """
    cleaned = _clean(title, body, rationale)
    html = render_markdown(cleaned.body)
    with transaction.atomic():
        player = player_of(user, lock=True)
        amendment = _locked(amendment_id)
        why = permissions.why_cannot_change_amendment(user, player, amendment)
        if why:
            raise PermissionDenied(why)
        if seen_revision_number != amendment.revision_number:
            raise ValidationError(
                _(
                    "You changed this amendment elsewhere in the meantime (it is now at revision "
                    "%(current)s, this form started from revision %(seen)s). Your text is kept "
                    "below: compare, then save again."
                )
                % {"current": amendment.revision_number, "seen": seen_revision_number},
                code="stale",
            )
        clause = amendment.clause
        if onto_clause_revision is not None and clause is not None:
            clause = Clause.objects.select_for_update(of=("self",)).get(pk=clause.pk)
            if onto_clause_revision != clause.revision_number:
                raise ValidationError(
                    _("The clause changed again while you were resolving: rebase once more."),
                    code="stale",
                )
            amendment.base_title, amendment.base_body = clause.title, clause.body
            amendment.base_revision_number = clause.revision_number
        unchanged = (cleaned.title, cleaned.body, cleaned.rationale) == (
            amendment.title,
            amendment.body,
            amendment.rationale,
        )
        if unchanged and onto_clause_revision is None:
            return amendment
        if not unchanged:
            amendment.title, amendment.rationale = cleaned.title, cleaned.rationale
            amendment.set_body(cleaned.body, html=html)
            amendment.revision_number += 1
        amendment.updated_at = timezone.now()
        summary = (
            "Rebased by hand onto the clause's new text" if onto_clause_revision else "Revised"
        )
        _save_version(amendment, user, summary)
        caching.touch(caching.charter_stamp(amendment.charter.slug))
    return amendment


def amendment_rebase(*, amendment_id: int, user: AbstractBaseUser) -> Amendment:
    """Carry the amendment onto the clause's current text by a three-way merge.

    Raises RebaseConflict when both changed the same sentences: the author then
    resolves it in the edit form, against the clause's current text.
    """
    with transaction.atomic():
        player = player_of(user, lock=True)
        amendment = _locked(amendment_id)
        why = permissions.why_cannot_change_amendment(user, player, amendment)
        if why:
            raise PermissionDenied(why)
        if amendment.clause is None:
            raise ValidationError(_("A proposed new clause has nothing to rebase onto."))
        clause = Clause.objects.select_for_update(of=("self",)).get(pk=amendment.clause_id)
        amendment.clause = clause
        if not amendment.is_outdated:
            return amendment
        body = merge_texts(amendment.base_body, amendment.body, clause.body)
        title = merge_texts(amendment.base_title, amendment.title, clause.title)
        if not body.clean or not title.clean:
            raise RebaseConflict(amendment, clause)
        amendment.title = title.text
        amendment.set_body(body.text)
        amendment.base_title, amendment.base_body = clause.title, clause.body
        amendment.base_revision_number = clause.revision_number
        # The text changed: stances taken on the earlier one wait to be reaffirmed.
        amendment.revision_number += 1
        amendment.updated_at = timezone.now()
        _save_version(amendment, user, f"Rebased onto revision {clause.revision_number}")
        caching.touch(caching.charter_stamp(amendment.charter.slug))
    return amendment


def amendment_withdraw(*, amendment_id: int, user: AbstractBaseUser) -> Amendment:
    """The author takes the amendment back; it stays readable, marked withdrawn."""
    with transaction.atomic():
        player = player_of(user, lock=True)
        amendment = _locked(amendment_id)
        why = permissions.why_cannot_change_amendment(user, player, amendment)
        if why:
            raise PermissionDenied(why)
        amendment.status = Amendment.Status.WITHDRAWN
        amendment.decided_at = amendment.updated_at = timezone.now()
        amendment.save(update_fields=["status", "decided_at", "updated_at"])
        caching.touch(caching.charter_stamp(amendment.charter.slug))
    return amendment


def amendment_stance_take(
    *,
    amendment_id: int,
    user: AbstractBaseUser,
    position: str,
    reason: str,
    seen_revision_number: int | None = None,
) -> AmendmentStance:
    """Record the user's stance on the amendment's current text, keeping earlier ones.

    The same rule as a stance on a clause (charter.services.stances): one
    current stance per player, earlier ones kept, stale once the text changes.
    """
    if position not in Stance.Position.values:
        raise ValidationError(_("Choose support, oppose or abstain."))
    reason = text.clean_text(reason, max_length=STANCE_REASON_MAX, what=_("A reason"))
    with transaction.atomic():
        player = player_of(user, lock=True)
        # Locking the amendment serialises stances with the author's edits and
        # with the congress closing: a stance counts on the text it saw.
        amendment = _locked(amendment_id)
        why = permissions.why_cannot_take_amendment_stance(user, player, amendment)
        if why:
            raise PermissionDenied(why)
        if seen_revision_number is not None and seen_revision_number != amendment.revision_number:
            raise ValidationError(
                _(
                    "The amendment was revised while you were deciding (it is now at revision "
                    "%(current)s). Read the new text, then confirm your stance; your reason is "
                    "kept in the form."
                )
                % {"current": amendment.revision_number},
                code="stale",
            )
        current = amendment.stances.filter(user=user, is_current=True).first()
        if (
            current is not None
            and (current.position, current.reason, current.persona_id)
            == (position, reason, player.persona_id)
            and current.revision_number == amendment.revision_number
        ):
            return current
        if current is not None:
            current.is_current = False
            current.save(update_fields=["is_current"])
        caching.touch(caching.charter_stamp(amendment.charter.slug))
        return AmendmentStance.objects.create(
            user=user,
            amendment=amendment,
            persona_id=player.persona_id,
            position=position,
            reason=reason,
            revision_number=amendment.revision_number,
        )
