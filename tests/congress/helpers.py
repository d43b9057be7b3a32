"""Builders for congress tests: amendments, stances from several circles, congresses."""

from datetime import timedelta

from django.utils import timezone

from congress.models import Amendment, Congress
from congress.services.amendments import amendment_propose, amendment_stance_take
from congress.services.congresses import congress_convene
from tests.conftest import make_voter


def propose(clause, user, body: str, *, title: str | None = None, rationale: str = "") -> Amendment:
    return amendment_propose(
        charter=clause.charter,
        clause_id=clause.pk,
        user=user,
        title=title or clause.title,
        body=body,
        rationale=rationale,
    )


def circles_take(amendment: Amendment, *positions: str, reason: str = "") -> list:
    """One voter per position, each in a circle of their own."""
    voters = []
    for position in positions:
        voter = make_voter()
        amendment_stance_take(
            amendment_id=amendment.pk, user=voter, position=position, reason=reason
        )
        voters.append(voter)
    return voters


def convene(charter, moderator, *, opens_in=timedelta(0), lasts=timedelta(days=3)) -> Congress:
    opens = timezone.now() + opens_in
    return congress_convene(
        charter=charter,
        user=moderator,
        title="Chicago, 1905 again",
        opens_at=opens,
        closes_at=opens + lasts,
    )
