"""Read-side queries for stances, consensus marks and the minimum program.

Counting is one grouped query per page (clause x tendency x position), never a
query per clause or per stance, so pages cost the same with ten stances or
ten thousand. The rule itself lives in charter.consensus.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext

from charter import consensus
from charter.consensus import Program, Tally, Verdict
from charter.models import Charter, Clause, Stance
from personas.models import PlayerGroup, Tendency, the_group

# The clause page names the newest stances; the tallies above them count all.
STANCES_SHOWN = 200

DISSENT = (Stance.Position.OPPOSE, Stance.Position.ABSTAIN)


def counted_stances() -> QuerySet[Stance]:
    """Stances that count: current, and taken on the clause's current text."""
    return Stance.objects.filter(
        is_current=True, clause_revision_number=F("clause__revision_number")
    )


def is_stale(stance: Stance, clause: Clause) -> bool:
    """Taken on an earlier text of the clause, so not counted until reaffirmed."""
    return stance.clause_revision_number != clause.revision_number


# Tendency columns ride along in the grouped queries (they depend on the
# tendency id, so the groups are unchanged) to save a query per page.
TENDENCY_FIELDS = {
    "persona__tendency": "pk",
    "persona__tendency__name": "name",
    "persona__tendency__slug": "slug",
    "persona__tendency__colour": "colour",
    "persona__tendency__position": "position",
}


def _tendency(row: dict, seen: dict[int, Tendency]) -> Tendency:
    pk = row["persona__tendency"]
    if pk not in seen:
        seen[pk] = Tendency(**{attr: row[key] for key, attr in TENDENCY_FIELDS.items()})
    return seen[pk]


def _ordered(tallies: dict[Tendency, Tally]) -> dict[Tendency, Tally]:
    return dict(sorted(tallies.items(), key=lambda item: (item[0].position, item[0].name)))


def tallies_by(rows: Iterable[dict], key: str) -> dict[object, dict[Tendency, Tally]]:
    """Grouped rows (`key`, TENDENCY_FIELDS, position, n) as tallies per key and tendency.

    Shared by clauses and amendments: whatever is judged, it is counted alike.
    """
    tendencies: dict[int, Tendency] = {}
    counts: dict[object, dict[int, dict[str, int]]] = {}
    for row in rows:
        tendency = _tendency(row, tendencies)
        per_tendency = counts.setdefault(row[key], {}).setdefault(tendency.pk, {})
        per_tendency[row["position"]] = per_tendency.get(row["position"], 0) + row["n"]
    return {
        subject: _ordered({tendencies[pk]: Tally(**n) for pk, n in per_subject.items()})
        for subject, per_subject in counts.items()
    }


def charter_tallies(charter: Charter) -> dict[int, dict[Tendency, Tally]]:
    """Counted stances per clause id and tendency, for a whole charter, in one query."""
    rows = (
        counted_stances()
        .filter(clause__charter=charter, clause__is_removed=False)
        .values("clause", *TENDENCY_FIELDS, "position")
        .annotate(n=Count("id"))
        # The model's default ordering would leak into GROUP BY.
        .order_by()
    )
    return tallies_by(rows, "clause")


def charter_program(charter: Charter, clauses: Sequence[Clause]) -> Program[Clause, Tendency]:
    """The rule applied to `clauses` (live, in charter order)."""
    tallies = charter_tallies(charter)
    return consensus.program_from_tallies(
        {clause: tallies.get(clause.pk, {}) for clause in clauses}
    )


def with_consensus(charter: Charter, clauses: Iterable[Clause]) -> list[Clause]:
    """The clauses, each carrying its verdict as `.consensus` for the charter page."""
    clauses = list(clauses)
    program = charter_program(charter, clauses)
    for clause in clauses:
        clause.consensus = program.verdicts[clause]
    return clauses


@dataclass(frozen=True)
class Voice:
    """One counted opposition or abstention, as the minutes record it."""

    persona: str
    tendency: str
    position: str
    reason: str
    # The name of the group the voice is, if it is a group's.
    group: str = ""

    @property
    def speaker(self) -> str:
        """The persona, and the group when the voice is a group's: "X, for the Y group"."""
        if not self.group:
            return self.persona
        return gettext("%(persona)s, for %(group)s") % {
            "persona": self.persona,
            "group": the_group(self.group),
        }

    @property
    def reason_line(self) -> str:
        """The reason on one line, so each voice stays one item of a Markdown list."""
        return " ".join(self.reason.split())


def dissent(clauses: Sequence[Clause]) -> dict[int, list[Voice]]:
    """Counted oppositions and abstentions per clause id, signed by persona, in one query."""
    rows = (
        counted_stances()
        .filter(clause__in=[c.pk for c in clauses], position__in=DISSENT)
        .order_by("clause_id", "persona__tendency__position", "persona__name", "created_at")
        # Plain tuples: the program page lists hundreds of these.
        .values_list(
            "clause_id",
            "persona__name",
            "persona__tendency__name",
            "position",
            "reason",
            "group__name",
        )
    )
    result: dict[int, list[Voice]] = {clause.pk: [] for clause in clauses}
    for clause_id, *fields in rows:
        persona, tendency, position, reason, group = fields
        # The circle's name in the reader's language, as Tendency.label gives it.
        voice = Voice(
            persona, gettext(tendency) if tendency else "", position, reason, group=group or ""
        )
        result[clause_id].append(voice)
    return result


@dataclass
class MinimumProgram:
    charter: Charter
    program: Program[Clause, Tendency]
    dissent: dict[int, list[Voice]]

    @property
    def adopted(self) -> list[Verdict[Clause, Tendency]]:
        return self.program.adopted

    @property
    def contested(self) -> list[Verdict[Clause, Tendency]]:
        return self.program.contested

    @property
    def pending(self) -> list[Verdict[Clause, Tendency]]:
        return self.program.pending


def minimum_program(charter: Charter) -> MinimumProgram:
    """The charter's minimum program, contested and pending clauses, and the dissent on them."""
    clauses = list(Clause.objects.live().filter(charter=charter).select_related("charter"))
    program = charter_program(charter, clauses)
    shown = [v.clause for v in program.adopted] + [v.clause for v in program.contested]
    dissent_by_clause = dissent(shown) if shown else {}
    for verdict in program.adopted + program.contested:
        verdict.clause.dissent = dissent_by_clause.get(verdict.clause.pk, [])
    return MinimumProgram(charter=charter, program=program, dissent=dissent_by_clause)


# The clause page ----------------------------------------------------------


@dataclass
class Segment:
    position: str
    count: int
    x: str
    width: str


@dataclass
class TendencyPicture:
    """One tendency's bar and the stances behind it, each named, on a clause."""

    tendency: Tendency
    tally: Tally
    stale: int = 0
    stances: list[Stance] = field(default_factory=list)

    @property
    def unlisted(self) -> int:
        """Stances counted in the bar (or stale) but beyond the named ones."""
        return max(0, self.tally.total + self.stale - len(self.stances))

    @property
    def segments(self) -> list[Segment]:
        """Support, oppose and abstain as slices of a 100-unit bar, for an SVG viewBox."""
        total = self.tally.total
        segments, x = [], 0.0
        for position in consensus.POSITIONS:
            count = getattr(self.tally, position)
            if not count:
                continue
            width = 100 * count / total
            segments.append(Segment(position, count, f"{x:.2f}", f"{width:.2f}"))
            x += width
        return segments


@dataclass
class ClauseStances:
    """Everything the stance section of a clause (or an amendment) page shows."""

    verdict: Verdict
    pictures: list[TendencyPicture]
    mine: Stance | None
    stale_total: int

    @property
    def mine_is_stale(self) -> bool:
        return self.mine is not None and self.mine.is_stale

    @property
    def counted_total(self) -> int:
        return sum(p.tally.total for p in self.pictures)


def my_stance(
    clause: Clause, user: AbstractBaseUser | AnonymousUser, *, group: PlayerGroup | None = None
) -> Stance | None:
    """The reader's current stance on the clause, marked stale or not; None for visitors.

    For a member of `group` (the reader's group now) it is the group's stance,
    whichever member took it.
    """
    if not user.is_authenticated:
        return None
    return _shown(Stance.objects.filter(voice(user, group), clause=clause, is_current=True), clause)


def voice(user: AbstractBaseUser, group: PlayerGroup | None) -> Q:
    """The stances that speak for the reader: their group's if they are in one, else their own."""
    return Q(group=group) if group is not None else Q(user=user, group__isnull=True)


def stance_shown(stance_id: int | None, clause: Clause) -> Stance | None:
    """The stance `stance_id` on `clause` as the page shows it (one query; none for None)."""
    if stance_id is None:
        return None
    return _shown(Stance.objects.filter(pk=stance_id), clause)


def _shown(stances: QuerySet, clause: Clause) -> Stance | None:
    stance = stances.select_related("persona__tendency", "group", "user").first()
    if stance is not None:
        stance.is_stale = is_stale(stance, clause)
    return stance


def stance_panel(
    current: QuerySet,
    *,
    fresh: Q,
    subject: object,
    user: AbstractBaseUser | AnonymousUser,
    related: tuple[str, ...] = ("persona__tendency", "user"),
) -> ClauseStances:
    """Per-tendency tallies, every current stance named and the user's own, in two queries.

    `current` holds the subject's current stances (of a clause or of an
    amendment); `fresh` picks those taken on its current text, the only ones
    counted. Each listed stance gets `is_stale`; `related` is what each one
    shows beside its persona (the player, and for clauses the group).
    """
    rows = (
        current.values(*TENDENCY_FIELDS, "position")
        .annotate(counted=Count("id", filter=fresh), stale=Count("id", filter=~fresh))
        .order_by()
    )
    tendencies: dict[int, Tendency] = {}
    pictures: dict[int, TendencyPicture] = {}
    for row in rows:
        tendency = _tendency(row, tendencies)
        picture = pictures.setdefault(
            tendency.pk, TendencyPicture(tendency=tendency, tally=Tally())
        )
        if row["counted"]:
            picture.tally = picture.tally.add(row["position"], row["counted"])
        picture.stale += row["stale"]
    mine = None
    # Everyone is named, with a reason or without: "2 support" shows two people.
    listed = current.annotate(is_fresh=Case(When(fresh, then=Value(True)), default=Value(False)))
    if user.is_authenticated:
        # The reader's own stance rides first in the same query.
        listed = listed.annotate(is_mine=Case(When(user=user, then=Value(0)), default=Value(1)))
        listed = listed.order_by("is_mine", "-created_at")
    else:
        listed = listed.order_by("-created_at")
    for stance in listed.select_related(*related)[:STANCES_SHOWN]:
        stance.is_stale = not stance.is_fresh
        if user.is_authenticated and stance.user_id == user.pk:
            mine = stance
        tendency = stance.persona.tendency
        # A stance may land between the two queries; it still gets a row.
        picture = pictures.setdefault(
            tendency.pk, TendencyPicture(tendency=tendency, tally=Tally())
        )
        picture.stances.append(stance)
    ordered = sorted(pictures.values(), key=lambda p: (p.tendency.position, p.tendency.name))
    verdict = Verdict(
        clause=subject, tallies={p.tendency: p.tally for p in ordered if p.tally.total}
    )
    return ClauseStances(
        verdict=verdict,
        pictures=ordered,
        mine=mine,
        stale_total=sum(p.stale for p in ordered),
    )


def clause_stances(clause: Clause, user: AbstractBaseUser | AnonymousUser) -> ClauseStances:
    """The stance section of a clause page."""
    return stance_panel(
        Stance.objects.filter(clause=clause, is_current=True),
        fresh=Q(clause_revision_number=clause.revision_number),
        subject=clause,
        user=user,
        related=("persona__tendency", "user", "group"),
    )


# A player group's page -----------------------------------------------------

GROUP_STANCES_SHOWN = 300


@dataclass
class GroupClauseStance:
    """A group's stance on one clause: the latest, and (for members) the ones it replaced."""

    clause: Clause
    latest: Stance
    earlier: list[Stance] = field(default_factory=list)


def group_stances(group: PlayerGroup, *, with_history: bool) -> list[GroupClauseStance]:
    """The group's latest stance per clause, newest first, in one query.

    `with_history` adds each clause's earlier group stances (who changed it,
    when and why), for the members. A dissolved group's latest stances are
    shown as held until it dissolved (none of them counts any more).
    """
    stances = (
        Stance.objects.filter(group=group, clause__is_removed=False)
        .select_related("clause__charter", "user", "persona__tendency")
        .order_by("-created_at", "-pk")
    )
    if not with_history and not group.is_dissolved:
        stances = stances.filter(is_current=True)
    by_clause: dict[int, GroupClauseStance] = {}
    for stance in stances[:GROUP_STANCES_SHOWN]:
        stance.is_stale = is_stale(stance, stance.clause)
        entry = by_clause.get(stance.clause_id)
        if entry is None:
            by_clause[stance.clause_id] = GroupClauseStance(clause=stance.clause, latest=stance)
        elif with_history:
            entry.earlier.append(stance)
    return list(by_clause.values())
