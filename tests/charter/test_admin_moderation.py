"""The moderation queue and the one-click actions behind it."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from charter.models import Clause, Comment, Flag, ModerationAction
from charter.services import flags, moderation, players
from personas.models import Player
from tests.conftest import make_comment, make_persona, make_user

QUEUE = "/admin/charter/flag/"


@pytest.fixture
def mod_client(client, mod):
    client.force_login(mod)
    return client


@pytest.fixture
def reporters(db):
    return [make_user(f"reporter{i}", persona=make_persona()) for i in range(3)]


@pytest.fixture
def spam(clause, bob):
    return make_comment(clause=clause, author=bob, body="Buy **cheap** watches")


@pytest.fixture
def queue(clause, spam, alice, reporters, bob):
    """Two flags on the spam comment, one on a clause, one dismissed flag."""
    quiet = make_comment(clause=clause, author=alice, body="A fair point")
    old = flags.flag_create(user=bob, comment_id=quiet.pk, reason="off_topic")
    old.status = Flag.Status.DISMISSED
    old.save()
    made = [
        flags.flag_create(user=alice, clause_id=clause.pk, reason="vandalism"),
        flags.flag_create(user=reporters[0], comment_id=spam.pk, reason="spam"),
        flags.flag_create(
            user=reporters[1], comment_id=spam.pk, reason="abuse", details="rude too"
        ),
    ]
    return {"old": old, "clause": made[0], "spam": made[1:]}


def step_url(model: str, step: str, *ids: int, next_url: str = "") -> str:
    url = reverse(f"admin:charter_{model}_moderate", args=[step])
    query = "ids=" + ",".join(str(pk) for pk in ids)
    return f"{url}?{query}" + (f"&next={next_url}" if next_url else "")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# The queue.


def test_the_queue_lists_open_flags_first_grouped_by_target(mod_client, queue):
    response = mod_client.get(QUEUE)
    order = [flag.pk for flag in response.context["cl"].result_list]
    spam_ids = [flag.pk for flag in queue["spam"]]
    assert order == [*spam_ids, queue["clause"].pk, queue["old"].pk]
    assert "Moderation queue" in response.content.decode()


def test_the_queue_shows_the_content_in_place_with_counts(mod_client, queue, spam):
    page = mod_client.get(QUEUE).content.decode()
    assert "Buy <strong>cheap</strong> watches" in page
    assert page.count("Buy <strong>cheap</strong> watches") == 1
    assert f"Same comment as flag #{queue['spam'][0].pk}" in page
    assert "2 open flags" in page
    assert "Spam or advertising ×1, Abuse or harassment ×1" in page
    assert "rude too" in page
    assert "Workers of all lands share one cause." in page


def test_queue_content_is_the_sanitised_html_only(mod_client, clause, alice):
    hostile = make_comment(
        clause=clause, author=alice, body="<script>alert(1)</script> [x](javascript:alert(2))"
    )
    flags.flag_create(
        user=make_user("eve", persona=make_persona()), comment_id=hostile.pk, reason="spam"
    )
    page = mod_client.get(QUEUE).content.decode()
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page


def test_the_queue_offers_one_click_actions_on_each_group(mod_client, queue, spam):
    page = mod_client.get(QUEUE).content.decode()
    ids = "%2C".join(str(flag.pk) for flag in queue["spam"])
    assert f"/admin/charter/flag/moderate/hide/?ids={ids}" in page
    assert f"/admin/charter/flag/moderate/dismiss/?ids={ids}" in page
    assert "Dismiss 2 flags…" in page
    assert "Suspend author…" in page and "Suspend last editor…" in page


def test_the_queue_can_show_only_open_flags(mod_client, queue):
    response = mod_client.get(QUEUE, {"status__exact": "open"})
    assert queue["old"] not in response.context["cl"].result_list
    assert len(response.context["cl"].result_list) == 3


# Hiding from the queue.


def test_the_hide_step_asks_for_a_reason_and_shows_the_comment(mod_client, queue, spam):
    response = mod_client.get(step_url("flag", "hide", *[f.pk for f in queue["spam"]]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hide the flagged comments" in page
    assert page.count("Buy <strong>cheap</strong> watches") == 1
    assert 'name="reason"' in page


def test_hiding_without_a_reason_changes_nothing(mod_client, queue, spam):
    ids = ",".join(str(f.pk) for f in queue["spam"])
    url = reverse("admin:charter_flag_moderate", args=["hide"])
    response = mod_client.post(url, {"ids": ids, "reason": "   "})
    assert response.status_code == 200
    assert "Give a reason" in response.content.decode()
    spam.refresh_from_db()
    assert not spam.is_hidden
    assert not ModerationAction.objects.exists()


def test_a_moderator_hides_a_comment_from_the_queue(mod_client, mod, queue, spam):
    ids = ",".join(str(f.pk) for f in queue["spam"])
    url = reverse("admin:charter_flag_moderate", args=["hide"])
    response = mod_client.post(url, {"ids": ids, "reason": "Advertising", "next": QUEUE})
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    spam.refresh_from_db()
    assert spam.is_hidden and spam.hidden_reason == "Advertising"
    assert {f.status for f in Flag.objects.filter(comment=spam)} == {Flag.Status.ACTIONED}
    log = ModerationAction.objects.get()
    assert (log.moderator, log.action, log.target_id, log.reason) == (
        mod,
        ModerationAction.Action.HIDE_COMMENT,
        str(spam.pk),
        "Advertising",
    )
    assert f"Hid comment #{spam.pk} by bob." in texts(response)


def test_the_next_url_must_stay_on_this_site(mod_client, queue, spam):
    url = reverse("admin:charter_flag_moderate", args=["hide"])
    response = mod_client.post(
        url, {"ids": str(queue["spam"][0].pk), "reason": "x", "next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE


def test_a_moderator_sees_the_hidden_text_and_the_log_on_the_comment_page(mod_client, mod, spam):
    moderation.comment_hide(comment_id=spam.pk, moderator=mod, reason="Advertising")
    page = mod_client.get(reverse("admin:charter_comment_change", args=[spam.pk]))
    body = page.content.decode()
    assert "Buy <strong>cheap</strong> watches" in body
    assert "Hid a comment: Advertising" in body


def test_a_moderator_restores_a_hidden_comment_from_the_comment_list(mod_client, mod, spam):
    moderation.comment_hide(comment_id=spam.pk, moderator=mod, reason="Advertising")
    response = mod_client.post(
        "/admin/charter/comment/",
        {"action": "moderate_restore", "_selected_action": [spam.pk]},
    )
    assert response.status_code == 302
    confirm = response["Location"]
    assert confirm.startswith(reverse("admin:charter_comment_moderate", args=["restore"]))
    assert "Restore comments" in mod_client.get(confirm).content.decode()
    url = reverse("admin:charter_comment_moderate", args=["restore"])
    mod_client.post(url, {"ids": str(spam.pk), "reason": "Satire, not spam"})
    spam.refresh_from_db()
    assert not spam.is_hidden
    assert ModerationAction.objects.latest("pk").action == "restore_comment"


# The other one-click actions.


def test_a_moderator_dismisses_flags_with_a_bulk_action(mod_client, queue, spam):
    ids = [f.pk for f in queue["spam"]]
    response = mod_client.post(QUEUE, {"action": "moderate_dismiss", "_selected_action": ids})
    assert response.status_code == 302
    page = mod_client.get(response["Location"]).content.decode()
    assert "Reviewed: no breach of the hall" in page
    url = reverse("admin:charter_flag_moderate", args=["dismiss"])
    mod_client.post(url, {"ids": ",".join(map(str, ids)), "reason": "Fine by the rules"})
    assert {f.status for f in Flag.objects.filter(pk__in=ids)} == {Flag.Status.DISMISSED}
    spam.refresh_from_db()
    assert not spam.is_hidden
    assert ModerationAction.objects.filter(action="dismiss_flag").count() == 2


def test_dismissing_an_already_dismissed_flag_is_reported_not_crashed(mod_client, queue):
    url = reverse("admin:charter_flag_moderate", args=["dismiss"])
    response = mod_client.post(url, {"ids": str(queue["old"].pk), "reason": "again"})
    assert response.status_code == 302
    assert any("already resolved" in text for text in texts(response))


def test_a_moderator_locks_the_clause_of_a_flagged_comment(mod_client, queue, clause):
    url = reverse("admin:charter_flag_moderate", args=["lock"])
    ids = ",".join(str(f.pk) for f in queue["spam"])
    mod_client.post(url, {"ids": ids, "reason": "Flame war"})
    clause.refresh_from_db()
    assert clause.is_locked
    statuses = set(
        Flag.objects.filter(pk__in=[f.pk for f in queue["spam"]]).values_list("status", flat=True)
    )
    assert statuses == {Flag.Status.ACTIONED}
    assert Flag.objects.get(pk=queue["clause"].pk).status == Flag.Status.ACTIONED


def test_a_moderator_suspends_the_author_of_a_flagged_comment(mod_client, queue, bob):
    until = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("admin:charter_flag_moderate", args=["suspend"])
    page = mod_client.get(url, {"ids": queue["spam"][0].pk}).content.decode()
    assert 'type="datetime-local"' in page
    ids = ",".join(str(f.pk) for f in queue["spam"])
    response = mod_client.post(url, {"ids": ids, "reason": "Spammer", "until": until})
    assert response.status_code == 302
    player = Player.objects.get(user=bob)
    assert player.is_suspended and player.suspension_reason == "Spammer"
    assert {f.status for f in Flag.objects.filter(pk__in=ids.split(","))} == {"actioned"}


def test_suspending_the_last_editor_of_a_flagged_clause(mod_client, queue, clause, alice):
    from charter.services.revisions import clause_revise, latest_version

    clause_revise(
        clause_id=clause.pk,
        user=alice,
        title=clause.title,
        body="Vandalised",
        summary="",
        base_version_id=latest_version(clause).pk,
    )
    until = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    url = reverse("admin:charter_flag_moderate", args=["suspend"])
    mod_client.post(url, {"ids": str(queue["clause"].pk), "reason": "Vandal", "until": until})
    assert Player.objects.get(user=alice).is_suspended


@pytest.mark.parametrize("until", ["", "tomorrow", "2001-01-01T10:00"])
def test_a_suspension_needs_a_future_date(mod_client, queue, bob, until):
    url = reverse("admin:charter_flag_moderate", args=["suspend"])
    response = mod_client.post(
        url, {"ids": str(queue["spam"][0].pk), "reason": "Spammer", "until": until}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Player.objects.get(user=bob).is_suspended


def test_unknown_steps_and_ids_are_handled(mod_client, queue):
    assert mod_client.get(step_url("flag", "delete", queue["old"].pk)).status_code == 404
    for ids in ["", "abc", "999999", "1,\x00"]:
        url = reverse("admin:charter_flag_moderate", args=["hide"])
        response = mod_client.get(url, {"ids": ids})
        assert response.status_code == 302, ids
        assert "Nothing to act on" in texts(response)[-1]


def test_a_reason_with_control_characters_is_refused(mod_client, queue, spam):
    url = reverse("admin:charter_flag_moderate", args=["hide"])
    response = mod_client.post(url, {"ids": str(queue["spam"][0].pk), "reason": "bad\x00"})
    assert response.status_code == 200
    assert "control characters" in response.content.decode()
    spam.refresh_from_db()
    assert not spam.is_hidden


# Clauses and players.


def test_a_moderator_locks_and_unlocks_clauses_from_the_clause_list(mod_client, clause):
    url = reverse("admin:charter_clause_moderate", args=["lock"])
    mod_client.post(url, {"ids": str(clause.pk), "reason": "Cooling off"})
    clause.refresh_from_db()
    assert clause.is_locked
    url = reverse("admin:charter_clause_moderate", args=["unlock"])
    mod_client.post(url, {"ids": str(clause.pk), "reason": "Calm again"})
    clause.refresh_from_db()
    assert not clause.is_locked


def test_a_moderator_suspends_and_reinstates_a_player(mod_client, bob):
    player = Player.objects.get(user=bob)
    until = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("admin:personas_player_moderate", args=["suspend"])
    mod_client.post(url, {"ids": str(player.pk), "reason": "Insults", "until": until})
    player.refresh_from_db()
    assert player.is_suspended
    page = mod_client.get("/admin/personas/player/", {"suspended": "now"}).content.decode()
    assert "Insults" in page
    url = reverse("admin:personas_player_moderate", args=["unsuspend"])
    mod_client.post(url, {"ids": str(player.pk), "reason": "Apologised"})
    player.refresh_from_db()
    assert not player.is_suspended


def test_players_list_filters_by_suspension(mod_client, mod, bob, alice):
    players.player_suspend(
        user_id=bob.pk, moderator=mod, until=timezone.now() + timedelta(days=1), reason="x"
    )
    response = mod_client.get("/admin/personas/player/", {"suspended": "now"})
    assert [p.user for p in response.context["cl"].result_list] == [bob]


def test_the_comment_list_filters_and_searches(mod_client, spam, alice, clause):
    make_comment(clause=clause, author=alice, body="Solidarity forever")
    flags.flag_create(user=alice, comment_id=spam.pk, reason="spam")
    response = mod_client.get("/admin/charter/comment/", {"flagged": "open"})
    assert list(response.context["cl"].result_list) == [spam]
    response = mod_client.get("/admin/charter/comment/", {"q": "forever"})
    assert [c.body for c in response.context["cl"].result_list] == ["Solidarity forever"]
    response = mod_client.get("/admin/charter/comment/", {"status__exact": "hidden"})
    assert list(response.context["cl"].result_list) == []


def test_no_admin_step_deletes_a_row(mod_client, queue, clause, spam, bob):
    counts = {m: m.objects.count() for m in (Comment, Flag, Clause, Player)}
    until = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    ids = ",".join(str(f.pk) for f in queue["spam"])
    for step, extra in [("hide", {}), ("lock", {}), ("suspend", {"until": until})]:
        url = reverse("admin:charter_flag_moderate", args=[step])
        mod_client.post(url, {"ids": ids, "reason": "r", **extra})
    url = reverse("admin:charter_flag_moderate", args=["dismiss"])
    mod_client.post(url, {"ids": str(queue["clause"].pk), "reason": "r"})
    assert {m: m.objects.count() for m in counts} == counts


def test_a_row_page_offers_the_steps_that_fit_it(mod_client, mod, spam):
    url = reverse("admin:charter_comment_change", args=[spam.pk])
    assert "Hide comments…" in mod_client.get(url).content.decode()
    moderation.comment_hide(comment_id=spam.pk, moderator=mod, reason="spam")
    page = mod_client.get(url).content.decode()
    assert "Restore comments…" in page and "Hide comments…" not in page
