"""No 500 from outside input: a corpus of hostile values sent to every URL and form.

The URLs are read from the URL configuration itself, so a page added later is
tried too. Each is asked as a visitor, as a player and as a moderator, with
every hostile value in every query parameter and form field the site reads,
with wrong methods, without and with a bad CSRF token, in foreign charsets
and with broken percent-encoding. Anything but a 5xx passes: a clear 4xx
message is the point, and the form tests elsewhere check the messages.
"""

import pytest
from django.test import Client

from charter.models import Clause, Comment, RevisionMeta
from charter.roles import ensure_moderators_group
from charter.selectors.revisions import attach_version_ids
from config.middleware import MAX_QUERY_STRING
from personas.models import Persona
from tests.conftest import make_comment, make_user, revise_clause
from tests.urls import site_urls

# One value per class of trouble: Unicode digits (str.isdigit() accepts, int()
# refuses), numbers past a bigint, control characters, dates at the edges of
# time, markup, and text longer than any field.
HOSTILE = [
    "²",
    "٣①",
    "-1",
    str(2**63),
    "9" * 40,
    "",
    "\x00",
    "a\x1b[31mb",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "x" * 12_000,
    "\u202e\ufeffNaN",
]
# Every query parameter and form field the site reads somewhere.
NAMES = [
    "page", "from", "to", "at", "q", "reply", "quote", "parent", "format", "next", "ids",
    "title", "body", "summary", "base_version", "preview", "persona", "direction", "side",
    "position", "reason", "revision_number", "reaffirm", "details", "until", "since",
    "username", "password", "password1", "password2", "email",
]  # fmt: skip
WRONG_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS"]
FOREIGN_CHARSETS = ["utf-7", "utf-16", "iso-8859-1", "no-such-charset"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(seeded):
    return make_user("alice", persona=Persona.objects.get(slug="rosa-luxemburg"))


@pytest.fixture
def bob(seeded):
    return make_user("bob", persona=Persona.objects.get(slug="mikhail-bakunin"))


@pytest.fixture
def mod(seeded):
    user = make_user("mod", persona=Persona.objects.get(slug="peter-kropotkin"), is_staff=True)
    user.groups.add(ensure_moderators_group())
    return user


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def site(seeded, alice, bob, mod, settings):
    # Limits would answer 429 before the code under test is reached.
    settings.RATELIMIT_ENABLE = False
    clause = Clause.objects.filter(charter__slug="virtual-charter").first()
    revise_clause(clause, alice, clause.body + "\n\nOne more sentence.", summary="hostile")
    comment = make_comment(clause=clause, author=bob)
    meta = RevisionMeta.objects.filter(clause=clause).order_by("-revision_number").first()
    version_id = attach_version_ids([meta])[0].version_id
    values = {
        "slug": "virtual-charter",
        "pk": clause.pk,
        "comment_id": comment.pk,
        "version_id": version_id,
        "username": "alice",
    }
    urls = site_urls(values)
    urls += [
        "/admin/",
        "/admin/charter/flag/",
        "/admin/charter/clause/",
        f"/admin/charter/clause/{clause.pk}/change/",
        f"/admin/charter/clause/{clause.pk}/history/",
        f"/admin/charter/clause/{clause.pk}/history/{version_id}/",
        f"/admin/charter/clause/{clause.pk}/history/abc/",
        f"/admin/charter/clause/{clause.pk}/history/{2**63}/",
        "/admin/charter/clause/recover/",
        "/admin/charter/clause/recover/①/",
        f"/admin/charter/clause/{2**63}/change/",
        "/admin/charter/comment/",
        "/admin/charter/clause/moderate/lock/",
        "/admin/personas/player/",
        "/admin/personas/player/moderate/suspend/",
        "/admin/charter/moderationaction/",
    ]
    return urls


def _clients(alice, mod) -> dict[str, Client]:
    player, moderator = Client(), Client()
    player.force_login(alice)
    moderator.force_login(mod)
    return {"visitor": Client(), "player": player, "moderator": moderator}


def _assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_strings_and_form_posts_never_cause_a_server_error(
    site, alice, mod, value, method
):
    for who, client in _clients(alice, mod).items():
        for url in site:
            response = getattr(client, method)(url, dict.fromkeys(NAMES, value))
            _assert_no_server_error(response, f"{who} {method.upper()} {url}")


def test_duplicated_parameters_and_broken_percent_encoding(site, alice, mod):
    queries = [
        "page=1&page=%C2%B2&from=1&from=abc",
        "q=%ZZ%E2%82&at=%ED%A0%80",
        "at=%00&to=%FF%FE&page=%",
    ]
    for who, client in _clients(alice, mod).items():
        for url in site:
            for query in queries:
                response = client.generic("GET", f"{url}?{query}")
                _assert_no_server_error(response, f"{who} GET {url}?{query}")
                response = client.generic(
                    "POST", url, query, content_type="application/x-www-form-urlencoded"
                )
                _assert_no_server_error(response, f"{who} POST {url} {query}")


def test_wrong_methods_are_refused_not_crashed_on(site, alice, mod):
    for who, client in _clients(alice, mod).items():
        for url in site:
            for method in WRONG_METHODS:
                response = client.generic(method, url)
                _assert_no_server_error(response, f"{who} {method} {url}")


@pytest.mark.parametrize("charset", FOREIGN_CHARSETS)
def test_form_posts_in_foreign_charsets_are_refused_cleanly(site, alice, mod, charset):
    # "+2ADYAA-" is a lone surrogate in UTF-7; the others are just not UTF-8.
    body = "body=+2ADYAA-&title=caf%E9&summary=%FF%FE".encode("ascii")
    for who, client in _clients(alice, mod).items():
        for url in site:
            response = client.generic(
                "POST",
                url,
                body,
                content_type=f"application/x-www-form-urlencoded; charset={charset}",
            )
            _assert_no_server_error(response, f"{who} POST {url} as {charset}")
            assert response.status_code == 400, (who, url, response.status_code)
            assert "X-Content-Type-Options" in response.headers
            if not url.startswith("/admin/"):
                assert "Content-Security-Policy" in response.headers


def test_posts_without_or_with_a_bad_csrf_token_are_refused_with_headers(site, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    for url in site:
        for data in ({"body": "x"}, {"body": "x", "csrfmiddlewaretoken": "forged" * 6}):
            response = client.post(url, data)
            _assert_no_server_error(response, f"POST {url} without a good token")
            if not url.startswith("/admin/"):
                assert response.status_code in (403, 404, 405, 410), (url, response.status_code)
                assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("path", ["/charters/nowhere/", "/charters/virtual-charter/clauses/²/"])
def test_error_pages_carry_the_same_security_headers(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
    ):
        assert header in response.headers, header


def test_a_comment_with_lone_surrogates_never_reaches_the_database(alice_client, seeded, alice):
    clause = Clause.objects.filter(charter__slug="virtual-charter").first()
    body = "+2ADYAA- hidden surrogate".encode("ascii")
    response = alice_client.generic(
        "POST",
        f"{clause.get_absolute_url()}comments/",
        body=b"body=" + body,
        content_type="application/x-www-form-urlencoded; charset=utf-7",
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(author=alice).exists()


def test_a_player_with_the_site_open_gets_a_message_for_a_foreign_charset(alice_client, seeded):
    response = alice_client.generic(
        "POST", "/accounts/logout/", b"x=1", content_type="text/plain; charset=utf-16"
    )
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_a_query_string_longer_than_any_link_is_refused_before_the_page_is_built(client, seeded):
    clause = Clause.objects.filter(charter__slug="virtual-charter").first()
    url = clause.get_absolute_url()
    longest = "q=" + "x" * (MAX_QUERY_STRING - 2)
    assert client.get(f"{url}?{longest}").status_code == 200

    response = client.get(f"{url}?{longest}x")
    assert response.status_code == 414
    assert "too long" in response.text
    assert "Content-Security-Policy" in response.headers
    assert "X-Content-Type-Options" in response.headers

    french = client.get(f"/fr{url}?{longest}x")
    assert french.status_code == 414
    assert "trop longue" in french.text
