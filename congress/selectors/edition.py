"""Reads for the critical edition and for the signatures of a congress.

The edition is built from `Congress.record`, the text as the congress fixed
it when it closed, never from the clauses as they stand today: a clause
edited, moved or removed since changes nothing here. What the record does not
hold is read in a fixed number of queries, whatever the number of clauses or
signatures: the attribution of every clause at its recorded revision in one
query, its personas in another, the signatures in a third.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter import permissions
from charter.diffing import attributed_runs, count_words
from charter.models import Charter, RevisionMeta
from charter.permissions import AnyUser
from charter.rendering import render_markdown
from config.caching import FOREVER
from congress.models import Congress, Signature
from personas.models import Player, Tendency
from personas.selectors import personas_by_id

# The record is plain JSON written elsewhere: a colour that is not one is not
# passed on to a page.
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
UNKNOWN_COLOUR = "#c9c2b6"

# What a verdict at closing means to a reader of the edition.
STATUS_LABELS = {
    "adopted": gettext_lazy("Carried across the circles"),
    "contested": gettext_lazy("Contested: at least one circle blocked it"),
    "pending": gettext_lazy("Not judged: fewer than three circles took a side"),
    "silent": gettext_lazy("No stances were taken on it"),
}
# A recorded dissent as a sentence, by position and whether a reason was given.
VOICE_SENTENCES = {
    # Translators: %(who)s is a persona, often with their circle in brackets; then their reason.
    ("oppose", True): gettext_lazy("%(who)s opposes: %(reason)s"),
    ("oppose", False): gettext_lazy("%(who)s opposes."),
    ("abstain", True): gettext_lazy("%(who)s abstains: %(reason)s"),
    ("abstain", False): gettext_lazy("%(who)s abstains."),
}


@dataclass(frozen=True)
class Circle:
    """A circle as the record names it: what the congress saw, not today's name."""

    id: int | None
    name: str
    slug: str
    colour: str

    @property
    def label(self) -> str:
        """The recorded name in the reader's language, as `Tendency.label` reads a live one."""
        return _(self.name) if self.name else ""


@dataclass(frozen=True)
class Voice:
    """One recorded dissent, in the persona's voice."""

    persona: str
    persona_slug: str
    tendency: str
    position: str
    reason: str

    @property
    def sentence(self) -> str:
        """“Mikhail Bakunin (Anarchists) opposes: …reason…”."""
        who = self.persona
        if self.tendency:
            # Translators: a persona and the circle they spoke for, as in “Mikhail Bakunin
            # (Anarchists)”.
            who = _("%(persona)s (%(circle)s)") % {
                "persona": self.persona,
                "circle": _(self.tendency),
            }
        sentence = VOICE_SENTENCES.get((self.position, bool(self.reason)))
        if sentence is None:
            # A position the record should not hold: shown as it stands.
            return (
                f"{who} {self.position}: {self.reason}"
                if self.reason
                else f"{who} {self.position}."
            )
        return sentence % {"who": who, "reason": self.reason}


@dataclass
class Segment:
    """A stretch of the clause written by one circle (None: seed or unknown text)."""

    tendency: Tendency | None
    text: str
    offset: float = 0.0  # where it starts along the clause's strip, in percent
    width: float = 0.0


@dataclass
class CircleShare:
    tendency: Tendency | None
    words: int
    percent: float


@dataclass
class EditionClause:
    number: int
    id: int
    title: str
    html: str
    status: str
    revision_number: int
    carried_by: list[Circle]
    blocked_by: list[Circle]
    dissent: list[Voice]
    segments: list[Segment]
    shares: list[CircleShare]
    amendments: list[int]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class Edition:
    congress: Congress
    charter: Charter
    clauses: list[EditionClause]
    signatories: list[tuple[Tendency, list[Signature]]]
    adopted: int
    rejected: int

    @property
    def signature_count(self) -> int:
        return sum(len(signatures) for _, signatures in self.signatories)

    @property
    def opened_at(self) -> datetime:
        return self.congress.opens_at

    @property
    def closed_at(self) -> datetime | None:
        return self.congress.closed_at


def closed_congresses(charter: Charter) -> QuerySet[Congress]:
    """The charter's closed congresses, the latest first."""
    return Congress.objects.filter(charter=charter, closed_at__isnull=False).order_by(
        "-closed_at", "-pk"
    )


def latest_closed_congress(charter: Charter) -> Congress | None:
    return closed_congresses(charter).select_related("charter").first()


def closed_congress(charter: Charter, pk: int) -> Congress | None:
    """Congress `pk` if it sat on this charter and has closed; None otherwise."""
    return closed_congresses(charter).select_related("charter").filter(pk=pk).first()


def signatories_by_circle(congress: Congress) -> list[tuple[Tendency, list[Signature]]]:
    """The congress's signatures grouped by the circle signed in, circles in hall order."""
    signatures = (
        Signature.objects.filter(congress=congress)
        .select_related("persona", "tendency", "user")
        .order_by("tendency__position", "tendency__name", "tendency_id", "signed_at", "pk")
    )
    return [
        (tendency, list(group))
        for tendency, group in groupby(signatures, key=lambda signature: signature.tendency)
    ]


def why_cannot_sign(user: AnyUser, player: Player | None, congress: Congress) -> str:
    """Why this person may not sign what the congress adopted; empty if they may."""
    if not congress.is_closed:
        return _("You can sign once the congress has closed and the text is fixed.")
    # Translators: completes “Log in and pick a persona to …” and the other refusals to write.
    return permissions.why_cannot_write(user, player, to="sign the charter")


def signing_panel(
    congress: Congress,
    user: AnyUser,
    player: Player | None,
    *,
    signatories: list[tuple[Tendency, list[Signature]]] | None = None,
) -> dict:
    """The context templates/congress/_signatures.html expects, beside `congress`.

    Pass `signatories` when they have been read already (the edition has them).
    """
    if signatories is None:
        signatories = signatories_by_circle(congress)
    mine = None
    if user.is_authenticated:
        signed = (signature for _, group in signatories for signature in group)
        mine = next((signature for signature in signed if signature.user_id == user.pk), None)
    why = "" if mine else why_cannot_sign(user, player, congress)
    return {
        "signatories": signatories,
        "my_signature": mine,
        "can_sign": mine is None and not why,
        "why_no_sign": why,
    }


def _circles(rows: list) -> list[Circle]:
    circles = []
    for row in rows or []:
        colour = row.get("colour", "")
        circles.append(
            Circle(
                id=row.get("id"),
                name=row.get("name", ""),
                slug=row.get("slug", ""),
                colour=colour if _COLOUR.fullmatch(colour or "") else UNKNOWN_COLOUR,
            )
        )
    return circles


def _voices(rows: list) -> list[Voice]:
    return [
        Voice(
            persona=row.get("persona", ""),
            persona_slug=row.get("persona_slug", ""),
            tendency=row.get("tendency", ""),
            position=row.get("position", ""),
            reason=row.get("reason", ""),
        )
        for row in rows or []
    ]


def _attributions(rows: list[dict]) -> dict[tuple[int, int], list]:
    """The attribution runs of each (clause id, revision number) in the record, in one query."""
    wanted = Q()
    for row in rows:
        wanted |= Q(clause_id=row["id"], revision_number=row.get("revision_number", 0))
    if not wanted:
        return {}
    found = RevisionMeta.objects.filter(wanted).values_list(
        "clause_id", "revision_number", "attribution"
    )
    return {(clause_id, number): runs or [] for clause_id, number, runs in found}


def _rendered(congress: Congress, rows: list[dict]) -> dict[int, str]:
    """Each clause's HTML, rendered once: the recorded text of a closed congress never changes."""
    keys = {
        row["id"]: f"edition:html:{congress.pk}:{row['id']}:{row.get('revision_number', 0)}"
        for row in rows
    }
    found = cache.get_many(list(keys.values()))
    missing = {
        keys[row["id"]]: render_markdown(row.get("body", ""))
        for row in rows
        if keys[row["id"]] not in found
    }
    if missing:
        cache.set_many(missing, FOREVER)
    found.update(missing)
    return {row["id"]: found[keys[row["id"]]] for row in rows}


def _segments(pieces: list[tuple[Tendency | None, str]]) -> list[Segment]:
    """Neighbouring pieces of one circle joined, each placed along a 0–100 strip."""
    segments: list[Segment] = []
    for tendency, text in pieces:
        if segments and segments[-1].tendency == tendency:
            segments[-1].text += text
        else:
            segments.append(Segment(tendency, text))
    total = sum(len(segment.text) for segment in segments) or 1
    offset = 0.0
    for segment in segments:
        segment.offset = offset
        segment.width = 100 * len(segment.text) / total
        offset += segment.width
    return segments


def _shares(segments: list[Segment]) -> list[CircleShare]:
    words: dict[Tendency | None, int] = {}
    for segment in segments:
        words[segment.tendency] = words.get(segment.tendency, 0) + count_words(segment.text)
    total = sum(words.values()) or 1
    shares = [
        CircleShare(tendency, count, 100 * count / total)
        for tendency, count in words.items()
        if count
    ]
    return sorted(shares, key=lambda share: -share.words)


def edition(congress: Congress) -> Edition:
    """The critical edition of what `congress` adopted, from its record."""
    record = congress.record or {}
    rows = [row for row in record.get("clauses", []) if "id" in row]
    runs = _attributions(rows)
    html = _rendered(congress, rows)
    pieces_by_clause = {
        row["id"]: attributed_runs(
            row.get("body", ""), runs.get((row["id"], row.get("revision_number", 0)), [])
        )
        for row in rows
    }
    personas = personas_by_id(
        {author for pieces in pieces_by_clause.values() for author, _ in pieces}
    )
    clauses = []
    for number, row in enumerate(rows, start=1):
        pieces = []
        for author, text in pieces_by_clause[row["id"]]:
            persona = personas.get(author)
            pieces.append((persona.tendency if persona else None, text))
        segments = _segments(pieces)
        clauses.append(
            EditionClause(
                number=number,
                id=row["id"],
                title=row.get("title", ""),
                html=html[row["id"]],
                status=row.get("status", ""),
                revision_number=row.get("revision_number", 0),
                carried_by=_circles(row.get("carried_by")),
                blocked_by=_circles(row.get("blocked_by")),
                dissent=_voices(row.get("dissent")),
                segments=segments,
                shares=_shares(segments),
                amendments=list(row.get("amendments", [])),
            )
        )
    return Edition(
        congress=congress,
        charter=congress.charter,
        clauses=clauses,
        signatories=signatories_by_circle(congress),
        adopted=record.get("adopted", 0),
        rejected=record.get("rejected", 0),
    )
