"""The settings page: email address, email notifications, password."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from personas.models import Player
from tests.accounts.helpers import Choice

SETTINGS = "/accounts/settings/"
EMAIL = "/accounts/settings/email/"
NOTIFICATIONS = "/accounts/settings/notifications/"
PASSWORD = "/accounts/settings/password/"
NEW_PASSWORD = "bread-and-roses-1912"


def checked_choice(html: str) -> str:
    [value] = re.findall(
        r'<input type="radio" name="email_notifications" value="(\w+)"[^>]* checked', html
    )
    return value


def choice_of(user: User) -> str:
    return Player.objects.get(user=user).email_notifications


def test_the_header_links_to_settings_and_to_the_players_profile(alice_client):
    text = alice_client.get("/").text
    assert 'href="/accounts/settings/">Settings</a>' in text
    assert 'href="/players/alice/"' in text


def test_the_settings_page_shows_the_three_forms(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    response = alice_client.get(SETTINGS)
    assert response.status_code == 200
    text = response.text
    assert "Now: <strong>alice@example.org</strong>" in text
    assert f'action="{EMAIL}"' in text and f'action="{NOTIFICATIONS}"' in text
    assert f'action="{PASSWORD}"' in text
    assert checked_choice(text) == "none"


def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, alice):
    assert client.get(SETTINGS)["Location"].startswith("/accounts/login/?next=/accounts/settings/")
    for url, data in [
        (EMAIL, {"email": "x@example.org", "password": "pw-alice"}),
        (NOTIFICATIONS, {"email_notifications": "daily"}),
        (PASSWORD, {"old_password": "pw-alice", "new_password1": NEW_PASSWORD}),
    ]:
        assert client.post(url, data)["Location"].startswith("/accounts/login/")
    assert User.objects.filter(email="").count() == User.objects.count()
    assert choice_of(alice) == Choice.NONE


def test_each_form_answers_only_its_method(alice_client):
    assert alice_client.post(SETTINGS).status_code == 405
    for url in (EMAIL, NOTIFICATIONS, PASSWORD):
        assert alice_client.get(url).status_code == 405


# Email address


def test_a_player_changes_their_email_with_their_password(alice_client, alice):
    response = alice_client.post(EMAIL, {"email": "Rosa@Example.ORG", "password": "pw-alice"})
    assert response["Location"] == "/accounts/settings/#email"
    alice.refresh_from_db()
    assert alice.email == "Rosa@example.org"  # the domain part is case-insensitive
    assert "Your email address is now Rosa@example.org." in alice_client.get(SETTINGS).text


def test_a_player_removes_their_email(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    alice_client.post(EMAIL, {"email": "", "password": "pw-alice"})
    alice.refresh_from_db()
    assert alice.email == ""


def test_changing_the_email_needs_the_current_password(alice_client, alice):
    response = alice_client.post(EMAIL, {"email": "thief@example.org", "password": "guess"})
    assert response.status_code == 400
    assert "That is not your current password" in response.text
    alice.refresh_from_db()
    assert alice.email == ""


@pytest.mark.parametrize(
    "junk",
    ["not an address", "alice\x00@example.org", "a" * 250 + "@example.org", "a@b@example.org"],
    ids=["no-at", "nul", "oversize", "two-ats"],
)
def test_a_bad_email_is_refused_in_the_form(alice_client, alice, junk):
    response = alice_client.post(EMAIL, {"email": junk, "password": "pw-alice"})
    assert response.status_code == 400
    assert 'class="error"' in response.text
    alice.refresh_from_db()
    assert alice.email == ""


def test_a_player_changes_only_their_own_email(alice_client, alice, bob):
    alice_client.post(EMAIL, {"email": "a@example.org", "password": "pw-alice", "user": bob.pk})
    bob.refresh_from_db()
    assert bob.email == ""
    # Bob's password does not unlock anything on alice's account.
    response = alice_client.post(EMAIL, {"email": "b@example.org", "password": "pw-bob"})
    assert response.status_code == 400


# Email notifications


def test_a_player_chooses_a_daily_digest(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    response = alice_client.post(NOTIFICATIONS, {"email_notifications": "daily"})
    assert response["Location"] == "/accounts/settings/#notifications"
    assert choice_of(alice) == Choice.DAILY
    page = alice_client.get(SETTINGS).text
    assert "Email notifications: A daily digest." in page
    assert checked_choice(page) == "daily"


def test_choosing_email_without_an_address_warns(alice_client, alice):
    alice_client.post(NOTIFICATIONS, {"email_notifications": "immediately"})
    assert choice_of(alice) == Choice.IMMEDIATELY
    assert "nowhere to send them" in alice_client.get(SETTINGS).text


@pytest.mark.parametrize("junk", ["weekly", "daily\x00", "", "x" * 10_000])
def test_a_bad_notification_choice_is_refused(alice_client, alice, junk):
    response = alice_client.post(NOTIFICATIONS, {"email_notifications": junk})
    assert response.status_code == 400
    assert choice_of(alice) == Choice.NONE


def test_a_user_without_a_player_row_can_still_choose(client, db):
    admin = User.objects.create_user("admin", password="pw-admin")
    client.force_login(admin)
    assert client.get(SETTINGS).status_code == 200
    client.post(NOTIFICATIONS, {"email_notifications": "daily"})
    assert choice_of(admin) == Choice.DAILY


# Password


def test_changing_the_password_keeps_this_session_and_ends_the_others(alice_client, alice):
    other_device = Client()
    other_device.force_login(alice)
    response = alice_client.post(
        PASSWORD,
        {"old_password": "pw-alice", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/settings/#password"
    still = alice_client.get(SETTINGS)
    assert still.status_code == 200
    assert "Your password was changed." in still.text
    assert other_device.get(SETTINGS).status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    "data, error",
    [
        (
            {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            "Your old password was entered incorrectly",
        ),
        (
            {"old_password": "pw-alice", "new_password1": NEW_PASSWORD, "new_password2": "other"},
            "didn’t match",
        ),
        (
            {"old_password": "pw-alice", "new_password1": "password", "new_password2": "password"},
            "This password is too common.",
        ),
        (
            {
                "old_password": "pw-\x00",
                "new_password1": "x\x00y" * 5,
                "new_password2": "x\x00y" * 5,
            },
            "Null characters are not allowed.",
        ),
    ],
    ids=["wrong-old", "mismatch", "weak", "nul"],
)
def test_a_bad_password_change_is_refused_in_the_form(alice_client, alice, data, error):
    response = alice_client.post(PASSWORD, data)
    assert response.status_code == 400
    assert error in response.text
    alice.refresh_from_db()
    assert alice.check_password("pw-alice")


def test_an_oversize_request_is_refused_cleanly(alice_client, alice):
    response = alice_client.post(EMAIL, {"email": "a@example.org", "password": "x" * 600_000})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.email == ""
