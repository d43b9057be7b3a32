"""Reads for amendments: lists, the amendment page, stances and tallies.

Tallies are one grouped query for any number of amendments, with the same
counting as clauses (charter.selectors.stances), so a congress of two hundred
amendments is judged in a single read.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Q, QuerySet

from charter.consensus import Tally
from charter.models import Charter, Clause, Comment
from charter.selectors.stances import (
    TENDENCY_FIELDS,
    ClauseStances,
    Voice,
    stance_panel,
    tallies_by,
)
from congress.models import Amendment, AmendmentStance
from personas.models import Tendency

DISSENT = ("oppose", "abstain")


def amendments_of(charter: Charter) -> QuerySet[Amendment]:
    """A charter's amendments with what a list shows (clause, persona, circle)."""
    return (
        Amendment.objects.filter(charter=charter)
        .select_related("clause", "persona__tendency", "author")
        .defer("body", "body_html", "base_body")
        .annotate(
            stance_count=Count(
                "stances",
                filter=Q(
                    stances__is_current=True,
                    stances__revision_number=F("revision_number"),
                ),
            )
        )
        .order_by("created_at", "pk")
    )


def open_amendments_of(clause: Clause) -> list[Amendment]:
    """The open amendments to a clause, for its page (one query)."""
    return list(
        Amendment.objects.filter(clause=clause, status=Amendment.Status.OPEN)
        .select_related("persona__tendency")
        .only(
            "pk",
            "title",
            "charter_id",
            "clause_id",
            "status",
            "base_revision_number",
            "persona__name",
            "persona__slug",
            "persona__tendency__name",
            "persona__tendency__slug",
            "persona__tendency__colour",
        )
        .order_by("created_at", "pk")
    )


def amendment_for_page(charter: Charter, pk: int) -> Amendment | None:
    return (
        Amendment.objects.select_related(
            "charter", "clause__charter", "persona__tendency", "author", "thread"
        )
        .filter(charter=charter, pk=pk)
        .first()
    )


def amendment_stances(
    amendment: Amendment, user: AbstractBaseUser | AnonymousUser
) -> ClauseStances:
    """The amendment's stance section, counted as a clause's is."""
    return stance_panel(
        AmendmentStance.objects.filter(amendment=amendment, is_current=True),
        fresh=Q(revision_number=amendment.revision_number),
        subject=amendment,
        user=user,
    )


def counted_amendment_stances() -> QuerySet[AmendmentStance]:
    """Current stances taken on the amendment's current text: those that count."""
    return AmendmentStance.objects.filter(
        is_current=True, revision_number=F("amendment__revision_number")
    )


def amendment_tallies(ids: list[int]) -> dict[int, dict[Tendency, Tally]]:
    """Counted stances per amendment id and tendency, in one query."""
    rows = (
        counted_amendment_stances()
        .filter(amendment__in=ids)
        .values("amendment", *TENDENCY_FIELDS, "position")
        .annotate(n=Count("id"))
        .order_by()
    )
    return tallies_by(rows, "amendment")


def amendment_dissent(ids: list[int]) -> dict[int, list[Voice]]:
    """Counted oppositions and abstentions per amendment id, signed by persona, in one query."""
    rows = (
        counted_amendment_stances()
        .filter(amendment__in=ids, position__in=DISSENT)
        .order_by("amendment_id", "persona__tendency__position", "persona__name", "created_at")
        .values_list(
            "amendment_id", "persona__name", "persona__tendency__name", "position", "reason"
        )
    )
    result: dict[int, list[Voice]] = {pk: [] for pk in ids}
    for amendment_id, *fields in rows:
        result[amendment_id].append(Voice(*fields))
    return result


def thread_of(amendment: Amendment) -> list[Comment]:
    """The amendment's thread in the clause's debate, in reading order (one query)."""
    if amendment.thread is None:
        return []
    return list(
        Comment.objects.filter(
            clause_id=amendment.clause_id, path__startswith=amendment.thread.path
        )
        .select_related("persona__tendency", "author")
        .order_by("path")
    )
