"""The contest pages, each through the whole GET-the-form-then-POST-it cycle a browser makes."""

import pytest
from django.contrib.messages import get_messages
from reversion.models import Version

from contests.models import Contest, Entry, Phase, Vote
from tests.conftest import make_voter
from tests.contests.conftest import make_contest, make_entry, move_to, suspend
from tests.forms import form_fields

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def entry_url(entry: Entry, tail: str = "") -> str:
    return f"{entry.get_absolute_url()}{tail}"


# The list and the contest page.


def test_the_list_shows_current_and_past_contests_to_a_visitor(client, mod):
    make_contest(slug="open-one", theme="2100", opened_by=mod)
    make_contest(slug="old-one", theme="1999", opened_by=mod, phase=Phase.CLOSED)
    page = client.get("/contests/")
    assert page.status_code == 200
    current, past = page.text.split('id="past-heading"')
    assert "Path to Utopia: 2100" in current and "1999" not in current
    assert "Path to Utopia: 1999" in past
    assert "Open a contest" not in page.text


def test_the_header_links_to_the_contests_on_every_page(client, db):
    assert '<a href="/contests/">Contests</a>' in client.get("/help/").text


def test_moderators_are_offered_to_open_a_contest(client, mod):
    client.force_login(mod)
    assert 'href="/contests/new/"' in client.get("/contests/").text


def test_the_contest_page_shows_theme_rules_deadlines_and_submitted_entries_only(
    client, contest, alice, bob
):
    make_entry(contest=contest, author=alice, title="Red dawn")
    make_entry(contest=contest, author=bob, title="Secret draft", submitted=False)
    page = client.get(contest.get_absolute_url())
    assert page.status_code == 200
    assert "Path to Utopia: 2100" in page.text
    assert "<p>Tell it.</p>" in page.text
    assert "Entries close" in page.text and "Voting closes" in page.text
    assert "Red dawn" in page.text
    assert "Secret draft" not in page.text


def test_an_unknown_contest_is_a_404(client, db):
    assert client.get("/contests/nowhere/").status_code == 404


def test_contest_pages_answer_only_get(client, contest):
    assert client.post(contest.get_absolute_url()).status_code == 405
    assert client.post("/contests/").status_code == 405


# Opening a contest.


def test_a_moderator_opens_a_contest_through_the_form(client, mod):
    client.force_login(mod)
    page = client.get("/contests/new/")
    assert page.status_code == 200
    fields = form_fields(page.text, "contest-form")
    fields.update(
        theme="2100",
        rules="Show *daily life*.",
        entries_close_at="2099-01-01T12:00",
        votes_close_at="2099-02-01T12:00",
    )
    response = client.post("/contests/new/", fields)
    contest = Contest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contest.get_absolute_url()
    assert contest.opened_by == mod and "<em>daily life</em>" in contest.rules_html


def test_deadlines_out_of_order_are_refused_with_the_form_kept(client, mod):
    client.force_login(mod)
    response = client.post(
        "/contests/new/",
        {
            "theme": "2100",
            "rules": "Rules",
            "entries_close_at": "2099-02-01T12:00",
            "votes_close_at": "2099-01-01T12:00",
        },
    )
    assert response.status_code == 400
    assert "voting deadline must come after" in response.text
    assert 'value="2100"' in response.text
    assert not Contest.objects.exists()


def test_a_player_may_not_open_a_contest(alice_client):
    response = alice_client.get("/contests/new/")
    assert response.status_code == 403
    assert "Only moderators can open a contest." in response.text
    assert alice_client.post("/contests/new/", {"theme": "x"}).status_code == 403


def test_a_visitor_is_sent_to_log_in_to_open_a_contest(client, db):
    response = client.get("/contests/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Writing an entry.


def test_a_player_writes_a_draft_that_only_they_can_read(client, contest, alice, bob):
    client.force_login(alice)
    page = client.get(f"{contest.get_absolute_url()}entries/new/")
    assert page.status_code == 200
    assert "You write as Rosa Luxemburg, of the Spartacists" in page.text
    fields = form_fields(page.text, "entry-form")
    fields.update(title="Red dawn", body="The *councils* met.\r\n\r\nAnd won.")
    response = client.post(f"{contest.get_absolute_url()}entries/new/", fields)
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.body == "The *councils* met.\n\nAnd won."
    draft = client.get(entry.get_absolute_url())
    assert "Only you can read this draft" in draft.text
    assert "<em>councils</em>" in draft.text
    client.force_login(bob)
    assert client.get(entry.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_a_second_entry_form_leads_to_the_first_entry(alice_client, contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    response = alice_client.get(f"{contest.get_absolute_url()}entries/new/")
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()


def test_editing_a_draft_keeps_earlier_drafts_for_the_author(client, contest, alice, bob):
    entry = make_entry(contest=contest, author=alice, submitted=False, title="First title")
    client.force_login(alice)
    page = client.get(entry_url(entry, "edit/"))
    fields = form_fields(page.text, "entry-form")
    assert fields["revision_number"] == "1"
    fields["title"] = "Second title"
    response = client.post(entry_url(entry, "edit/"), fields)
    assert response.status_code == 302
    assert "Draft 2 saved; the earlier ones are kept." in messages_of(response)
    drafts = client.get(entry_url(entry, "drafts/"))
    assert "Draft 1" in drafts.text and "Draft 2" in drafts.text
    assert "First title" in drafts.text
    oldest = Version.objects.get_for_object(entry).order_by("pk").first()
    old = client.get(entry_url(entry, f"drafts/{oldest.pk}/"))
    assert old.status_code == 200 and "Draft 1: First title" in old.text
    assert client.get(entry_url(entry, "drafts/999999/")).status_code == 404
    client.force_login(bob)
    assert client.get(entry_url(entry, "drafts/")).status_code == 404


def test_a_stale_edit_form_is_refused_with_the_text_kept(client, contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    client.force_login(alice)
    tab_one = form_fields(client.get(entry_url(entry, "edit/")).text, "entry-form")
    tab_two = dict(tab_one)
    client.post(entry_url(entry, "edit/"), {**tab_one, "body": "Tab one's story."})
    response = client.post(entry_url(entry, "edit/"), {**tab_two, "body": "Tab two's story."})
    assert response.status_code == 409
    assert "saved this draft elsewhere" in response.text
    assert "Tab two&#x27;s story." in response.text
    assert Entry.objects.get(pk=entry.pk).body == "Tab one's story."


def test_submitting_from_the_draft_page_makes_the_entry_public(client, contest, alice, bob):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    client.force_login(alice)
    fields = form_fields(client.get(entry.get_absolute_url()).text, "submit/")
    response = client.post(entry_url(entry, "submit/"), fields)
    assert response.status_code == 302
    assert Entry.objects.get(pk=entry.pk).is_submitted
    client.force_login(bob)
    page = client.get(entry.get_absolute_url())
    assert page.status_code == 200 and 'id="discussion"' in page.text


def test_a_late_submission_shows_the_deadline(client, contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    client.force_login(alice)
    fields = form_fields(client.get(entry.get_absolute_url()).text, "submit/")
    move_to(contest, Phase.VOTING)
    response = client.post(entry_url(entry, "submit/"), fields)
    assert response.status_code == 403
    assert "Entries for this contest closed on" in response.text
    assert not Entry.objects.get(pk=entry.pk).is_submitted


def test_a_submit_without_its_revision_number_asks_for_a_reload(alice_client, contest, alice):
    entry = make_entry(contest=contest, author=alice, submitted=False)
    response = alice_client.post(entry_url(entry, "submit/"), {"revision_number": "①"})
    assert response.status_code == 400
    assert "Reload the page" in response.text


def test_submit_and_vote_urls_answer_only_post(alice_client, voting):
    entry = voting["bob"]
    for tail in ("submit/", "vote/", "vote/withdraw/", "comments/"):
        assert alice_client.get(entry_url(entry, tail)).status_code == 405


def test_a_suspended_player_sees_why_they_cannot_enter(client, contest, alice):
    suspend(alice)
    client.force_login(alice)
    page = client.get(f"{contest.get_absolute_url()}entries/new/")
    assert page.status_code == 403
    assert "suspended, so you cannot write an entry" in page.text
    response = client.post(f"{contest.get_absolute_url()}entries/new/", {"title": "T", "body": "B"})
    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_a_player_without_a_persona_is_pointed_to_the_hall(client, contest, charlie):
    client.force_login(charlie)
    page = client.get(contest.get_absolute_url())
    assert "Pick a persona to speak as before you write an entry." in page.text
    assert "/personas/?next=" in page.text


# Voting.


def test_a_player_votes_from_the_contest_page_and_sees_only_their_own_votes(
    client, voting, alice, bob
):
    contest = voting["contest"]
    client.force_login(alice)
    page = client.get(contest.get_absolute_url())
    assert "You have <strong>3 of 3</strong> votes left" in page.text
    fields = form_fields(page.text, f"/entries/{voting['bob'].pk}/vote/")
    response = client.post(entry_url(voting["bob"], "vote/"), fields)
    assert response.status_code == 302
    assert response["Location"] == contest.get_absolute_url()
    assert any("is counted" in m for m in messages_of(response))
    page = client.get(contest.get_absolute_url())
    assert "You have <strong>2 of 3</strong> votes left" in page.text
    assert "Your vote" in page.text
    # Her own circle's entry offers no vote, and says why.
    assert "You cannot vote for your own entry." in page.text


def test_a_refused_vote_shows_the_reason_on_the_entry_page(client, voting, dora):
    client.force_login(dora)
    response = client.post(entry_url(voting["alice"], "vote/"))
    assert response.status_code == 403
    assert "your own circle, the Spartacists" in response.text
    assert not Vote.objects.exists()


def test_a_fourth_vote_is_refused_with_a_sentence(client, voting, alice, mod):
    contest = voting["contest"]
    extra = make_entry(contest=contest, author=mod, title="Kropotkin's road")
    fourth = make_entry(contest=contest, author=make_voter(), title="A fourth road")
    client.force_login(alice)
    for entry in (voting["bob"], voting["carol"], extra):
        assert client.post(entry_url(entry, "vote/")).status_code == 302
    response = client.post(entry_url(fourth, "vote/"))
    assert response.status_code == 400
    assert "used your 3 votes" in response.text
    assert Vote.objects.filter(voter=alice).count() == 3


def test_withdrawing_a_vote_from_the_entry_page(client, voting, alice):
    client.force_login(alice)
    client.post(entry_url(voting["bob"], "vote/"))
    page = client.get(voting["bob"].get_absolute_url())
    fields = form_fields(page.text, "vote/withdraw/")
    response = client.post(entry_url(voting["bob"], "vote/withdraw/"), fields)
    assert response.status_code == 302
    assert not Vote.objects.exists()


def test_a_visitor_who_votes_is_sent_to_log_in(client, voting):
    response = client.post(entry_url(voting["bob"], "vote/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Vote.objects.exists()


def test_a_vote_for_a_draft_of_someone_else_is_a_404(client, voting, dora, bob):
    contest = voting["contest"]
    move_to(contest, Phase.ENTRIES)
    draft = make_entry(contest=contest, author=dora, submitted=False)
    move_to(contest, Phase.VOTING)
    client.force_login(bob)
    assert client.post(entry_url(draft, "vote/")).status_code == 404


def test_the_vote_redirect_stays_on_this_site(client, voting, alice):
    client.force_login(alice)
    response = client.post(entry_url(voting["bob"], "vote/"), {"next": "https://evil.example/"})
    assert response["Location"] == entry_url(voting["bob"], "#vote")
