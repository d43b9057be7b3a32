from django.contrib.auth.models import User

from personas.models import Persona, Player


def test_hall_groups_personas_by_tendency_with_player_counts(client, alice, rosa, bakunin):
    response = client.get("/personas/")
    assert response.status_code == 200
    text = response.text
    assert "Spartacists" in text and "Anarchists" in text
    assert "Rosa Luxemburg" in text and "Mikhail Bakunin" in text
    assert "1 player" in text  # alice plays Rosa
    assert 'aria-label="Rosa Luxemburg"' in text  # the initials avatar


def test_persona_page_shows_bio_quotes_and_players(client, alice, rosa):
    rosa.bio = "Born in Zamość <b>1871</b>."
    rosa.save()
    rosa.quotations.create(
        text="Freedom is always freedom for the one who thinks differently.",
        source="The Russian Revolution, 1918",
    )
    response = client.get(rosa.get_absolute_url())
    assert response.status_code == 200
    assert "Born in Zamość &lt;b&gt;1871&lt;/b&gt;." in response.text  # escaped, not rendered
    assert "thinks differently" in response.text
    assert "alice" in response.text


def test_unknown_persona_is_a_404(client, db):
    assert client.get("/personas/nobody/").status_code == 404


def test_play_requires_login(client, rosa):
    response = client.post(f"/personas/{rosa.slug}/play/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "next=/personas/rosa-luxemburg/" in response.url.replace("%2F", "/")


def test_play_refuses_get(client, alice, rosa):
    client.force_login(alice)
    assert client.get(f"/personas/{rosa.slug}/play/").status_code == 405


def test_play_sets_the_one_current_persona(client, charlie, rosa, bakunin):
    client.force_login(charlie)
    client.post(f"/personas/{rosa.slug}/play/")
    client.post(f"/personas/{bakunin.slug}/play/")
    assert Player.objects.filter(user=charlie).count() == 1
    assert Player.objects.get(user=charlie).persona == bakunin
    response = client.get("/")
    assert "playing Mikhail Bakunin" in response.text


def test_several_players_may_share_a_persona(client, alice, rosa):
    bob = User.objects.create_user("bob2", password="x")
    client.force_login(bob)
    client.post(f"/personas/{rosa.slug}/play/")
    assert rosa.players.count() == 2


def test_play_returns_to_a_safe_next_url_only(client, charlie, rosa):
    client.force_login(charlie)
    ok = client.post(f"/personas/{rosa.slug}/play/", {"next": "/charters/x/"})
    assert ok.url == "/charters/x/"
    evil = client.post(f"/personas/{rosa.slug}/play/", {"next": "https://evil.example/"})
    assert evil.url == rosa.get_absolute_url()


def test_play_unknown_persona_is_a_404(client, charlie):
    client.force_login(charlie)
    assert client.post("/personas/nobody/play/").status_code == 404


def test_initials_avatar_uses_first_and_last_word():
    assert Persona(name="Rosa Luxemburg").initials == "RL"
    assert Persona(name="Voline").initials == "VO"
    assert Persona(name="Ricardo Flores Magón").initials == "RM"
