"""A little life for the demo hall: a few edits, a debate and some stances.

Played once, through the real services, when the demo players have not yet
done anything; `seed_demo` calls it after creating them.
"""

from django.contrib.auth.models import User

from charter.models import Clause, Comment, RevisionMeta
from charter.selectors import revisions as history
from charter.services import discussion, revisions, stances
from personas import groups
from personas.models import Persona, PlayerGroup

CHARTER = "virtual-charter"


def _clause(title: str) -> Clause | None:
    return Clause.objects.filter(charter__slug=CHARTER, title=title, is_removed=False).first()


def _append(clause: Clause, user: User, text: str, summary: str) -> None:
    clause.refresh_from_db()
    revisions.clause_revise(
        clause_id=clause.pk,
        user=user,
        title=clause.title,
        body=f"{clause.body}\n\n{text}",
        summary=summary,
        base_version_id=history.latest_version(clause).pk,
    )


GROUP = "Spartacus group"


def group(users: dict[str, User]) -> PlayerGroup:
    """The demo's player group: alice founded it, grace joined; both play Rosa Luxemburg."""
    existing = PlayerGroup.objects.filter(name=GROUP).first()
    if existing is not None:
        return existing
    alice, grace = users["alice"], users["grace"]
    founded = groups.group_create(
        user=alice, name=GROUP, persona=Persona.objects.get(slug="rosa-luxemburg")
    )
    invitation = groups.group_invite(group_id=founded.pk, user=alice, username=grace.username)
    groups.group_invitation_accept(invitation_id=invitation.pk, user=grace)
    return founded


def play(users: dict[str, User]) -> bool:
    """Stage the demo activity; False when it already happened (idempotent)."""
    everyone = list(users.values())
    if (
        RevisionMeta.objects.filter(revision__user__in=everyone).exists()
        or Comment.objects.filter(author__in=everyone).exists()
    ):
        return False
    criticism = _clause("Freedom of criticism inside the movement")
    solidarity = _clause("Solidarity across borders")
    organisation = _clause("Horizontal, multi-tendency organisation")
    war = _clause("Against war and chauvinism")
    if not all([criticism, solidarity, organisation, war]):
        return False
    alice, bob, carol, dave = (users[name] for name in ("alice", "bob", "carol", "dave"))
    erin, frank = users["erin"], users["frank"]

    _append(
        criticism,
        alice,
        "A program that fears its critics has already lost its nerve: we print the "
        "dissent beside the decision.",
        "Dissent is printed, not buried",
    )
    _append(
        solidarity,
        bob,
        "No border is sacred to us; only the people on both sides of it are.",
        "Borders are not sacred",
    )

    # (clause, speaker, side, words): each entry answers the one before it
    # when its clause is the same, so the debate reads as a thread.
    debate = [
        (
            organisation,
            dave,
            "against",
            "Without a centre, who carries out what the congress decides? A federation "
            "of free associations can also be a federation of missed opportunities.",
        ),
        (
            organisation,
            bob,
            "for",
            "The centre you want is the state in embryo. Delegates who can be recalled "
            "carry out decisions well enough, and cannot make themselves masters.",
        ),
        (
            organisation,
            alice,
            "neutral",
            "> Delegates who can be recalled\n\nYes, and the masses must be able to "
            "learn from their own mistakes. Organisation grows out of the struggle.",
        ),
        (criticism, carol, "for", "If I cannot criticise the charter, it is not my charter."),
    ]
    previous = None
    for clause, speaker, side, body in debate:
        parent = previous if previous is not None and previous.clause_id == clause.pk else None
        previous = discussion.comment_post(
            clause_id=clause.pk,
            user=speaker,
            parent_id=parent.pk if parent else None,
            side=side,
            body=body,
        ).comment

    positions = {
        solidarity: [
            (alice, "support"),
            (bob, "support"),
            (dave, "support"),
            (erin, "support"),
            (frank, "support"),
        ],
        war: [(alice, "support"), (carol, "support"), (dave, "support"), (erin, "support")],
        organisation: [
            (bob, "support"),
            (carol, "support"),
            (erin, "support"),
            (frank, "support"),
            (dave, "oppose"),
        ],
        criticism: [(alice, "support"), (carol, "support"), (frank, "abstain")],
    }
    reasons = {
        "support": "This unites us.",
        "oppose": "A movement without a centre cannot act.",
        "abstain": "I want to see the dissent clause in practice first.",
    }
    for clause, votes in positions.items():
        for user, position in votes:
            stances.stance_take(
                clause_id=clause.pk, user=user, position=position, reason=reasons[position]
            )
    # alice's stances were the Spartacus group's; grace restates one of them,
    # so the group's page shows a stance changing hands, with both reasons.
    stances.stance_take(
        clause_id=war.pk,
        user=users["grace"],
        position="support",
        reason="The workers have no fatherland: we say so in every country at once.",
    )
    return True
