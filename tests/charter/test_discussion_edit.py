"""Editing one's own comments: an "edited" marker, earlier texts kept, nobody else's words."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from charter.models import COMMENT_BODY_MAX, Comment, RevisionMeta
from charter.services import discussion
from personas.models import Player
from tests.conftest import make_clause, make_comment, revise_clause


def edit_url(comment: Comment) -> str:
    return f"{comment.clause.get_absolute_url()}comments/{comment.pk}/edit/"


@pytest.fixture
def said(alice, clause) -> Comment:
    return make_comment(clause=clause, author=alice, body="First words.", side="for")


def test_the_author_sees_the_form_filled_with_their_text(alice_client, said):
    response = alice_client.get(edit_url(said))
    assert response.status_code == 200
    assert "First words." in response.text
    assert re.search(r'value="for"[^>]*checked', response.text)


def test_the_author_edits_and_the_comment_is_marked_edited(alice_client, said, clause):
    response = alice_client.post(edit_url(said), {"body": "Better *words*.", "side": "against"})
    said.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"{clause.get_absolute_url()}#comment-{said.pk}"
    assert said.body == "Better *words*."
    assert said.body_html == "<p>Better <em>words</em>.</p>"
    assert said.side == "against"
    assert said.edited_at is not None
    page = alice_client.get(clause.get_absolute_url()).text
    assert '<span class="edited"' in page


def test_earlier_texts_are_kept_as_versions_for_moderators(alice, said):
    discussion.comment_edit(comment_id=said.pk, user=alice, body="Second.", side="for")
    discussion.comment_edit(comment_id=said.pk, user=alice, body="Third.", side="")
    versions = Version.objects.get_for_object(said)
    bodies = [v.field_dict["body"] for v in versions]
    assert bodies == ["Third.", "Second.", "First words."]
    original = versions.last()
    assert original.revision.date_created == said.created_at
    assert original.revision.user == alice
    metas = RevisionMeta.objects.filter(revision__version__in=versions).order_by("revision_number")
    assert [(m.kind, m.clause_id, m.revision_number) for m in metas] == [
        ("comment", None, 1),
        ("comment", None, 2),
        ("comment", None, 3),
    ]


def test_moderators_read_the_earlier_texts_in_the_admin(client, alice, mod, said):
    discussion.comment_edit(comment_id=said.pk, user=alice, body="Second, <b>bolder</b>.", side="")
    client.force_login(mod)
    page = client.get(f"/admin/charter/comment/{said.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Version 1" in text and "First words." in text
    assert "Version 2" in text and "Second, <b>bolder</b>." in text  # the sanitised HTML


def test_comment_revisions_never_disturb_the_clause_history(alice, said, clause):
    discussion.comment_edit(comment_id=said.pk, user=alice, body="Second.", side="")
    result = revise_clause(clause, alice, "A new text.", "")
    assert result.meta.revision_number == 2
    assert clause.revision_metas.count() == 2


def test_an_unchanged_edit_records_nothing(alice, said):
    discussion.comment_edit(comment_id=said.pk, user=alice, body="First words.", side="for")
    said.refresh_from_db()
    assert said.edited_at is None
    assert not Version.objects.get_for_object(said).exists()


def test_nobody_edits_another_players_comment(client, bob, said):
    client.force_login(bob)
    response = client.post(edit_url(said), {"body": "Words put in her mouth"})
    assert response.status_code == 403
    assert "Only its author can edit a comment" in response.text
    assert client.get(edit_url(said)).status_code == 403
    said.refresh_from_db()
    assert said.body == "First words."
    with pytest.raises(PermissionDenied):
        discussion.comment_edit(comment_id=said.pk, user=bob, body="Forged", side="")


def test_moderators_do_not_edit_players_words_either(client, mod, said):
    client.force_login(mod)
    assert client.post(edit_url(said), {"body": "Tidied"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, said):
    response = client.get(edit_url(said))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_edit_url_accepts_only_get_and_post(alice_client, said, method):
    assert getattr(alice_client, method)(edit_url(said)).status_code == 405


def test_a_hidden_comment_can_no_longer_be_edited(alice_client, said):
    Comment.objects.filter(pk=said.pk).update(status=Comment.Status.HIDDEN)
    response = alice_client.get(edit_url(said))
    assert response.status_code == 403
    assert "A moderator hid this comment" in response.text


def test_a_suspended_author_cannot_edit(alice_client, alice, said):
    Player.objects.filter(user=alice).update(suspended_until=timezone.now() + timedelta(days=1))
    assert alice_client.post(edit_url(said), {"body": "Sneaky"}).status_code == 403
    with pytest.raises(PermissionDenied, match="suspended"):
        discussion.comment_edit(comment_id=said.pk, user=alice, body="Sneaky", side="")


@pytest.mark.parametrize(
    ("body", "message", "kept"),
    [
        ("   ", "the comment is empty", "   "),
        ("Bad\x00byte", "control characters", "Badbyte"),
        ("z" * (COMMENT_BODY_MAX + 1), "at most 10,000 characters", "z" * (COMMENT_BODY_MAX + 1)),
    ],
)
def test_bad_edits_are_refused_with_the_text_kept(alice_client, said, body, message, kept):
    response = alice_client.post(edit_url(said), {"body": body})
    assert response.status_code == 400
    assert message in response.text
    assert kept in response.text
    said.refresh_from_db()
    assert said.body == "First words."


def test_editing_through_another_clause_url_is_a_404(alice_client, said):
    other = make_clause()
    url = f"{other.get_absolute_url()}comments/{said.pk}/edit/"
    assert alice_client.get(url).status_code == 404


def test_only_the_author_sees_an_edit_link(client, alice, bob, said, clause):
    client.force_login(bob)
    assert edit_url(said) not in client.get(clause.get_absolute_url()).text
    client.force_login(alice)
    assert f'href="{edit_url(said)}">Edit' in client.get(clause.get_absolute_url()).text
