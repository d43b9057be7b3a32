"""No 500 from outside input on the contest pages, and clear messages for bad text.

The URLs come from the URL configuration (every route under /contests/ and
the contest feed), filled with a real contest, entry, comment and draft, and
are asked by a visitor, a player and a moderator with hostile values in every
query parameter and form field they read.
"""

import pytest
from django.test import Client
from reversion.models import Version

from charter.services import discussion
from contests.models import ENTRY_BODY_MAX, Entry, Phase
from contests.subjects import EntrySubject
from tests.contests.conftest import make_entry, move_to
from tests.test_hostile_input import HOSTILE, WRONG_METHODS
from tests.urls import site_urls

NAMES = [
    "page", "reply", "quote", "parent", "next", "body", "title", "side", "reason", "details",
    "revision_number", "theme", "rules", "entries_close_at", "votes_close_at",
]  # fmt: skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(settings, voting, alice, bob) -> list[str]:
    settings.RATELIMIT_ENABLE = False
    entry = voting["bob"]
    comment = discussion.comment_post(subject=EntrySubject(entry), user=alice, body="Hi").comment
    version = Version.objects.get_for_object(entry).first()
    values = {
        "slug": voting["contest"].slug,
        "pk": entry.pk,
        "comment_id": comment.pk,
        "version_id": version.pk,
    }
    found = [url for url in site_urls(values) if url.startswith(("/contests/", "/feeds/contests/"))]
    assert len(found) >= 17
    return found


@pytest.fixture
def clients(alice, bob, mod) -> dict[str, Client]:
    found = {"visitor": Client()}
    for name, user in (("author", bob), ("player", alice), ("moderator", mod)):
        found[name] = Client()
        found[name].force_login(user)
    return found


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_never_cause_a_server_error(urls, clients, value):
    for who, client in clients.items():
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url, dict.fromkeys(NAMES, value))
                assert response.status_code < 500, (who, method, url, response.status_code)


def test_wrong_methods_are_refused_not_crashed_on(urls, clients):
    for who, client in clients.items():
        for url in urls:
            for method in WRONG_METHODS:
                response = client.generic(method, url)
                assert response.status_code < 500, (who, method, url)


@pytest.mark.parametrize(
    "path",
    ["/contests/²/", "/contests/2100/entries/①/", "/contests/2100/entries/99999999999999999999/"],
)
def test_junk_in_the_path_is_a_404(client, contest, path):
    assert client.get(path).status_code == 404


def test_unknown_entries_and_drafts_of_others_are_404s(client, contest, alice, bob):
    draft = make_entry(contest=contest, author=bob, submitted=False)
    client.force_login(alice)
    for tail in ("", "edit/", "drafts/"):
        assert client.get(f"{draft.get_absolute_url()}{tail}").status_code == 404
    assert client.get(f"/contests/{contest.slug}/entries/999999/").status_code == 404
    other = f"/contests/elsewhere/entries/{draft.pk}/"
    assert client.get(other).status_code == 404


def test_nul_bytes_in_a_story_are_refused_and_the_rest_is_kept(alice_client, contest):
    response = alice_client.post(
        f"{contest.get_absolute_url()}entries/new/",
        {"title": "Dawn", "body": "Bread\x00 and roses"},
    )
    assert response.status_code == 400
    assert "control characters" in response.text
    assert "Bread and roses</textarea>" in response.text
    assert not Entry.objects.exists()


def test_an_oversize_story_is_refused_and_kept_whole(alice_client, contest):
    body = "y" * (ENTRY_BODY_MAX + 1)
    response = alice_client.post(
        f"{contest.get_absolute_url()}entries/new/", {"title": "Long", "body": body}
    )
    assert response.status_code == 400
    assert f"at most {ENTRY_BODY_MAX:,} characters" in response.text
    assert body in response.text
    assert not Entry.objects.exists()


def test_an_empty_story_is_refused(alice_client, contest):
    response = alice_client.post(
        f"{contest.get_absolute_url()}entries/new/", {"title": "Empty", "body": "  \n "}
    )
    assert response.status_code == 400
    assert "the text is empty" in response.text


def test_a_nul_byte_in_a_comment_on_an_entry_is_refused_with_the_text_kept(client, voting, bob):
    client.force_login(bob)
    response = client.post(
        f"{voting['alice'].get_absolute_url()}comments/", {"body": "Solidarity\x00 forever"}
    )
    assert response.status_code == 400
    assert "control characters" in response.text
    assert "Solidarity forever" in response.text


def test_a_stale_submit_is_refused(client, contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    client.force_login(alice)
    response = client.post(f"{entry.get_absolute_url()}submit/", {"revision_number": "0"})
    assert response.status_code == 409
    assert "saved this draft elsewhere" in response.text
    assert not Entry.objects.get(pk=entry.pk).is_submitted


def test_a_moderator_posting_junk_dates_gets_messages(client, mod):
    client.force_login(mod)
    response = client.post(
        "/contests/new/",
        {
            "theme": "x",
            "rules": "y",
            "entries_close_at": "0001-01-01T00:00",
            "votes_close_at": "9999-12-31T23:59",
        },
    )
    assert response.status_code == 400
    assert "entries deadline must be in the future" in response.text


def test_the_vote_form_after_voting_closed_says_so(client, voting, alice):
    move_to(voting["contest"], Phase.CLOSED)
    client.force_login(alice)
    response = client.post(f"{voting['bob'].get_absolute_url()}vote/")
    assert response.status_code == 403
    assert "Voting closed on" in response.text
