"""Sign-up says truthfully what the email address is for, and keeps working as before."""

from django.contrib.auth.models import User

from personas.models import Player
from tests.conftest import sign_up


def test_the_signup_form_says_what_the_email_is_for(client, db):
    text = client.get("/accounts/signup/").text
    assert "Used to reset a forgotten password" in text
    assert "only if you turn them on in your settings" in text
    assert "only for notifications" not in text


def test_signup_with_an_email_stores_it_and_leads_to_the_hall_then_next(client, db):
    response = sign_up(
        client,
        "newcomer",
        url="/accounts/signup/?next=/personas/",
        email="newcomer@example.org",
        next="/charters/virtual-charter/",
    )
    # A new player has no persona yet: the hall first, carrying where they were going.
    assert response["Location"] == "/personas/?next=%2Fcharters%2Fvirtual-charter%2F"
    user = User.objects.get(username="newcomer")
    assert user.email == "newcomer@example.org"
    # Email is opt-in: signing up with an address sends nothing until chosen.
    assert Player.objects.get(user=user).email_notifications == "none"


def test_signup_refuses_a_bad_email(client, db):
    response = sign_up(client, "newcomer", email="newcomer@@example.org")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert not User.objects.filter(username="newcomer").exists()


def test_signup_refuses_an_unsafe_next(client, db):
    response = sign_up(client, "newcomer", next="https://evil.example/")
    assert response["Location"] == "/personas/"
