"""Congress benchmark: closing a congress of 200 amendments, and its pages before and after.

Forty clauses of three sentences each get five amendments apiece, each
rewriting one sentence; 60 players spread over every circle take stances, so
most amendments carry, some are blocked, and amendments to the same clause
either merge (different sentences) or clash (the same one). Closing is timed
once, as cron would run it; the pages are timed as medians.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from bench.common import get_ok, median_ms
from charter.models import Charter, Clause
from charter.roles import ensure_moderators_group
from charter.services import revisions
from congress.models import Amendment, AmendmentStance, Congress
from congress.services.amendments import amendment_propose
from congress.services.congresses import congress_close, congress_convene
from personas.models import Persona, Player

CLAUSES = 40
PER_CLAUSE = 5
PLAYERS = 60


def _seed() -> tuple[Congress, User]:
    rng = random.Random(1905)
    charter = Charter.objects.create(
        slug=f"bench-congress-{time.time_ns()}", title="Bench congress"
    )
    clauses = []
    for position in range(1, CLAUSES + 1):
        clause = Clause.objects.create(
            charter=charter,
            position=position,
            title=f"Clause {position}",
            body=f"First sentence of {position}. Second sentence of {position}. Third one.",
        )
        revisions.clause_seed_revision(clause=clause)
        clauses.append(clause)
    personas = list(Persona.objects.select_related("tendency").order_by("pk"))
    password = make_password(None)
    players = []
    for n in range(PLAYERS):
        user, _ = User.objects.get_or_create(
            username=f"delegate{n}", defaults={"password": password}
        )
        Player.objects.update_or_create(
            user=user, defaults={"persona": personas[n % len(personas)]}
        )
        players.append(user)
    moderator, _ = User.objects.get_or_create(
        username="bench-mod", defaults={"password": password, "is_staff": True}
    )
    Player.objects.get_or_create(user=moderator, defaults={"persona": personas[0]})
    moderator.groups.add(ensure_moderators_group())
    now = timezone.now()
    congress = congress_convene(
        charter=charter,
        user=moderator,
        title="Bench congress",
        opens_at=now,
        closes_at=now + timedelta(days=3),
    )
    stances = []
    for clause in clauses:
        for n in range(PER_CLAUSE):
            sentences = clause.body.split(". ")
            which = n % 3
            sentences[which] = f"Amended sentence {n} of clause {clause.position}"
            author = players[rng.randrange(PLAYERS)]
            amendment = amendment_propose(
                charter=charter,
                clause_id=clause.pk,
                user=author,
                title=clause.title,
                body=". ".join(sentences),
                rationale="For the bench.",
            )
            for voter in rng.sample(players, 12):
                position = rng.choices(["support", "oppose", "abstain"], [8, 1, 1])[0]
                stances.append(
                    AmendmentStance(
                        user=voter,
                        amendment=amendment,
                        persona_id=voter.player.persona_id,
                        position=position,
                    )
                )
    AmendmentStance.objects.bulk_create(stances, ignore_conflicts=True)
    return congress, moderator


def run() -> list[tuple[str, float]]:
    congress, moderator = _seed()
    client = Client()
    client.force_login(moderator)
    url = congress.get_absolute_url()
    floor = median_ms(get_ok(client, url), repeat=9)
    amendment = Amendment.objects.filter(charter=congress.charter).first()
    amendment_page = median_ms(get_ok(client, amendment.get_absolute_url()), repeat=9)
    start = time.perf_counter()
    closing = congress_close(congress_id=congress.pk, user=moderator)
    closed = (time.perf_counter() - start) * 1000
    minutes = median_ms(get_ok(client, url), repeat=9)
    label = (
        f"congress close, {CLAUSES * PER_CLAUSE} amendments ({len(closing.adopted)} adopted, "
        f"{len(closing.rejected)} rejected, {len(closing.conflicts)} clashes), one run"
    )
    return [
        (f"congress page, {CLAUSES * PER_CLAUSE} open amendments", floor),
        ("amendment page (diff, stances, thread)", amendment_page),
        (label, closed),
        ("congress page with its minutes", minutes),
    ]
