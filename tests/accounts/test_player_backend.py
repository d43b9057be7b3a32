"""Each signed-in request reads its user and player in one query (personas.backends)."""

from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.prepared import source_of
from personas.backends import PlayerBackend
from personas.models import Player
from personas.selectors import user_and_player
from tests.personas.test_player_of import described, fields, players_of_every_kind, reference


def test_the_user_and_their_player_are_what_each_read_alone_is(alice, bob, charlie, rosa):
    players = players_of_every_kind(alice, bob, charlie, rosa)
    for kind, user in players.items():
        read_user, player = user_and_player(user.pk)
        assert fields(read_user) == fields(user), kind
        assert described(player) == described(reference(user)), kind
    assert user_and_player(999_999) == (None, None)


def test_a_signed_in_page_reads_user_and_player_in_one_query(alice, client, clause):
    client.force_login(alice)
    for url in ("/", clause.get_absolute_url()):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert "playing Rosa Luxemburg" in page.text
        # The prepared statements (config.prepared) as the SQL they run.
        executed = [source_of(q["sql"]) for q in queries]
        reading = [sql for sql in executed if '"personas_player"' in sql]
        assert len(reading) == 1, reading
        assert '"auth_user"' in reading[0]


def test_sessions_from_before_the_backend_stay_signed_in(alice):
    client = Client()
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/")
    assert page.wsgi_request.user == alice
    assert "playing Rosa Luxemburg" in page.text


def test_an_account_without_a_player_and_a_closed_account(alice, charlie):
    Player.objects.filter(user=charlie).delete()
    client = Client()
    client.force_login(charlie)
    assert "Pick a persona" in client.get("/").text
    client.force_login(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_wrong_password_is_checked_once_and_refused(alice, monkeypatch):
    checks = []
    real = ModelBackend.authenticate

    def counted(self, *args, **kwargs):
        checks.append(type(self).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    failed = []
    user_login_failed.connect(lambda **kwargs: failed.append(True), weak=False, dispatch_uid="t")
    try:
        assert authenticate(username="alice", password="not her password") is None
        assert authenticate(username="nobody", password="anything") is None
    finally:
        user_login_failed.disconnect(dispatch_uid="t")
    assert checks == [PlayerBackend.__name__, PlayerBackend.__name__]
    assert failed == [True, True]
    assert authenticate(username="alice", password="pw-alice") == alice
