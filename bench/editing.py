"""Editing benchmark: a charter of 30 clauses with 300 revisions each.

Measures, as medians: one edit save through the view, the history page, the
diff of two revisions of a 5,000-word clause, and the charter as it stood.
"""

import random
import sys
import time

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from bench.common import get_ok, median_ms, revise
from charter.models import Charter, Clause
from charter.selectors import revisions as history
from charter.services import revisions
from personas.models import Persona, Player

CLAUSES = 30
REVISIONS = 300
# As long as a clause may be: about 20,000 characters.
BIG_WORDS = 2_500


VOCABULARY = [
    "workers",
    "solidarity",
    "council",
    "federation",
    "commons",
    "border",
    "freedom",
    "criticism",
    "assembly",
    "delegate",
    "union",
    "strike",
    "program",
    "minimum",
]


def _words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(VOCABULARY) for _ in range(count)]


def _seed(user: User) -> tuple[Charter, Clause]:
    rng = random.Random(1864)
    charter, _ = Charter.objects.get_or_create(slug="bench-charter", defaults={"title": "Bench"})
    clauses = []
    for position in range(1, CLAUSES + 1):
        body = "\n\n".join(" ".join(_words(rng, 40)) for _ in range(5))
        clause = revisions.clause_create(
            charter=charter, user=user, title=f"Clause {position}", body=body
        ).clause
        clauses.append(clause)
    big = clauses[0]
    big_words = _words(rng, BIG_WORDS)
    for clause in clauses:
        paragraphs = clause.body.split("\n\n")
        for n in range(REVISIONS - 1):
            if clause is big:
                big_words[rng.randrange(BIG_WORDS)] = f"amended{n}"
                body = "\n\n".join(
                    " ".join(big_words[i : i + 100]) for i in range(0, BIG_WORDS, 100)
                )
            else:
                paragraphs[n % 5] = " ".join(_words(rng, 40))
                body = "\n\n".join(paragraphs)
            revise(clause, user, body, f"bench edit {n}")
    return charter, big


def run() -> list[tuple[str, float]]:
    user, _ = User.objects.get_or_create(username="bench-editor")
    Player.objects.update_or_create(
        user=user, defaults={"persona": Persona.objects.get(slug="rosa-luxemburg")}
    )
    started = time.perf_counter()
    halfway = timezone.now()
    charter, big = _seed(user)
    seeded_in = time.perf_counter() - started
    print(
        f"# seeded {CLAUSES} clauses x {REVISIONS} revisions in {seeded_in:.0f} s", file=sys.stderr
    )
    client = Client()
    client.force_login(user)
    target = Clause.objects.filter(charter=charter).order_by("position")[5]
    edit_url = f"{target.get_absolute_url()}edit/"
    counter = iter(range(10_000))

    def save_edit() -> None:
        n = next(counter)
        response = client.post(
            edit_url,
            {
                "title": target.title,
                "body": f"Bench paragraph {n}.\n\n" + target.body,
                "summary": "bench",
                "base_version": history.latest_version(target).pk,
            },
        )
        if response.status_code != 302:
            raise RuntimeError(f"edit answered {response.status_code}")

    versions = list(Version.objects.get_for_object(big).order_by("pk").values_list("pk", flat=True))
    diff_url = f"{big.get_absolute_url()}diff/?from={versions[10]}&to={versions[-10]}"
    rows = [
        ("edit save (view, POST + redirect)", median_ms(save_edit, repeat=25)),
        (
            "history page (300 revisions, page 1)",
            median_ms(get_ok(client, f"{big.get_absolute_url()}history/")),
        ),
        ("diff of two revisions, 5,000-word clause", median_ms(get_ok(client, diff_url))),
        (
            "charter as of now (30 clauses)",
            median_ms(get_ok(client, f"/charters/{charter.slug}/as-of/")),
        ),
        (
            "charter as of before the edits",
            median_ms(
                get_ok(
                    client,
                    f"/charters/{charter.slug}/as-of/?at={halfway.isoformat()}".replace("+", "%2B"),
                )
            ),
        ),
    ]
    return rows
