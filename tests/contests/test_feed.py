"""The Atom feed of a contest's submitted entries."""

import pytest

from tests.contests.conftest import make_entry

pytestmark = pytest.mark.django_db


def test_the_feed_lists_submitted_entries_newest_first_and_no_drafts(client, contest, alice, bob):
    make_entry(contest=contest, author=alice, title="First road")
    make_entry(contest=contest, author=bob, title="Hidden draft", submitted=False)
    response = client.get(f"/feeds/contests/{contest.slug}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "First road — by Rosa Luxemburg (Spartacists)" in text
    assert "Hidden draft" not in text


def test_the_feed_escapes_html_in_titles_and_sanitises_the_story(client, contest, alice):
    make_entry(
        contest=contest,
        author=alice,
        title="<script>alert(1)</script> & <b>bold</b>",
        body="<script>alert(2)</script> **strong** [x](javascript:alert(3))",
    )
    text = client.get(f"/feeds/contests/{contest.slug}/").content.decode()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert "<script>" not in text
    assert "javascript:" not in text
    # The summary is HTML escaped once into the XML: the sanitised <strong> survives.
    assert "&lt;strong&gt;strong&lt;/strong&gt;" in text


def test_an_unknown_contests_feed_is_a_404(client, db):
    assert client.get("/feeds/contests/nowhere/").status_code == 404


def test_the_contest_page_announces_its_feed(client, contest):
    text = client.get(contest.get_absolute_url()).text
    assert 'type="application/atom+xml" title="Entries to Path to Utopia: 2100 (Atom)"' in text
