"""Congresses: convene one on a charter, and close it by judging every open amendment.

Closing runs in one transaction that locks the congress row first: two
closings at once (cron and a moderator's button) are judged one after the
other, and the second finds the congress closed. Amendments are judged in
the order they were proposed by the minimum-program rule across circles
(charter.consensus); one that carries becomes a clause revision attributed
to its author's persona. A later amendment to a clause an earlier one has
just changed is merged three-way onto the new text; if both changed the same
sentences it stays open, outdated, and the minutes say so: no text is lost.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from charter import consensus, summaries, text
from charter.diffing import merge_texts
from charter.models import Charter, Clause, RevisionMeta
from charter.selectors.revisions import latest_version
from charter.selectors.stances import Voice, charter_program, dissent
from charter.services.revisions import record_revision
from config import caching
from congress import permissions
from congress.models import CONGRESS_TITLE_MAX, Amendment, Congress, Decision
from congress.selectors.amendments import amendment_dissent, amendment_tallies
from personas.models import Tendency


def congress_convene(
    *,
    charter: Charter,
    user: AbstractBaseUser,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
) -> Congress:
    """Convene a congress on the charter; from `opens_at`, direct edits are closed."""
    title = text.clean_text(
        title, max_length=CONGRESS_TITLE_MAX, required=True, what=_("The title")
    )
    if closes_at <= opens_at:
        raise ValidationError(_("The congress must close after it opens."), code="closes_at")
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing time has already passed."), code="closes_at")
    with transaction.atomic():
        # The charter row is the one edits lock too: an edit in flight commits
        # before the congress exists, or sees it and is refused.
        charter = Charter.objects.select_for_update().get(pk=charter.pk)
        why = permissions.why_cannot_convene(user, charter)
        if why:
            raise PermissionDenied(why)
        congress = Congress.objects.create(
            charter=charter, title=title, opens_at=opens_at, closes_at=closes_at, convened_by=user
        )
        charter.congress = congress
        charter.congress_opens_at, charter.congress_closes_at = opens_at, closes_at
        charter.save(update_fields=["congress", "congress_opens_at", "congress_closes_at"])
        caching.touch(caching.charter_stamp(charter.slug), "charters")
    return congress


@dataclass
class Closing:
    """What one closing did, for the caller and the benchmark."""

    congress: Congress
    adopted: list[Amendment] = field(default_factory=list)
    rejected: list[Amendment] = field(default_factory=list)
    conflicts: list[Amendment] = field(default_factory=list)


def _circles(tendencies: list[Tendency]) -> list[dict]:
    return [{"id": t.pk, "name": t.name, "slug": t.slug, "colour": t.colour} for t in tendencies]


def _voices(voices: list[Voice]) -> list[dict]:
    return [
        {
            "persona": v.persona,
            "tendency": v.tendency,
            "position": v.position,
            "reason": v.reason,
        }
        for v in voices
    ]


def _adopt(amendment: Amendment, charter: Charter) -> tuple[str, str]:
    """Make the amendment a clause revision.

    Returns a Decision outcome and a note for the minutes: adopted; rejected
    when there is nothing left to change; conflict when it cannot be merged.
    """
    # Stored in English for every reader; shown in theirs (charter.summaries).
    summary = summaries.adopted(amendment.pk)
    if amendment.clause_id is None:
        last = charter.clauses.aggregate(p=Max("position"))["p"] or 0
        clause = Clause(charter=charter, position=last + 1, title=amendment.title)
        clause.set_body(amendment.body, html=amendment.body_html)
        clause.save()
        amendment.clause = clause
        meta = record_revision(
            clause=clause,
            user=amendment.author,
            persona=amendment.persona,
            summary=summary,
            kind=RevisionMeta.Kind.CREATE,
            old_body="",
        )
    else:
        clause = Clause.objects.select_for_update(of=("self",)).get(pk=amendment.clause_id)
        amendment.clause = clause
        if clause.is_removed:
            return Decision.Outcome.REJECTED, _(
                "The clause was removed before the congress closed."
            )
        title, body = amendment.title, amendment.body
        if clause.revision_number != amendment.base_revision_number:
            # The clause moved on (often: an earlier amendment adopted a moment
            # ago). Carry this amendment's change onto the new text.
            merged_body = merge_texts(amendment.base_body, body, clause.body)
            merged_title = merge_texts(amendment.base_title, title, clause.title)
            if not merged_body.clean or not merged_title.clean:
                return Decision.Outcome.CONFLICT, _(
                    "It changes the same sentences as the clause's newer text "
                    "(revision %(number)s); it stays open for its author to rebase."
                ) % {"number": clause.revision_number}
            title, body = merged_title.text, merged_body.text
        if (title, body) == (clause.title, clause.body):
            return Decision.Outcome.REJECTED, _(
                "The clause already reads as the amendment proposes."
            )
        old_body = clause.body
        clause.title = title
        clause.set_body(body, html=amendment.body_html if body == amendment.body else None)
        meta = record_revision(
            clause=clause,
            user=amendment.author,
            persona=amendment.persona,
            summary=summary,
            kind=RevisionMeta.Kind.AMEND,
            old_body=old_body,
        )
    amendment.adopted_revision = meta
    return Decision.Outcome.ADOPTED, ""


def _record(charter: Charter, amendments_by_clause: dict[int, list[int]]) -> dict:
    """The charter as adopted, with each clause's verdict and dissent: fixed from now on."""
    clauses = list(Clause.objects.live().filter(charter=charter).order_by("position", "pk"))
    program = charter_program(charter, clauses)
    voices = dissent(clauses) if clauses else {}
    rows = []
    for clause in clauses:
        verdict = program.verdicts[clause]
        version = latest_version(clause)
        rows.append(
            {
                "id": clause.pk,
                "position": clause.position,
                "title": clause.title,
                "body": clause.body,
                "revision_number": clause.revision_number,
                "version_id": version.pk if version else None,
                "status": verdict.status,
                "carried_by": _circles(verdict.supporters),
                "blocked_by": _circles([t for t, _ in verdict.blocking]),
                "dissent": _voices(voices.get(clause.pk, [])),
                "amendments": amendments_by_clause.get(clause.pk, []),
            }
        )
    return {"clauses": rows}


def congress_close(*, congress_id: int, user: AbstractBaseUser | None) -> Closing:
    """Judge every open amendment of the charter, adopt those that carry, write the minutes.

    `user` is the moderator pressing the button, or None for the clock (cron).
    """
    with transaction.atomic():
        congress = (
            Congress.objects.select_for_update().select_related("charter").get(pk=congress_id)
        )
        why = permissions.why_cannot_close(user, congress)
        if why:
            raise PermissionDenied(why)
        charter = Charter.objects.select_for_update().get(pk=congress.charter_id)
        closing = Closing(congress=congress)
        amendments = list(
            Amendment.objects.select_for_update(of=("self",))
            .filter(charter=charter, status=Amendment.Status.OPEN)
            .select_related("author", "persona")
            .order_by("created_at", "pk")
        )
        ids = [a.pk for a in amendments]
        tallies = amendment_tallies(ids)
        voices = amendment_dissent(ids)
        now = timezone.now()
        decisions = []
        adopted_into: dict[int, list[int]] = {}
        for position, amendment in enumerate(amendments, start=1):
            verdict = consensus.Verdict(clause=amendment.pk, tallies=tallies.get(amendment.pk, {}))
            decision = Decision(
                congress=congress,
                amendment=amendment,
                position=position,
                carried_by=_circles(verdict.supporters),
                blocked_by=_circles([t for t, _ in verdict.blocking]),
                dissent=_voices(voices.get(amendment.pk, [])),
            )
            if verdict.adopted:
                decision.outcome, decision.note = _adopt(amendment, charter)
                if decision.outcome == Decision.Outcome.CONFLICT:
                    # Still open, its text untouched: carried to the author's rebase.
                    closing.conflicts.append(amendment)
                    decisions.append(decision)
                    continue
                if decision.outcome == Decision.Outcome.ADOPTED:
                    amendment.status = Amendment.Status.ADOPTED
                    adopted_into.setdefault(amendment.clause_id, []).append(amendment.pk)
                    closing.adopted.append(amendment)
                else:
                    amendment.status = Amendment.Status.REJECTED
                    closing.rejected.append(amendment)
            else:
                decision.outcome = Decision.Outcome.REJECTED
                if not verdict.blocking:
                    decision.note = _(
                        "Too few circles took a side: %(voiced)s of the %(needed)s needed."
                    ) % {"voiced": verdict.voiced, "needed": consensus.MIN_TENDENCIES}
                amendment.status = Amendment.Status.REJECTED
                closing.rejected.append(amendment)
            amendment.decided_at = now
            amendment.save(update_fields=["status", "decided_at", "clause", "adopted_revision"])
            decisions.append(decision)
        Decision.objects.bulk_create(decisions)
        congress.closed_at, congress.closed_by = now, user
        congress.record = {
            **_record(charter, adopted_into),
            "adopted": len(closing.adopted),
            "rejected": len(closing.rejected),
            "conflicts": len(closing.conflicts),
        }
        congress.save(update_fields=["closed_at", "closed_by", "record"])
        charter.congress = None
        charter.congress_opens_at = charter.congress_closes_at = None
        charter.save(update_fields=["congress", "congress_opens_at", "congress_closes_at"])
        caching.touch(caching.charter_stamp(charter.slug), "charters")
    return closing


def close_due_congresses(now: datetime | None = None) -> list[Closing]:
    """Close every congress whose time is up: what cron runs."""
    now = now or timezone.now()
    due = Congress.objects.filter(closed_at__isnull=True, closes_at__lte=now).values_list(
        "pk", flat=True
    )
    closings = []
    for pk in due:
        try:
            closings.append(congress_close(congress_id=pk, user=None))
        except PermissionDenied:
            # Closed meanwhile by a moderator's button: nothing left to do.
            continue
    return closings
