"""Reads for congresses: the floor while one sits, the minutes once it has closed."""

from dataclasses import dataclass

from charter.consensus import Verdict
from charter.models import Charter
from congress.models import Amendment, Congress, Decision
from congress.selectors.amendments import amendment_tallies


def congress_for_page(charter: Charter, pk: int) -> Congress | None:
    return (
        Congress.objects.select_related("charter", "convened_by", "closed_by")
        .filter(charter=charter, pk=pk)
        .first()
    )


def congresses_of(charter: Charter) -> list[Congress]:
    return list(Congress.objects.filter(charter=charter).order_by("-opens_at"))


@dataclass
class FloorItem:
    """An open amendment before the congress, with how the rule judges it now."""

    amendment: Amendment
    verdict: Verdict


def floor(charter: Charter) -> list[FloorItem]:
    """Open amendments of the charter in the order the congress will judge them (two queries)."""
    amendments = list(
        Amendment.objects.filter(charter=charter, status=Amendment.Status.OPEN)
        .select_related("clause", "persona__tendency", "author")
        .defer("body", "body_html", "base_body", "clause__body", "clause__body_html")
        .order_by("created_at", "pk")
    )
    tallies = amendment_tallies([a.pk for a in amendments])
    return [FloorItem(a, Verdict(clause=a.pk, tallies=tallies.get(a.pk, {}))) for a in amendments]


@dataclass
class Minutes:
    congress: Congress
    adopted: list[Decision]
    rejected: list[Decision]
    conflicts: list[Decision]

    @property
    def judged(self) -> int:
        return len(self.adopted) + len(self.rejected) + len(self.conflicts)


def minutes(congress: Congress) -> Minutes:
    """The decisions of a closed congress, grouped by outcome (one query)."""
    decisions = list(
        congress.decisions.select_related(
            "amendment__clause", "amendment__persona__tendency", "amendment__author"
        )
        .defer("amendment__body_html", "amendment__base_body", "amendment__clause__body_html")
        .order_by("position")
    )
    by = {outcome: [] for outcome in Decision.Outcome.values}
    for decision in decisions:
        by[decision.outcome].append(decision)
    return Minutes(
        congress=congress,
        adopted=by[Decision.Outcome.ADOPTED],
        rejected=by[Decision.Outcome.REJECTED],
        conflicts=by[Decision.Outcome.CONFLICT],
    )
