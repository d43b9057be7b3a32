"""Watching clauses, notifications, the header's unread count and the discussion feed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charter.models import Comment, Notification, Watch
from charter.services import discussion, notifications
from personas.models import Player
from tests.conftest import make_clause, make_comment, make_persona, make_user, revise_clause

Kind = Notification.Kind


def notes(user) -> list[tuple[str, int | None]]:
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("kind", "comment_id")
    )


# Watching


def test_commenting_makes_the_player_watch_the_clause(alice, clause):
    discussion.comment_post(clause_id=clause.pk, user=alice, body="Hello")
    assert Watch.objects.filter(user=alice, clause=clause).exists()


def test_editing_makes_the_player_watch_the_clause(
    alice, clause, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, alice, "A new text")
    assert Watch.objects.filter(user=alice, clause=clause).exists()


def test_the_watch_button_toggles(alice_client, alice, clause):
    url = f"{clause.get_absolute_url()}watch/"
    response = alice_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"{clause.get_absolute_url()}#discussion"
    assert Watch.objects.filter(user=alice, clause=clause).exists()
    assert "Stop watching" in alice_client.get(clause.get_absolute_url()).text
    alice_client.post(url)
    assert not Watch.objects.filter(user=alice, clause=clause).exists()
    assert "Watch this clause" in alice_client.get(clause.get_absolute_url()).text


def test_watching_needs_a_login_and_a_post(client, alice, clause):
    url = f"{clause.get_absolute_url()}watch/"
    assert client.post(url)["Location"].startswith("/accounts/login/")
    client.force_login(alice)
    assert client.get(url).status_code == 405
    assert not Watch.objects.exists()


def test_a_suspended_player_cannot_start_watching(alice_client, alice, clause):
    Player.objects.filter(user=alice).update(suspended_until=timezone.now() + timedelta(days=1))
    response = alice_client.post(f"{clause.get_absolute_url()}watch/", follow=True)
    assert "suspended" in response.text
    assert not Watch.objects.exists()


# Who hears of what


def test_a_reply_notifies_the_parent_author_and_other_watchers_but_never_the_replier(
    alice, bob, clause, rosa
):
    carol = make_user("carol", persona=make_persona())
    root = discussion.comment_post(clause_id=clause.pk, user=bob, body="Root").comment
    discussion.comment_post(clause_id=clause.pk, user=carol, body="Me too")
    reply = discussion.comment_post(
        clause_id=clause.pk, user=alice, body="Answer", parent_id=root.pk
    ).comment
    assert notes(bob) == [
        (Kind.COMMENT, Comment.objects.get(body="Me too").pk),
        (Kind.REPLY, reply.pk),
    ]
    assert notes(carol) == [(Kind.COMMENT, reply.pk)]
    assert notes(alice) == []
    note = Notification.objects.get(user=bob, kind=Kind.REPLY)
    assert (note.clause, note.actor_persona) == (clause, rosa)


def test_replying_to_oneself_notifies_nobody(alice, clause):
    root = discussion.comment_post(clause_id=clause.pk, user=alice, body="Root").comment
    discussion.comment_post(clause_id=clause.pk, user=alice, body="And more", parent_id=root.pk)
    assert not Notification.objects.exists()


def test_a_reply_notifies_its_parent_author_even_after_they_stop_watching(alice, bob, clause):
    root = discussion.comment_post(clause_id=clause.pk, user=bob, body="Root").comment
    notifications.clause_watch(clause=clause, user=bob, watching=False)
    discussion.comment_post(clause_id=clause.pk, user=alice, body="Reply", parent_id=root.pk)
    assert [kind for kind, _ in notes(bob)] == [Kind.REPLY]


def test_a_new_revision_notifies_the_other_watchers(
    alice, bob, clause, django_capture_on_commit_callbacks
):
    notifications.clause_watch(clause=clause, user=bob, watching=True)
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, alice, "Changed by Rosa")
    note = Notification.objects.get()
    assert (note.user, note.kind, note.clause) == (bob, Kind.REVISION, clause)
    assert note.revision_meta.revision_number == 2
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, bob, "Changed back by Bakunin")
    assert notes(alice) == [(Kind.REVISION, None)]


def test_revision_notices_are_sent_once_even_if_the_hook_runs_twice(
    alice, bob, clause, django_capture_on_commit_callbacks
):
    notifications.clause_watch(clause=clause, user=bob, watching=True)
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, alice, "Changed once")
    meta = clause.revision_metas.get(revision_number=2)
    assert notifications.revision_notify(meta_pk=meta.pk) == []
    assert Notification.objects.filter(user=bob).count() == 1


def test_a_failing_notification_never_breaks_the_saved_edit(
    alice, clause, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(notifications, "revision_notify", broken)
    with django_capture_on_commit_callbacks(execute=True):
        revise_clause(clause, alice, "Saved anyway")
    clause.refresh_from_db()
    assert clause.body == "Saved anyway"


# The header and the notifications page


def test_the_header_shows_the_unread_count_with_one_query(
    client, alice, bob, clause, django_assert_num_queries
):
    root = make_comment(clause=clause, author=alice)
    discussion.comment_post(clause_id=clause.pk, user=bob, body="Hm", parent_id=root.pk)
    client.force_login(alice)
    text = client.get("/").text
    assert '<span class="unread">1<span class="visually-hidden"> unread</span></span>' in text

    from django.test import RequestFactory

    from charter.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = alice
    context = unread_notifications(request)
    with django_assert_num_queries(1):
        assert context["unread_notifications"]() == 1
        assert context["unread_notifications"]() == 1


def test_anonymous_visitors_have_no_unread_count_and_no_query(db, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from charter.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_notifications(request)["unread_notifications"]() == 0


def test_the_notifications_page_lists_them_newest_first(client, alice, bob, clause):
    root = make_comment(clause=clause, author=alice, body="My point")
    discussion.comment_post(clause_id=clause.pk, user=bob, body="First reply", parent_id=root.pk)
    discussion.comment_post(clause_id=clause.pk, user=bob, body="Second reply", parent_id=root.pk)
    client.force_login(alice)
    text = client.get("/notifications/").text
    assert text.count("replied to you on") == 2
    assert text.index("Second reply") < text.index("First reply")
    assert "Mark all read" in text


def test_the_notifications_page_paginates(client, alice, clause, django_assert_max_num_queries):
    Notification.objects.bulk_create(
        Notification(user=alice, kind=Kind.COMMENT, clause=clause) for _ in range(30)
    )
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        first = client.get("/notifications/")
    assert first.text.count('class="notification ') == 25
    second = client.get("/notifications/?page=2")
    assert second.text.count('class="notification ') == 5


def test_the_notifications_page_needs_a_login(client, db):
    assert client.get("/notifications/")["Location"].startswith("/accounts/login/")


def test_opening_a_notification_marks_it_read_and_goes_to_the_comment(client, alice, bob, clause):
    root = make_comment(clause=clause, author=alice)
    reply = discussion.comment_post(
        clause_id=clause.pk, user=bob, body="Read me", parent_id=root.pk
    ).comment
    note = Notification.objects.get(user=alice)
    client.force_login(alice)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response["Location"] == f"{clause.get_absolute_url()}comments/{reply.pk}/"
    assert client.get(response["Location"])["Location"].endswith(f"#comment-{reply.pk}")
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'class="unread"' not in client.get("/").text


def test_opening_a_revision_notification_goes_to_the_clause(client, alice, clause):
    note = Notification.objects.create(user=alice, kind=Kind.REVISION, clause=clause)
    client.force_login(alice)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response["Location"] == clause.get_absolute_url()


def test_nobody_opens_another_players_notification(client, alice, bob, clause):
    note = Notification.objects.create(user=alice, kind=Kind.COMMENT, clause=clause)
    client.force_login(bob)
    assert client.post(f"/notifications/{note.pk}/open/").status_code == 404
    assert client.post("/notifications/999999/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_opening_needs_a_post(alice_client, alice, clause):
    note = Notification.objects.create(user=alice, kind=Kind.COMMENT, clause=clause)
    assert alice_client.get(f"/notifications/{note.pk}/open/").status_code == 405
    assert alice_client.get("/notifications/read-all/").status_code == 405


def test_mark_all_read_marks_only_ones_own(client, alice, bob, clause):
    for user in (alice, alice, bob):
        Notification.objects.create(user=user, kind=Kind.COMMENT, clause=clause)
    client.force_login(alice)
    response = client.post("/notifications/read-all/", follow=True)
    assert "Marked 2 notifications read." in response.text
    assert Notification.objects.unread().get().user == bob


# The Atom feed of a clause's discussion


def test_the_discussion_feed_lists_visible_comments_newest_first(client, alice, bob, clause):
    make_comment(clause=clause, author=alice, body="Older *point*")
    make_comment(clause=clause, author=bob, body="Newer point")
    make_comment(clause=clause, author=bob, body="Rude", status=Comment.Status.HIDDEN)
    response = client.get(f"/feeds/clauses/{clause.pk}/comments/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.text
    assert "Rude" not in text
    assert text.index("Newer point") < text.index("Older")
    assert "&lt;em&gt;point&lt;/em&gt;" in text
    assert "Rosa Luxemburg (alice)" in text


@pytest.mark.parametrize("pk", ["999999"])
def test_the_feed_of_an_unknown_clause_is_a_404(client, db, pk):
    assert client.get(f"/feeds/clauses/{pk}/comments/").status_code == 404


def test_the_feed_of_a_removed_clause_is_gone(client, db):
    clause = make_clause(is_removed=True)
    assert client.get(f"/feeds/clauses/{clause.pk}/comments/").status_code == 410
