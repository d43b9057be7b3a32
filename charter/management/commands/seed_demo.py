"""Load the fixtures, give every clause its first revision and create demo players.

With the players come a little staged life (charter.demo) and the demo
contest, "2100", with two stories (contests.demo).

Idempotent: reference data (tendencies, personas, quotations) is brought up to
date from the fixtures; charters and clauses are only inserted when missing,
so players' edits are never overwritten by a second run.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from charter import demo
from charter.models import Charter, Clause
from charter.roles import ensure_moderators_group
from charter.services.revisions import clause_seed_revision
from config import caching
from contests import demo as contest_demo
from personas.models import Persona, Quotation, Tendency
from personas.selectors import group_members
from personas.services import player_play
from search.indexing import reindex_all
from translations.demo import seed_translations

REFERENCE_FIXTURES = ["tendencies.json", "personas.json"]
CONTENT_FIXTURES = ["charters.json"]

DEMO_PASSWORD = "invisible-demo"
DEMO_PLAYERS = [
    ("alice", "rosa-luxemburg"),
    ("bob", "mikhail-bakunin"),
    ("carol", "emma-goldman"),
    ("dave", "karl-marx"),
    ("erin", "anton-pannekoek"),
    ("frank", "william-morris"),
    ("grace", "rosa-luxemburg"),
]
DEMO_MODERATOR = "mod"


def fixture_path(name: str) -> Path:
    for directory in settings.FIXTURE_DIRS:
        path = Path(directory) / name
        if path.exists():
            return path
    raise FileNotFoundError(name)


class Command(BaseCommand):
    help = "Seed the demo: fixtures, initial revisions and demo players (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-players", action="store_true", help="Skip the demo accounts.")

    def handle(self, *args, no_players: bool = False, **options) -> None:
        with transaction.atomic():
            updated = sum(self._load(name, overwrite=True) for name in REFERENCE_FIXTURES)
            inserted = sum(self._load(name, overwrite=False) for name in CONTENT_FIXTURES)
            self._reset_sequences()
        rendered = self._render_clauses()
        revisions = sum(1 for clause in Clause.objects.all() if clause_seed_revision(clause=clause))
        self.stdout.write(
            f"Reference rows loaded: {updated}; new charter rows: {inserted}; "
            f"clauses rendered: {rendered}; initial revisions: {revisions}."
        )
        if not no_players:
            self._demo_accounts()
        # Fixture loads bypass the services: every cached page must go.
        caching.touch("site")
        # Fixture rows are loaded raw, past the services that index them.
        indexed = sum(reindex_all().values())
        self.stdout.write(f"Search index: {indexed} documents.")

    def _load(self, name: str, *, overwrite: bool) -> int:
        count = 0
        with fixture_path(name).open(encoding="utf-8") as stream:
            for item in serializers.deserialize("json", stream):
                model = type(item.object)
                if not overwrite and model.objects.filter(pk=item.object.pk).exists():
                    continue
                item.save()
                count += 1
        return count

    def _reset_sequences(self) -> None:
        # Fixture rows carry explicit ids; PostgreSQL's sequences must move past them.
        models = [Tendency, Persona, Quotation, Charter, Clause]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def _render_clauses(self) -> int:
        # Raw fixture saves skip Clause.save(), which caches the HTML.
        count = 0
        for clause in Clause.objects.filter(body_html=""):
            clause.render()
            Clause.objects.filter(pk=clause.pk).update(body_html=clause.body_html)
            count += 1
        return count

    def _demo_accounts(self) -> None:
        User = get_user_model()
        lines = []
        users = {}
        for username, slug in DEMO_PLAYERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            persona = Persona.objects.get(slug=slug)
            player_play(user=user, persona=persona)
            users[username] = user
            lines.append(f"  {username:<6} / {DEMO_PASSWORD}  plays {persona}")
        moderator, created = User.objects.get_or_create(
            username=DEMO_MODERATOR, defaults={"is_staff": True}
        )
        if created:
            moderator.set_password(DEMO_PASSWORD)
            moderator.save()
        group = ensure_moderators_group()
        moderator.groups.add(group)
        player_play(user=moderator, persona=Persona.objects.get(slug="peter-kropotkin"))
        lines.append(f"  {DEMO_MODERATOR:<6} / {DEMO_PASSWORD}  moderator (staff, /admin/)")
        self.stdout.write("Demo accounts:\n" + "\n".join(lines))
        # Before the staged debate, so what alice says there is said for her group.
        group = demo.group(users)
        if demo.play(users):
            self.stdout.write("Staged a few demo edits, a debate and some stances.")
        self.stdout.write(
            f"Demo group: {group.name}, {' and '.join(group_members(group).usernames)} "
            f"playing {group.persona.name} together."
        )
        if translated := seed_translations(users):
            self.stdout.write(f"Translated {translated} clauses of the demo charter.")
        if contest_demo.open_demo_contest(moderator=moderator, players=users):
            self.stdout.write("Opened the Path to Utopia contest “2100” with two stories.")
