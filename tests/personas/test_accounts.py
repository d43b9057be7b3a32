from django.contrib.auth.models import User

from personas.models import Player
from tests.conftest import sign_up


def test_signup_creates_a_player_and_logs_in(client, db):
    response = sign_up(client, "newcomer", email="")
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert Player.objects.get(user=user).persona is None
    assert client.get("/").context["user"] == user


def test_signup_errors_are_shown_in_the_form(client, alice):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "alice",
            "password1": "short",
            "password2": "different",
        },
    )
    assert response.status_code == 400
    assert "A user with that username already exists." in response.text
    assert "didn’t match" in response.text or "didn't match" in response.text
    assert 'value="alice"' in response.text  # what was typed is kept


def test_signup_refuses_nul_bytes_cleanly(client, db):
    response = sign_up(client, "bad\x00name")
    assert response.status_code == 400
    assert not User.objects.filter(username__startswith="bad").exists()


def test_login_and_logout(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
    assert "playing Rosa Luxemburg" in client.get("/").text
    client.post("/accounts/logout/")
    assert "Log in" in client.get("/").text


def test_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
