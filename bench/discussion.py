"""The clause page with a long debate: 500 comments in nested threads."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from bench.common import get_ok, median_ms
from charter.models import Charter, Clause, Comment
from charter.selectors.revisions import latest_version
from charter.services.discussion import comment_path
from charter.services.revisions import clause_create
from personas.models import Persona, Player

COMMENTS = 500
THREADS = 5
SPEAKERS = ["mikhail-bakunin", "karl-marx", "rosa-luxemburg", "emma-goldman"]


def _speakers() -> list:
    users = []
    for slug in SPEAKERS:
        user, _ = get_user_model().objects.get_or_create(username=f"bench-{slug}")
        player, _ = Player.objects.get_or_create(user=user)
        player.persona = Persona.objects.get(slug=slug)
        player.save()
        users.append(user)
    return users


@transaction.atomic
def _debate() -> Clause:
    """A new clause and 500 comments, replies to random earlier ones, written directly.

    Written without the posting service on purpose: its flood limit would
    (rightly) stop one player at ten comments a minute.
    """
    users = _speakers()
    charter = Charter.objects.get(slug="virtual-charter")
    clause = clause_create(
        charter=charter, user=users[0], title="Bench: the long debate", body="Debate me."
    ).clause
    version = latest_version(clause)
    rng = random.Random(500)
    made: list[Comment] = []
    for n in range(COMMENTS):
        parent = rng.choice(made) if n % (COMMENTS // THREADS) else None
        author = users[n % len(users)]
        comment = Comment(
            clause=clause,
            parent=parent,
            author=author,
            persona=author.player.persona,
            body=f"Point {n}: *organise*, then [argue](https://example.org/{n}).",
            side=rng.choice(["", "for", "against", "neutral"]),
            clause_version=version,
            clause_revision_number=clause.revision_number,
        )
        comment.save()
        comment.path, comment.depth = comment_path(parent=parent, pk=comment.pk)
        comment.save(update_fields=["path", "depth"])
        made.append(comment)
    return clause


def run() -> list[tuple[str, float]]:
    clause = _debate()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-karl-marx"))
    fetch = get_ok(client, clause.get_absolute_url())
    shown = fetch().content.count(b'<article class="comment')
    if shown != COMMENTS:
        raise RuntimeError(f"the page showed {shown} comments, not {COMMENTS}")
    return [(f"clause page, {COMMENTS} comments", median_ms(fetch))]
