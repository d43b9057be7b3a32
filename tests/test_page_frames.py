"""Signed-in players' clause pages come from shared frames, and are exactly the whole page.

A frame is built by whichever player asks first and then serves every
player with the same answers; only their own parts (header, stance, watch,
reply box) are rendered for them. These tests compare, for players of every
kind, the page served from a frame another player built with the page
rendered whole, and check that each player's own kind of change shows at
once.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charter.services import discussion, moderation, notifications, stances
from charter.services.players import player_suspend
from config import frames
from personas.services import player_play
from tests.conftest import (
    make_comment,
    make_group,
    make_persona,
    make_stance,
    make_user,
    make_voter,
)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
# The query that reads a page of threads: a page served from a frame skips it.
THREAD_QUERY = '"charter_comment"."path" AS "path"'


def page_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Each response masks the reader's CSRF token afresh.
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


def whole_page(client: Client, url: str, settings) -> str:
    settings.PAGE_FRAMES = False
    try:
        return page_of(client, url)
    finally:
        settings.PAGE_FRAMES = True


def framed_page(client: Client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = page_of(client, url)
    return page, [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def readers(alice, bob, charlie, mod, clause, rosa) -> dict:
    """Players of every kind the page treats differently, with a debate to read."""
    dave = make_user("dave", persona=rosa)  # like alice, without her stance
    erin = make_voter(name="Emma Goldman", slug="emma-goldman")
    suspended = make_voter(name="Victor Serge", slug="victor-serge")
    grouped = make_voter(name="Peter Kropotkin Jr", slug="peter-kropotkin-jr")
    make_group(grouped, name="Mutual aid group")
    make_stance(clause=clause, user=alice, position="oppose", reason="Too vague")
    # Like dave, but with a stance and no comment: a frame of dave's kind must not serve him.
    frank = make_user("frank", persona=rosa)
    make_stance(clause=clause, user=frank, position="support", reason="Borders divide us")
    said = make_comment(clause=clause, author=bob, body="Borders are drawn by **capital**.")
    make_comment(clause=clause, author=alice, parent=said, body="And crossed by workers.")
    notifications.watch(user=erin, clause=clause)
    player_suspend(
        user_id=suspended.pk,
        moderator=mod,
        until=timezone.now() + timedelta(days=2),
        reason="Cooling off",
    )
    return {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "mod": mod,
        "dave": dave,
        "frank": frank,
        "erin": erin,
        "suspended": suspended,
        "grouped": grouped,
    }


PAGES = {
    "clause": "{clause}",
    "history": "{clause}history/",
    "charter": "{charter}",
    "program": "{charter}minimum-program/",
    "home": "/",
    "recent": "/recent/",
    "hall": "/personas/",
}


@pytest.mark.parametrize("language", ["", "/fr"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_framed_page_is_the_whole_page_for_every_kind_of_player(
    readers, clause, settings, language, page, monkeypatch
):
    path = PAGES[page].format(
        clause=clause.get_absolute_url(), charter=clause.charter.get_absolute_url()
    )
    url = f"{language}{path}"
    clients = {}
    for name, user in readers.items():
        clients[name] = Client()
        clients[name].force_login(user)
        # Builds (or reuses) the frame of this player's kind.
        page_of(clients[name], url)
    built = []
    real_set = frames.cache.set
    monkeypatch.setattr(
        frames.cache, "set", lambda *a, **k: built.append(a[0]) or real_set(*a, **k)
    )
    for name, client in clients.items():
        framed, queries = framed_page(client, url)
        if page == "clause":
            assert not any(THREAD_QUERY in sql for sql in queries), name
        assert framed == whole_page(client, url, settings), name
    assert not [key for key in built if key.startswith(frames.FRAME_PREFIX)]


def test_players_alike_share_one_frame_and_see_their_own_parts(dave, erin_like, clause):
    first, second = Client(), Client()
    first.force_login(dave)
    second.force_login(erin_like)
    page_of(first, clause.get_absolute_url())
    page, queries = framed_page(second, clause.get_absolute_url())
    assert not any(THREAD_QUERY in sql for sql in queries)
    assert ">erin-like</a>" in page and ">dave</a>" not in page
    assert "playing Emma Goldman" in page and "playing Rosa Luxemburg" not in page


@pytest.fixture
def dave(rosa, clause):
    return make_user("dave", persona=rosa)


@pytest.fixture
def erin_like(db):
    return make_user("erin-like", persona=make_persona(name="Emma Goldman", slug="emma-goldman"))


def test_own_changes_show_at_once(alice, bob, clause, django_capture_on_commit_callbacks):
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url()
    page = page_of(reader, url)
    assert "Watch this clause" in page and "you <strong>support</strong>" not in page

    notifications.watch_toggle(clause=clause, user=alice)
    assert "You watch this clause." in page_of(reader, url)

    with django_capture_on_commit_callbacks(execute=True):
        stances.stance_take(clause_id=clause.pk, user=alice, position="support", reason="")
    assert "you <strong>support</strong>" in page_of(reader, url)

    with django_capture_on_commit_callbacks(execute=True):
        discussion.comment_post(clause_id=clause.pk, user=bob, body="A first word.")
    assert "A first word." in page_of(reader, url)

    kropotkin = make_persona(name="Peter Kropotkin", slug="kropotkin")
    player_play(user=alice, persona=kropotkin)
    page = page_of(reader, url)
    assert "playing Peter Kropotkin" in page and "Speaking as Peter Kropotkin" in page


def test_a_notification_shows_in_the_header_at_once(alice, bob, clause):
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url()
    said = make_comment(clause=clause, author=alice, body="Who answers?")
    assert "unread" not in page_of(reader, url)
    discussion.comment_post(clause_id=clause.pk, user=bob, body="I do.", parent_id=said.pk)
    assert 'Notifications <span class="unread">1' in page_of(reader, url)


def test_a_suspension_shows_at_once(alice, mod, clause):
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url()
    assert "Record my stance" in page_of(reader, url)
    player_suspend(
        user_id=alice.pk, moderator=mod, until=timezone.now() + timedelta(days=1), reason="Rude"
    )
    page = page_of(reader, url)
    assert "Your account is suspended until" in page and "Rude" in page
    assert "Record my stance" not in page and "Edit this clause" not in page


def test_a_lock_shows_at_once(alice, mod, clause, django_capture_on_commit_callbacks):
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url()
    assert "Edit this clause" in page_of(reader, url)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="Heated")
    assert "Edit this clause" not in page_of(reader, url)


def test_the_reader_with_messages_waiting_gets_the_whole_page(alice, clause):
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url()
    page_of(reader, url)
    response = reader.post(f"{url}watch/", follow=True)
    page = response.content.decode()
    assert "You are watching this clause" in page and "You watch this clause." in page


@pytest.mark.parametrize("query", ["?page=007", "?reply=1", "?page=1&page=2"])
def test_other_queries_get_the_page_rendered_whole(alice, clause, query):
    make_comment(clause=clause, author=alice, body="A root.")
    reader = Client()
    reader.force_login(alice)
    url = clause.get_absolute_url() + query
    page_of(reader, url)
    _, queries = framed_page(reader, url)
    assert any(THREAD_QUERY in sql for sql in queries)


def test_no_hole_sits_inside_a_cached_fragment():
    """A fragment cached with one reader's own part in it would show it to the next reader."""
    from pathlib import Path

    from django.conf import settings

    tag = re.compile(r"{%\s*(cache|endcache|hole|include)\b([^%]*)%}")
    templates = {
        str(path.relative_to(root)): path.read_text()
        for root in Path(settings.BASE_DIR).glob("**/templates")
        if ".venv" not in root.parts
        for path in root.glob("**/*.html")
    }

    def holes_in(name: str, seen: frozenset = frozenset()) -> bool:
        if name in seen or name not in templates:
            return False
        for kind, rest in tag.findall(templates[name]):
            if kind == "hole":
                return True
            if kind == "include":
                included = re.match(r'\s*"([^"]+)"', rest)
                if included and holes_in(included.group(1), seen | {name}):
                    return True
        return False

    inside = []
    for name, source in templates.items():
        depth = 0
        for kind, rest in tag.findall(source):
            depth += {"cache": 1, "endcache": -1}.get(kind, 0)
            included = re.match(r'\s*"([^"]+)"', rest) if kind in ("hole", "include") else None
            if depth and (kind == "hole" or (included and holes_in(included.group(1)))):
                inside.append(f"{name}: {kind}{rest}")
    assert not inside
    assert holes_in("charter/clause_detail.html") and holes_in("base.html")


FORM_TOKEN = re.compile(
    r'<form method="post" action="(?P<action>[^"]+)"[^>]*>\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="(?P<token>[^"]+)"'
)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_nothing_cached_keeps_a_readers_csrf_token(readers, clause, page, monkeypatch):
    """Forms in a frame carry the placeholder; a token in a frame, a cached fragment or
    a visitor's page would hand one reader's CSRF secret to every reader it serves."""
    path = PAGES[page].format(
        clause=clause.get_absolute_url(), charter=clause.charter.get_absolute_url()
    )
    cached = []
    real_set, real_set_many = frames.cache.set, frames.cache.set_many

    def keep(key, value, *args, **kwargs):
        cached.append((key, value))
        return real_set(key, value, *args, **kwargs)

    def keep_many(values, *args, **kwargs):
        cached.extend(values.items())
        return real_set_many(values, *args, **kwargs)

    monkeypatch.setattr(frames.cache, "set", keep)
    monkeypatch.setattr(frames.cache, "set_many", keep_many)
    client = Client()
    client.force_login(readers["alice"])
    page_of(client, path)
    cookie = client.cookies["csrftoken"].value
    page_of(Client(), path)
    assert any(key.startswith(frames.FRAME_PREFIX) for key, _ in cached)
    for key, value in cached:
        text = value.decode(errors="replace") if isinstance(value, bytes) else str(value)
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        assert set(tokens) <= {frames.csrf_placeholder()}, key
        assert cookie not in text, key


def test_a_form_in_a_frame_another_player_built_posts_with_the_readers_token(
    readers, clause, settings, rosa, monkeypatch
):
    """The whole cycle, CSRF checked: Gerd's visit builds the frame, Dave (a player
    of the same kind) reads the page from it and replies through its comment form."""
    settings.RATELIMIT_ENABLE = False
    url = clause.get_absolute_url()
    builder = Client(enforce_csrf_checks=True)
    builder.force_login(make_user("gerd", persona=rosa))
    page_of(builder, url)
    built = []
    real_set = frames.cache.set
    monkeypatch.setattr(
        frames.cache, "set", lambda *a, **k: built.append(a[0]) or real_set(*a, **k)
    )
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(readers["dave"])
    response = reader.get(url)
    assert not [key for key in built if key.startswith(frames.FRAME_PREFIX)]
    forms = {match["action"]: match["token"] for match in FORM_TOKEN.finditer(response.text)}
    action = clause.get_absolute_url() + "comments/"
    assert action in forms, sorted(forms)
    posted = reader.post(
        action,
        {"csrfmiddlewaretoken": forms[action], "body": "Workers cross them every day."},
    )
    assert posted.status_code == 302, posted.status_code
    assert clause.comments.filter(author=readers["dave"]).exists()


def test_another_app_server_serves_the_frame_from_the_shared_cache(
    dave, erin_like, clause, monkeypatch
):
    """Each process keeps the frames it served; a process that has not seen one reads
    it from the shared cache rather than building it again."""
    first, second = Client(), Client()
    first.force_login(dave)
    second.force_login(erin_like)
    page_of(first, clause.get_absolute_url())
    # A second app server: nothing kept in its own memory yet.
    monkeypatch.setattr(frames, "_local", frames._LocalFrames(frames.LOCAL_FRAMES_SIZE))
    built, read = [], []
    real_set, real_get = frames.cache.set, frames.cache.get
    monkeypatch.setattr(
        frames.cache, "set", lambda *a, **k: built.append(a[0]) or real_set(*a, **k)
    )
    monkeypatch.setattr(frames.cache, "get", lambda *a, **k: read.append(a[0]) or real_get(*a, **k))
    page, queries = framed_page(second, clause.get_absolute_url())
    assert not any(THREAD_QUERY in sql for sql in queries)
    assert "playing Emma Goldman" in page
    assert [key for key in read if key.startswith(frames.FRAME_PREFIX)]
    assert not [key for key in built if key.startswith(frames.FRAME_PREFIX)]

    # Served once here, the frame comes from this process's memory next time.
    read.clear()
    assert page_of(second, clause.get_absolute_url()) == page
    assert not [key for key in read if key.startswith(frames.FRAME_PREFIX)]


def test_a_process_keeps_the_frames_read_last_within_its_size():
    """Frames are kept split at their holes; every part counts towards the size."""
    local = frames._LocalFrames(size=10)
    local.put("a", ("a", "h", "aa"))
    local.put("b", ("bbbb",))
    assert local.get("a") == ("a", "h", "aa")  # now the most recently read
    local.put("c", ("cc", "cc"))  # 12 characters: the least recently read goes
    assert local.get("b") is None
    assert (local.get("a"), local.get("c")) == (("a", "h", "aa"), ("cc", "cc"))
    local.put("huge", ("x" * 11,))  # larger than the whole store: not kept
    assert local.get("huge") is None
    assert (local.get("a"), local.get("c")) == (("a", "h", "aa"), ("cc", "cc"))
    local.put("a", ("aaaaaa",))  # the same key again replaces, counted once
    assert (local.get("a"), local.get("c")) == (("aaaaaa",), ("cc", "cc"))
    assert local._held == 10
