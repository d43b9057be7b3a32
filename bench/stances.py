"""Stances benchmark: the minimum program of a charter of 30 clauses with 2,000 stances.

Stances are spread over 200 players speaking as every persona of the seed (so
over all its tendencies); a few clauses were edited after some stances were
taken, so the stale ones must be left out of the count.
"""

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from bench.common import get_ok, median_ms, revise
from charter.models import Charter, Clause, Stance
from charter.selectors import revisions as history
from charter.services import revisions
from personas.models import Persona, Player

CLAUSES = 30
PLAYERS = 200
STANCES = 2_000
EDITED = 5
REASONS = [
    "",
    "This is what the General Rules of 1864 meant.",
    "Too vague about who decides.",
    "Nothing here a council could not sign.",
    "It names no enemy; that is its strength.",
    "I cannot sign anything that leaves the state standing.",
]


def _seed() -> Charter:
    rng = random.Random(1905)
    charter, created = Charter.objects.get_or_create(
        slug="bench-stances", defaults={"title": "Bench stances"}
    )
    if not created and Stance.objects.filter(clause__charter=charter).exists():
        return charter
    clauses = []
    for position in range(1, CLAUSES + 1):
        clause = Clause.objects.create(
            charter=charter, position=position, title=f"Clause {position}", body="We agree."
        )
        revisions.clause_seed_revision(clause=clause)
        clauses.append(clause)
    personas = list(Persona.objects.order_by("pk"))
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"bench-voter-{n}", password=password) for n in range(PLAYERS)
    )
    Player.objects.bulk_create(
        Player(user=user, persona=personas[n % len(personas)]) for n, user in enumerate(users)
    )
    editor = users[0]
    for clause in clauses[:EDITED]:
        revise(clause, editor, "We agree, without exception.", "bench edit")
    clauses = list(Clause.objects.filter(charter=charter).order_by("position"))
    latest = {clause.pk: history.latest_version(clause) for clause in clauses}
    # Each clause leans its own way, so the program has adopted, contested
    # and pending clauses alike.
    lean = {clause.pk: rng.random() for clause in clauses}
    per_player = STANCES // PLAYERS
    stances = []
    for n, user in enumerate(users):
        persona = personas[n % len(personas)]
        for clause in rng.sample(clauses, per_player):
            roll = rng.random()
            support = 0.55 + 0.45 * lean[clause.pk]
            position = "support" if roll < support else rng.choice(["oppose", "abstain"])
            stale = clause.revision_number > 1 and rng.random() < 0.4
            stances.append(
                Stance(
                    user=user,
                    clause=clause,
                    persona=persona,
                    position=position,
                    reason=rng.choice(REASONS),
                    version=None if stale else latest[clause.pk],
                    clause_revision_number=clause.revision_number - 1
                    if stale
                    else clause.revision_number,
                )
            )
    Stance.objects.bulk_create(stances)
    if connection.vendor == "postgresql":
        # A live database has statistics; without them the planner sorts
        # where it would hash, and the timing says more about the bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return charter


def run() -> list[tuple[str, float]]:
    charter = _seed()
    client = Client()
    program = f"/charters/{charter.slug}/minimum-program/"
    label = f"{CLAUSES} clauses, {STANCES:,} stances"
    return [
        (f"minimum program, {label}", median_ms(get_ok(client, program))),
        (f"minimum program as Markdown, {label}", median_ms(get_ok(client, program[:-1] + ".md"))),
        (
            f"charter page with consensus marks, {label}",
            median_ms(get_ok(client, f"/charters/{charter.slug}/")),
        ),
    ]
