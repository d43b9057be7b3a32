"""Stints: each time a player starts playing a persona, for their profile's history."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from personas.models import Player, Stint
from personas.services import player_play

BEFORE = [("personas", "0002_player_email_notifications_stints")]
AFTER = [("personas", "0003_stints_for_current_players")]


def test_playing_a_persona_starts_a_stint(charlie, rosa, bakunin):
    player_play(user=charlie, persona=rosa)
    player_play(user=charlie, persona=bakunin)
    player = Player.objects.get(user=charlie)
    stints = list(player.stints.values_list("persona__slug", "started_at"))
    assert stints == [
        ("mikhail-bakunin", player.playing_since),
        ("rosa-luxemburg", stints[1][1]),
    ]


def test_playing_the_same_persona_again_starts_no_new_stint(charlie, rosa):
    player_play(user=charlie, persona=rosa)
    player_play(user=charlie, persona=rosa)
    assert Stint.objects.filter(player__user=charlie).count() == 1


def test_demo_players_start_with_a_stint(seeded):
    call_command("seed_demo", verbosity=0)
    alice = Player.objects.get(user__username="alice")
    assert [s.persona for s in alice.stints.all()] == [alice.persona]
    call_command("seed_demo", verbosity=0)  # seeding again changes nobody's persona
    assert alice.stints.count() == 1


@pytest.fixture
def _latest_schema_afterwards():
    yield
    # Going back to BEFORE also unapplied the migrations of other apps that
    # depend on later personas ones (congress, charter's congress fields);
    # AFTER alone would leave them out for every later test in this process.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_gives_current_players_their_stint(_latest_schema_afterwards):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("auth", "User")
    Tendency = apps.get_model("personas", "Tendency")
    Persona = apps.get_model("personas", "Persona")
    OldPlayer = apps.get_model("personas", "Player")
    circle = Tendency.objects.create(name="Circle", slug="circle", colour="#123456")
    rosa = Persona.objects.create(name="Rosa", slug="rosa", tendency=circle)
    playing = User.objects.create(username="playing")
    undated = User.objects.create(username="undated")
    idle = User.objects.create(username="idle")
    since = OldPlayer.objects.create(user=playing, persona=rosa, playing_since=playing.date_joined)
    OldPlayer.objects.create(user=undated, persona=rosa)
    OldPlayer.objects.create(user=idle)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    rows = set(Stint.objects.values_list("player__user__username", "persona__slug", "started_at"))
    assert rows == {
        ("playing", "rosa", since.playing_since),
        ("undated", "rosa", undated.date_joined),
    }
