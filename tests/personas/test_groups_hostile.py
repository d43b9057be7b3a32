"""Hostile input to every group page and form: a clear 4xx or a message, never a 500."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from personas.models import GroupInvitation, Player, PlayerGroup
from tests.conftest import make_group, make_user
from tests.test_hostile_input import HOSTILE, WRONG_METHODS

NAMES = ["name", "persona", "username", "next", "page"]
LEAKS = ("{#", "{%", "{{")


@pytest.fixture
def urls(alice, bob, charlie, settings) -> list[str]:
    settings.RATELIMIT_ENABLE = False
    group = make_group(alice, bob)
    invitation = GroupInvitation.objects.create(group=group, invited=charlie, invited_by=alice)
    base = group.get_absolute_url()
    return [
        "/groups/",
        "/groups/new/",
        base,
        f"{base}?page=2",
        f"{base}invite/",
        f"{base}leave/",
        f"{base}hand-over/",
        f"{base}invitations/{invitation.pk}/accept/",
        f"{base}invitations/{invitation.pk}/decline/",
        f"{base}invitations/{invitation.pk}/cancel/",
        f"{base}invitations/{2**62}/accept/",
        "/groups/no-such-group/invite/",
        "/accounts/settings/",
    ]


def _clients(**users) -> dict[str, Client]:
    clients = {"visitor": Client()}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_every_group_form_never_cause_a_server_error(
    urls, alice, bob, charlie, mod, value
):
    for who, client in _clients(member=bob, invited=charlie, moderator=mod).items():
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url, dict.fromkeys(NAMES, value))
                assert response.status_code < 500, (who, method, url, response.status_code)
    # A name that got through is a proper name, never junk.
    for group in PlayerGroup.objects.all():
        assert "\x00" not in group.name and len(group.name) <= 80


def test_wrong_methods_and_broken_encodings_are_refused_cleanly(urls, bob):
    client = Client()
    client.force_login(bob)
    for url in urls:
        for method in WRONG_METHODS:
            assert client.generic(method, url).status_code < 500, (method, url)
        response = client.generic(
            "POST",
            url,
            b"name=caf%E9&username=%FF%FE",
            content_type="application/x-www-form-urlencoded; charset=utf-16",
        )
        assert response.status_code == 400, (url, response.status_code)


def test_posts_without_a_csrf_token_are_refused(urls, bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    for url in urls:
        response = client.post(url, {"username": "charlie", "name": "x"})
        assert response.status_code in (403, 404, 405), (url, response.status_code)
    assert not GroupInvitation.objects.filter(invited__username="charlie", status="accepted")


def test_no_group_page_shows_template_syntax_to_anyone(urls, alice, bob, charlie, mod):
    suspended = make_user("dora")
    Player.objects.filter(user=suspended).update(suspended_until=timezone.now() + timedelta(days=1))
    clients = _clients(
        founder=alice, member=bob, invited=charlie, moderator=mod, suspended=suspended
    )
    for who, client in clients.items():
        for url in urls:
            response = client.get(url, follow=True)
            html = response.content.decode()
            leaks = [leak for leak in LEAKS if leak in html]
            assert not leaks, (who, url, leaks)
