"""Builders for closed congresses, their records written as the closing service writes them."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from charter.models import Charter, Clause
from charter.selectors.revisions import latest_version
from congress.models import Congress
from personas.models import Tendency
from tests.conftest import make_user


def circle(tendency: Tendency) -> dict:
    """A circle as a record names it."""
    return {
        "id": tendency.pk,
        "name": tendency.name,
        "slug": tendency.slug,
        "colour": tendency.colour,
    }


def voice(persona, *, position: str = "oppose", reason: str = "") -> dict:
    """A recorded dissent, in the persona's voice."""
    return {
        "persona": persona.name,
        "persona_slug": persona.slug,
        "tendency": persona.tendency.name,
        "position": position,
        "reason": reason,
    }


def clause_row(clause: Clause, **overrides) -> dict:
    """A clause as the record holds it: its current text, adopted and carried by nobody yet."""
    clause.refresh_from_db()
    row = {
        "id": clause.pk,
        "position": clause.position,
        "title": clause.title,
        "body": clause.body,
        "revision_number": clause.revision_number,
        "version_id": latest_version(clause).pk,
        "status": "adopted",
        "carried_by": [],
        "blocked_by": [],
        "dissent": [],
        "amendments": [],
    }
    row.update(overrides)
    return row


def make_congress(
    charter: Charter,
    *,
    rows: list[dict] = (),
    closed: bool = True,
    convened_by: User | None = None,
    title: str = "The Chicago Congress",
    days_ago: int = 3,
    **record,
) -> Congress:
    """A congress on `charter` that sat for two days and closed (unless `closed=False`)."""
    opens_at = timezone.now() - timedelta(days=days_ago)
    convened_by = convened_by or User.objects.filter(username="convener").first()
    if convened_by is None:
        convened_by = make_user("convener")
    return Congress.objects.create(
        charter=charter,
        title=title,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=2),
        convened_by=convened_by,
        closed_at=opens_at + timedelta(days=2) if closed else None,
        record={"clauses": list(rows), "adopted": 0, "rejected": 0, **record} if closed else {},
    )
