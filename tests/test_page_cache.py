"""Visitors' pages come from the cache, and every kind of write shows at once.

Each test reads a page as a visitor (filling the cache), checks that the
next read needs no database query at all, makes one kind of write through
the real services or views, and reads again: the change must be there.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from charter.services import discussion, moderation, revisions, stances
from personas.models import Persona, Tendency
from personas.services import player_play
from tests.conftest import make_comment, make_persona, make_user, make_voter, revise_clause


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed: stamps are replaced on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def visitor() -> Client:
    return Client()


def read(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_cached(client: Client, url: str, django_assert_num_queries) -> None:
    read(client, url)
    with django_assert_num_queries(0):
        read(client, url)


PAGES = ["/", "charter", "clause", "history", "program", "program.md", "/personas/", "/recent/"]


def _url(name: str, clause) -> str:
    charter = clause.charter.get_absolute_url()
    return {
        "charter": charter,
        "clause": clause.get_absolute_url(),
        "history": f"{clause.get_absolute_url()}history/",
        "program": f"{charter}minimum-program/",
        "program.md": f"{charter}minimum-program.md",
    }.get(name, name)


@pytest.mark.parametrize("page", PAGES)
def test_a_second_visit_costs_no_query(visitor, clause, page, django_assert_num_queries):
    assert_cached(visitor, _url(page, clause), django_assert_num_queries)


def test_players_are_never_served_a_visitors_page(client, alice, clause):
    read(client, clause.get_absolute_url())
    client.force_login(alice)
    assert "playing Rosa Luxemburg" in read(client, clause.get_absolute_url())


@pytest.mark.parametrize("page", ["charter", "clause", "history", "/recent/"])
def test_a_revision_shows_at_once(
    visitor, alice, clause, page, committed, django_assert_num_queries
):
    url = _url(page, clause)
    assert_cached(visitor, url, django_assert_num_queries)
    with committed():
        revise_clause(clause, alice, "Freshly revised words.", title="A freshly revised title")
    assert "A freshly revised title" in read(visitor, url)


def test_a_comment_shows_at_once(visitor, bob, clause, committed, django_assert_num_queries):
    assert_cached(visitor, clause.get_absolute_url(), django_assert_num_queries)
    with committed():
        discussion.comment_post(clause_id=clause.pk, user=bob, body="A brand new point.")
    assert "A brand new point." in read(visitor, clause.get_absolute_url())


def test_a_comment_edit_and_a_moderators_hiding_show_at_once(visitor, bob, mod, clause, committed):
    said = make_comment(clause=clause, author=bob, body="First words.")
    read(visitor, clause.get_absolute_url())
    with committed():
        discussion.comment_edit(comment_id=said.pk, user=bob, body="Second words.", side="")
    assert "Second words." in read(visitor, clause.get_absolute_url())
    with committed():
        moderation.comment_hide(comment_id=said.pk, moderator=mod, reason="Off topic")
    page = read(visitor, clause.get_absolute_url())
    assert "Second words." not in page and "Hidden by a moderator" in page


@pytest.mark.parametrize("page", ["charter", "clause", "program", "program.md"])
def test_a_stance_shows_at_once(visitor, clause, page, committed):
    url = _url(page, clause)
    before = read(visitor, url)
    voters = [make_voter() for _ in range(3)]
    with committed():
        for voter in voters:
            stances.stance_take(clause_id=clause.pk, user=voter, position="support", reason="")
    after = read(visitor, url)
    assert after != before
    if page in ("program", "program.md"):
        assert clause.title in after.split("Contested")[0]


def test_a_lock_shows_at_once(visitor, mod, clause, committed):
    read(visitor, clause.get_absolute_url())
    with committed():
        moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="Edit war")
    assert "badge-locked" in read(visitor, clause.get_absolute_url())


@pytest.mark.parametrize("page", ["/", "charter", "clause", "/recent/"])
def test_a_removal_shows_at_once(visitor, alice, clause, page, committed):
    url = _url(page, clause)
    before = read(visitor, url)
    if page in ("charter", "/recent/"):
        assert clause.title in before
    with committed():
        revisions.clause_remove(clause_id=clause.pk, user=alice, reason="Duplicate")
    response = visitor.get(url)
    if page == "clause":
        assert response.status_code == 410
    else:
        assert clause.title not in response.content.decode()


def test_a_new_clause_shows_on_the_home_page_count(visitor, alice, clause, committed):
    before = read(visitor, "/")
    with committed():
        revisions.clause_create(charter=clause.charter, user=alice, title="Another", body="Words.")
    assert read(visitor, "/") != before


def test_a_player_taking_up_a_persona_shows_in_the_hall_at_once(visitor, db, committed):
    persona = make_persona(name="Louise Michel", slug="louise-michel")
    user = make_user("newcomer")
    before = read(visitor, "/personas/")
    with committed():
        player_play(user=user, persona=persona)
    assert read(visitor, "/personas/") != before


def test_an_admin_edit_of_a_persona_shows_everywhere_at_once(
    visitor, client, clause, bob, committed
):
    make_comment(clause=clause, author=bob)
    read(visitor, clause.get_absolute_url())
    read(visitor, "/personas/")
    admin = User.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    persona = Persona.objects.get(slug="mikhail-bakunin")
    with committed():
        response = client.post(
            f"/admin/personas/persona/{persona.pk}/change/",
            {
                "name": "Mikhail Alexandrovich Bakunin",
                "slug": persona.slug,
                "tendency": persona.tendency_id,
                "born": 1814,
                "died": 1876,
                "places": "",
                "bio": "",
                "quotations-TOTAL_FORMS": "0",
                "quotations-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Mikhail Alexandrovich Bakunin" in read(visitor, clause.get_absolute_url())
    assert "Mikhail Alexandrovich Bakunin" in read(visitor, "/personas/")


def test_unknown_query_parameters_bypass_the_cache(visitor, clause, django_assert_max_num_queries):
    # Otherwise anyone could fill the cache with endless variants of a page.
    url = f"{clause.get_absolute_url()}?utm_source=spam"
    read(visitor, url)
    with pytest.raises(pytest.fail.Exception), django_assert_max_num_queries(0):
        read(visitor, url)


def test_tendency_counts_on_the_home_page_follow_the_admin(visitor, client, db, committed):
    read(visitor, "/")
    admin = User.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    with committed():
        client.post(
            "/admin/personas/tendency/add/",
            {"name": "Luddites", "slug": "luddites", "colour": "#445566", "position": 99},
        )
    assert Tendency.objects.filter(slug="luddites").exists()
    assert "Luddites" in read(visitor, "/")


# Signed-in readers: shared fragments, never someone else's variant.


def _edit_link(comment) -> str:
    return f"{comment.clause.get_absolute_url()}comments/{comment.pk}/edit/"


def test_players_share_comment_fragments_but_only_authors_get_edit_links(
    client, alice, bob, clause
):
    mine = make_comment(clause=clause, author=alice, body="Alice speaks.")
    theirs = make_comment(clause=clause, author=bob, body="Bob speaks.")
    client.force_login(alice)
    page = read(client, clause.get_absolute_url())
    assert _edit_link(mine) in page and _edit_link(theirs) not in page
    client.force_login(bob)
    page = read(client, clause.get_absolute_url())
    assert _edit_link(theirs) in page and _edit_link(mine) not in page


def test_a_moderators_view_of_a_hidden_comment_never_reaches_players(
    client, alice, bob, mod, clause
):
    said = make_comment(clause=clause, author=bob, body="Words a moderator hid.")
    moderation.comment_hide(comment_id=said.pk, moderator=mod, reason="Abuse")
    client.force_login(mod)
    assert "Words a moderator hid." in read(client, clause.get_absolute_url())
    client.force_login(alice)
    page = read(client, clause.get_absolute_url())
    assert "Words a moderator hid." not in page and "Hidden by a moderator" in page


def test_a_comment_edit_shows_at_once_to_signed_in_readers(client, alice, bob, clause, committed):
    said = make_comment(clause=clause, author=bob, body="Before the edit.")
    client.force_login(alice)
    read(client, clause.get_absolute_url())
    with committed():
        discussion.comment_edit(comment_id=said.pk, user=bob, body="After the edit.", side="")
    page = read(client, clause.get_absolute_url())
    assert "After the edit." in page and "Before the edit." not in page


def test_a_new_release_builds_new_keys(settings, tmp_path):
    from config.caching import release

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>before</p>")
    (tmp_path / "tests").mkdir()
    settings.BASE_DIR = tmp_path
    fingerprint = release.__wrapped__()
    (tmp_path / "tests" / "test_more.py").write_text("assert True")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    assert release.__wrapped__() == fingerprint  # tests and other files are not served
    page.write_text("<p>after</p>")
    assert release.__wrapped__() != fingerprint


@pytest.mark.parametrize("query", ["?page=007", "?page=123456789", "?page=2&page=3", "?page=x"])
def test_odd_spellings_of_a_page_are_not_cached(visitor, clause, query, django_assert_num_queries):
    url = clause.get_absolute_url() + query
    read(visitor, url)
    with pytest.raises(pytest.fail.Exception), django_assert_num_queries(0):
        read(visitor, url)


def test_a_page_number_as_links_write_it_is_cached(visitor, clause, django_assert_num_queries):
    assert_cached(visitor, clause.get_absolute_url() + "?page=2", django_assert_num_queries)


def test_a_new_stylesheet_is_a_new_release(settings, tmp_path):
    from config.caching import release

    (tmp_path / "static").mkdir()
    sheet = tmp_path / "static" / "site.css"
    sheet.write_text("body { color: black }")
    settings.BASE_DIR = tmp_path
    fingerprint = release.__wrapped__()
    sheet.write_text("body { color: navy }")
    assert release.__wrapped__() != fingerprint
