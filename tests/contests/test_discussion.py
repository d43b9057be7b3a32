"""The debate under a submitted entry: the clauses' discussion component, given an entry.

Posting, replying (plain and inline with htmx), editing, flagging and a
moderator hiding a comment all go through charter's own views and services;
these tests check they work on an entry and never leak into a clause.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from charter.models import Comment, Flag
from charter.services import discussion, moderation
from contests.models import Phase
from contests.subjects import EntrySubject
from search.indexing import reindex_all
from search.models import SearchDocument
from tests.contests.conftest import make_entry, move_to, suspend

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(contest, alice):
    return make_entry(contest=contest, author=alice, title="Red dawn")


def comments_url(entry) -> str:
    return f"{entry.get_absolute_url()}comments/"


def test_a_player_posts_on_an_entry_and_reads_it_at_once(client, entry, bob):
    client.force_login(bob)
    page = client.get(entry.get_absolute_url())
    assert "No one has spoken on this entry yet." in page.text
    assert f'action="{comments_url(entry)}"' in page.text
    response = client.post(comments_url(entry), {"body": "Where are the *Anarchists*?"})
    comment = Comment.objects.get()
    assert comment.entry == entry and comment.clause is None
    assert comment.persona == bob.player.persona
    assert response.status_code == 302
    assert response["Location"] == f"{entry.get_absolute_url()}#comment-{comment.pk}"
    # The page's comment fragments are cached; the post replaced the entry's stamp.
    page = client.get(entry.get_absolute_url())
    assert "<em>Anarchists</em>" in page.text
    assert "1 comment" in page.text


def test_a_reply_nests_under_its_parent(client, entry, alice, bob):
    root = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Root").comment
    client.force_login(alice)
    page = client.get(f"{entry.get_absolute_url()}?reply={root.pk}")
    assert "Reply to Mikhail Bakunin" in page.text
    response = client.post(comments_url(entry), {"body": "An answer", "parent": root.pk})
    reply = Comment.objects.get(parent=root)
    assert response.status_code == 302
    assert reply.depth == 1 and reply.entry == entry
    text = client.get(entry.get_absolute_url()).text
    assert text.index(f'id="comment-{root.pk}"') < text.index(f'id="comment-{reply.pk}"')
    assert '<ol class="replies">' in text


def test_an_inline_reply_with_htmx_comes_back_as_a_fragment(client, entry, alice, bob):
    root = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Root").comment
    client.force_login(alice)
    form = client.get(f"{comments_url(entry)}form/?quote={root.pk}", HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert "&gt; **Mikhail Bakunin:**" in form.text
    assert f'hx-post="{comments_url(entry)}"' in form.text
    response = client.post(
        comments_url(entry), {"body": "Inline!", "parent": root.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#reply-slot-{root.pk}"
    assert "Inline!" in response.text


def test_the_side_choice_speaks_of_the_entry(client, entry, bob):
    client.force_login(bob)
    assert "For the entry" in client.get(entry.get_absolute_url()).text


def test_a_reply_to_a_comment_of_another_discussion_is_refused(entry, bob, clause):
    elsewhere = discussion.comment_post(clause_id=clause.pk, user=bob, body="On a clause").comment
    with pytest.raises(ValidationError, match="not part of this discussion"):
        discussion.comment_post(
            subject=EntrySubject(entry), user=bob, body="Crossing over", parent_id=elsewhere.pk
        )


def test_an_entry_comment_cannot_be_reached_through_a_clause_url(client, entry, bob, clause):
    said = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Here").comment
    client.force_login(bob)
    assert client.get(f"{clause.get_absolute_url()}comments/{said.pk}/").status_code == 404
    assert client.get(f"{comments_url(entry)}{said.pk}/").status_code == 302


def test_the_author_edits_their_comment_on_an_entry(client, entry, bob):
    said = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="First").comment
    client.force_login(bob)
    page = client.get(f"{comments_url(entry)}{said.pk}/edit/")
    assert page.status_code == 200
    assert "Red dawn" in page.text  # the breadcrumbs lead back to the entry
    response = client.post(f"{comments_url(entry)}{said.pk}/edit/", {"body": "Second"})
    assert response.status_code == 302
    assert "Second" in client.get(entry.get_absolute_url()).text


def test_a_moderator_hides_a_comment_and_players_see_it_hidden_at_once(client, entry, bob, mod):
    said = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Rude words").comment
    client.force_login(bob)
    assert "Rude words" in client.get(entry.get_absolute_url()).text
    moderation.comment_hide(comment_id=said.pk, moderator=mod, reason="Insults")
    text = client.get(entry.get_absolute_url()).text
    assert "Rude words" not in text
    assert "Hidden by a moderator." in text
    client.force_login(mod)
    assert "Reason: Insults" in client.get(entry.get_absolute_url()).text


def test_a_comment_on_an_entry_can_be_flagged_and_shows_in_the_queue(
    client, entry, bob, carol, mod
):
    said = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Spam!").comment
    client.force_login(carol)
    response = client.post(f"{comments_url(entry)}{said.pk}/flag/", {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"] == f"{entry.get_absolute_url()}#comment-{said.pk}"
    assert Flag.objects.get().comment == said
    client.force_login(mod)
    queue = client.get("/admin/charter/flag/")
    assert queue.status_code == 200
    assert "Red dawn" in queue.text
    assert "Lock clause" not in queue.text


def test_a_draft_has_no_debate(client, contest, bob):
    draft = make_entry(contest=contest, author=bob, submitted=False)
    with pytest.raises(PermissionDenied, match="still a draft"):
        discussion.comment_post(subject=EntrySubject(draft), user=bob, body="Early")
    client.force_login(bob)
    assert client.post(comments_url(draft), {"body": "Early"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_suspended_player_cannot_join_an_entrys_debate(client, entry, bob):
    suspend(bob)
    client.force_login(bob)
    response = client.post(comments_url(entry), {"body": "Let me in"})
    assert response.status_code == 403
    assert "suspended" in response.text
    assert not Comment.objects.exists()


def test_the_debate_stays_open_after_the_contest_closed(entry, bob):
    move_to(entry.contest, Phase.CLOSED)
    entry.refresh_from_db()
    assert discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Well won").created


def test_a_comment_is_about_exactly_one_thing(entry, bob, clause):
    comment = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Both?").comment
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(clause=clause)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(entry=None)


def test_entry_comments_stay_out_of_records_and_the_search_index(client, entry, bob):
    said = discussion.comment_post(subject=EntrySubject(entry), user=bob, body="Findable").comment
    assert "Findable" not in client.get("/players/bob/").text
    assert "Findable" not in client.get(bob.player.persona.get_absolute_url()).text
    assert not SearchDocument.objects.filter(comment=said).exists()
    reindex_all()
    assert not SearchDocument.objects.filter(comment=said).exists()
