"""Search over a big index: 10,000 comments and 1,000 clause revisions.

Comments are written with bulk_create (the posting service's flood limit
would rightly stop one player at ten a minute) and indexed in bulk. Past
revisions must be real reversion Versions, so each is recorded through
reversion's own API, the way `record_revision` does it, only without saving
the clause between revisions; the clause gets its last text at the end.
Texts are plain sentences, so their HTML is made directly: the Markdown
renderer would give the same paragraphs at a few milliseconds each.
"""

import random
from datetime import timedelta

import reversion
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad
from django.test import Client
from django.utils import timezone

from bench.common import get_ok, median_ms
from charter.models import COMMENT_PATH_SEGMENT as PATH_SEGMENT
from charter.models import Charter, Clause, Comment, RevisionMeta
from charter.services.discussion import comment_path
from charter.services.revisions import clause_create
from personas.models import Persona, Player
from search.indexing import index_clause, index_comments, index_revisions

COMMENTS = 10_000
REVISIONS = 1_000
CLAUSES = 20
SPEAKERS = ["peter-kropotkin", "louise-michel", "anton-pannekoek", "emma-goldman"]
VOCABULARY = (
    "workers council union strike wage capital labour freedom state party class "
    "solidarity federation commune assembly delegate mandate recall vote majority "
    "minority program charter clause amendment tendency circle debate criticism "
    "bread land peace war border migrant language culture press school factory "
    "field harbour railway mine cooperative mutual aid autonomy organisation "
    "bureaucracy revolution reform election parliament boycott sabotage picket "
    "manifesto congress minutes comrade friend neighbour city village region "
    "world international movement history future past women men children elders"
)
WORDS = VOCABULARY.split()
# In a few early revisions only: "was it ever in the charter?"
RARE = "phalanstery"


def _speakers() -> list:
    users = []
    for slug in SPEAKERS:
        user, _ = get_user_model().objects.get_or_create(username=f"bench-search-{slug}")
        Player.objects.update_or_create(
            user=user, defaults={"persona": Persona.objects.get(slug=slug)}
        )
        users.append(user)
    return users


def _html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


@transaction.atomic
def _history(users: list) -> list[Clause]:
    """Clauses with 1,000 revisions between them, each a real reversion Version."""
    charter = Charter.objects.get(slug="virtual-charter")
    rng = random.Random(1_000)
    clauses = []
    per_clause = REVISIONS // CLAUSES
    for n in range(CLAUSES):
        clause = clause_create(
            charter=charter,
            user=users[0],
            title=f"Bench: history {n}",
            body=_sentence(rng, 40) + f" The {RARE} of Fourier.",
        ).clause
        persona = users[0].player.persona
        for number in range(2, per_clause + 1):
            user = users[number % len(users)]
            paragraphs = [_sentence(rng, 30) for _ in range(3)]
            if number < 4:
                paragraphs[-1] += f" The {RARE} again."
            clause.body = "\n\n".join(paragraphs)
            clause.body_html = _html(paragraphs)
            with reversion.create_revision(atomic=False):
                reversion.add_to_revision(clause)
                reversion.set_user(user)
                reversion.set_comment(f"Bench edit {number}")
                reversion.add_meta(
                    RevisionMeta,
                    persona=persona,
                    clause=clause,
                    kind=RevisionMeta.Kind.EDIT,
                    revision_number=number,
                )
        clause.revision_number = per_clause
        # Outside a revision block: no version, the last one already holds this text.
        clause.save()
        index_clause(clause)
        clauses.append(clause)
    metas = RevisionMeta.objects.filter(clause__in=clauses).select_related(
        "revision", "clause__charter"
    )
    index_revisions(metas)
    return clauses


@transaction.atomic
def _comments(clauses: list[Clause], users: list) -> None:
    rng = random.Random(10_000)
    now = timezone.now()
    rows = []
    for n in range(COMMENTS):
        author = users[n % len(users)]
        body = _sentence(rng, rng.randint(8, 60))
        clause = clauses[n % len(clauses)]
        rows.append(
            Comment(
                clause=clause,
                author=author,
                persona=author.player.persona,
                body=body,
                body_html=_html([body]),
                clause_revision_number=clause.revision_number,
                created_at=now - timedelta(minutes=COMMENTS - n),
            )
        )
    Comment.objects.bulk_create(rows, batch_size=1_000)
    # Every comment opens a thread: its path is its own zero-padded id.
    Comment.objects.filter(pk__in=[c.pk for c in rows]).update(
        path=Concat(LPad(Cast("pk", CharField()), PATH_SEGMENT - 1, Value("0")), Value("/"))
    )
    first = Comment.objects.get(pk=rows[0].pk)
    if first.path != comment_path(parent=None, pk=first.pk)[0]:
        raise RuntimeError(f"comment paths are not what the thread expects: {first.path}")
    index_comments(rows)


def run() -> list[tuple[str, float]]:
    users = _speakers()
    clauses = _history(users)
    _comments(clauses, users)
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: statistics for fresh tables, and
        # the GIN index's pending list (recent inserts) merged into the index.
        cursor.execute("VACUUM ANALYZE")
    client = Client()
    client.force_login(users[1])
    measures = [
        ("search page, common word", "/search/?q=workers"),
        ("search page, two words", "/search/?q=bread+peace"),
        ("search page, phrase", "/search/?q=%22mutual+aid%22"),
        ("search page, page 10", "/search/?q=workers&page=10"),
        ("search page, discussion only", "/search/?q=solidarity&what=discussion"),
        ("search page, past revisions", f"/search/?q={RARE}&history=on"),
        ("search page, common word, history", "/search/?q=workers&history=on"),
    ]
    rows = []
    for label, url in measures:
        fetch = get_ok(client, url)
        if b'class="search-hit' not in fetch().content:
            raise RuntimeError(f"{url} found nothing")
        rows.append((label, median_ms(fetch)))
    return rows
