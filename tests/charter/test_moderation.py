"""Moderation services: hiding, locking, suspending, dismissing, and the audit log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Revision, Version

from charter import permissions
from charter.models import Clause, Comment, Flag, ModerationAction, RevisionMeta, Stance
from charter.services import flags, moderation, players
from personas.models import Player
from tests.conftest import make_comment, make_persona, make_user, revise_clause

TRACKED = [User, Player, Clause, Comment, Flag, Stance, RevisionMeta, Revision, Version]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TRACKED}


def assert_nothing_deleted(before: dict[str, int]) -> None:
    after = row_counts()
    for name, count in before.items():
        assert after[name] >= count, f"{name}: {count} rows before, {after[name]} after"


def last_log() -> ModerationAction:
    return ModerationAction.objects.latest("pk")


@pytest.fixture
def comment(clause, bob):
    return make_comment(clause=clause, author=bob, body="Buy *cheap* watches here")


@pytest.fixture
def comment_flag(comment, alice):
    return flags.flag_create(user=alice, comment_id=comment.pk, reason="spam")


def later(**delta) -> timezone.datetime:
    return timezone.now() + timedelta(**delta)


# Who may moderate.


def test_staff_in_the_moderators_group_are_moderators_and_players_are_not(mod, alice):
    assert permissions.is_moderator(mod)
    assert not permissions.is_moderator(alice)
    assert mod.is_staff and not alice.is_staff


def test_staff_outside_the_group_are_not_moderators(db):
    assert not permissions.is_moderator(make_user("clerk", is_staff=True))


SERVICES = {
    "hide": lambda user, ctx: moderation.comment_hide(
        comment_id=ctx["comment"].pk, moderator=user, reason="spam"
    ),
    "lock": lambda user, ctx: moderation.clause_lock(
        clause_id=ctx["clause"].pk, moderator=user, reason="edit war"
    ),
    "suspend": lambda user, ctx: players.player_suspend(
        user_id=ctx["bob"].pk, moderator=user, until=later(days=1), reason="abuse"
    ),
    "dismiss": lambda user, ctx: moderation.flag_dismiss(
        flag_id=ctx["flag"].pk, moderator=user, reason="fine"
    ),
    "recover": lambda user, ctx: moderation.clause_recover(
        clause_id=ctx["clause"].pk, moderator=user, reason="oops"
    ),
    "rollback": lambda user, ctx: players.edits_rollback(
        user_id=ctx["bob"].pk, moderator=user, since=later(days=-1), reason="vandal"
    ),
}


@pytest.mark.parametrize("action", sorted(SERVICES))
def test_players_cannot_moderate(action, alice, bob, clause, comment, comment_flag):
    ctx = {"comment": comment, "clause": clause, "bob": bob, "flag": comment_flag}
    before = row_counts()
    with pytest.raises(PermissionDenied):
        SERVICES[action](alice, ctx)
    assert row_counts() == before
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("action", sorted(SERVICES))
def test_a_staff_member_outside_the_group_cannot_moderate(
    action, bob, clause, comment, comment_flag
):
    clerk = make_user("clerk", is_staff=True)
    ctx = {"comment": comment, "clause": clause, "bob": bob, "flag": comment_flag}
    with pytest.raises(PermissionDenied):
        SERVICES[action](clerk, ctx)


@pytest.mark.parametrize("reason", ["", "   ", "a" * 301, "bad\x00byte"])
def test_every_moderation_action_needs_a_clean_reason(reason, mod, comment):
    with pytest.raises(ValidationError):
        moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason=reason)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not ModerationAction.objects.exists()


# Comments.


def test_a_moderator_hides_a_comment_and_its_open_flags_are_acted_upon(mod, comment, comment_flag):
    before = row_counts()
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="Advertising")
    comment.refresh_from_db()
    comment_flag.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.hidden_reason == "Advertising"
    assert comment.body == "Buy *cheap* watches here"
    assert comment_flag.status == Flag.Status.ACTIONED
    assert comment_flag.resolved_by == mod and comment_flag.resolved_at is not None
    assert row_counts() == before


def test_a_hidden_comment_keeps_its_place_in_the_thread(mod, clause, bob, alice):
    first = make_comment(clause=clause, author=bob, body="first")
    reply = make_comment(clause=clause, author=alice, parent=first, body="reply")
    moderation.comment_hide(comment_id=first.pk, moderator=mod, reason="insult")
    thread = list(Comment.objects.filter(clause=clause))
    assert [c.pk for c in thread] == [first.pk, reply.pk]
    assert thread[0].is_hidden and thread[0].path == first.path
    assert list(Comment.objects.visible()) == [reply]


def test_a_moderator_restores_a_hidden_comment(mod, comment):
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="spam")
    moderation.comment_restore(comment_id=comment.pk, moderator=mod, reason="It was satire")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE and comment.hidden_reason == ""
    log = last_log()
    assert (log.action, log.reason) == (ModerationAction.Action.RESTORE_COMMENT, "It was satire")


def test_hiding_a_hidden_comment_or_restoring_a_visible_one_is_refused_clearly(mod, comment):
    with pytest.raises(ValidationError, match="is not hidden"):
        moderation.comment_restore(comment_id=comment.pk, moderator=mod, reason="x")
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="spam")
    with pytest.raises(ValidationError, match="already hidden"):
        moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="spam")
    assert ModerationAction.objects.count() == 1


def test_hiding_a_comment_makes_no_revision(mod, comment):
    before = Revision.objects.count()
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="spam")
    assert Revision.objects.count() == before


# Clauses.


def test_a_locked_clause_stops_players_but_not_moderators(mod, alice, clause):
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="Edit war")
    clause.refresh_from_db()
    assert clause.is_locked
    assert not permissions.can_edit_clause(alice, alice.player, clause)
    assert permissions.can_edit_clause(mod, mod.player, clause)
    assert "locked" in permissions.why_cannot_edit_clause(alice, alice.player, clause)


def test_locking_is_not_a_revision_and_closes_the_clause_flags(mod, alice, clause):
    flag = flags.flag_create(user=alice, clause_id=clause.pk, reason="vandalism")
    clause.refresh_from_db()
    number = clause.revision_number
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="Edit war")
    clause.refresh_from_db()
    flag.refresh_from_db()
    assert clause.revision_number == number
    assert RevisionMeta.objects.filter(clause=clause).count() == number
    assert flag.status == Flag.Status.ACTIONED


def test_a_moderator_unlocks_a_clause_and_double_locks_are_refused(mod, clause):
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="cool down")
    with pytest.raises(ValidationError, match="already locked"):
        moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="again")
    moderation.clause_unlock(clause_id=clause.pk, moderator=mod, reason="calm again")
    clause.refresh_from_db()
    assert not clause.is_locked
    assert [a.action for a in ModerationAction.objects.order_by("pk")] == [
        ModerationAction.Action.LOCK_CLAUSE,
        ModerationAction.Action.UNLOCK_CLAUSE,
    ]


# Flags.


def test_dismissing_a_flag_keeps_the_flag_and_the_flagged_text(mod, comment, comment_flag):
    before = row_counts()
    moderation.flag_dismiss(flag_id=comment_flag.pk, moderator=mod, reason="Not spam")
    comment_flag.refresh_from_db()
    comment.refresh_from_db()
    assert comment_flag.status == Flag.Status.DISMISSED
    assert comment_flag.resolved_by == mod
    assert not comment.is_hidden
    assert row_counts() == before
    with pytest.raises(ValidationError, match="already resolved"):
        moderation.flag_dismiss(flag_id=comment_flag.pk, moderator=mod, reason="again")


# Suspension.


def test_a_moderator_suspends_a_player_until_a_date(mod, bob):
    until = later(days=3)
    players.player_suspend(user_id=bob.pk, moderator=mod, until=until, reason="Insults")
    player = Player.objects.get(user=bob)
    assert player.is_suspended
    assert (player.suspended_until, player.suspension_reason) == (until, "Insults")
    assert not permissions.can_write(bob, player)
    # Short: the full notice (until when, and why) is on every page they see.
    why = permissions.why_cannot_write(bob, player, to="flag it")
    assert why == "Your account is suspended, so you cannot flag it for now."
    assert why.kind == "suspended"
    log = last_log()
    assert log.action == ModerationAction.Action.SUSPEND_USER
    assert "bob" in log.target_repr


def test_a_suspension_ends_by_itself(mod, bob):
    players.player_suspend(user_id=bob.pk, moderator=mod, until=later(days=1), reason="x")
    Player.objects.filter(user=bob).update(suspended_until=later(minutes=-1))
    player = Player.objects.get(user=bob)
    assert not player.is_suspended
    assert permissions.can_write(bob, player)
    assert not Player.objects.suspended().exists()


def test_a_suspension_must_end_in_the_future(mod, bob):
    with pytest.raises(ValidationError, match="future"):
        players.player_suspend(user_id=bob.pk, moderator=mod, until=later(days=-1), reason="x")
    assert not Player.objects.get(user=bob).is_suspended


def test_a_moderator_cannot_suspend_themselves_or_another_moderator(mod):
    with pytest.raises(ValidationError, match="yourself"):
        players.player_suspend(user_id=mod.pk, moderator=mod, until=later(days=1), reason="x")
    other = make_user("mod2", persona=make_persona(), is_staff=True)
    other.groups.add(mod.groups.get())
    with pytest.raises(PermissionDenied, match="administrator"):
        players.player_suspend(user_id=other.pk, moderator=mod, until=later(days=1), reason="x")


def test_a_moderator_lifts_a_suspension_early(mod, bob):
    players.player_suspend(user_id=bob.pk, moderator=mod, until=later(days=1), reason="x")
    players.player_unsuspend(user_id=bob.pk, moderator=mod, reason="Apologised")
    player = Player.objects.get(user=bob)
    assert not player.is_suspended and player.suspension_reason == ""
    with pytest.raises(ValidationError, match="not suspended"):
        players.player_unsuspend(user_id=bob.pk, moderator=mod, reason="again")


def test_suspending_a_user_without_a_player_row_creates_one(mod):
    staffless = User.objects.create_user("loner", password="x")
    players.player_suspend(user_id=staffless.pk, moderator=mod, until=later(days=1), reason="x")
    assert Player.objects.get(user=staffless).is_suspended


# The audit log.


def test_every_action_is_logged_with_who_what_target_reason_and_when(
    mod, alice, bob, clause, comment, comment_flag
):
    start = timezone.now()
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="r1")
    moderation.comment_restore(comment_id=comment.pk, moderator=mod, reason="r2")
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="r3")
    moderation.clause_unlock(clause_id=clause.pk, moderator=mod, reason="r4")
    flag = flags.flag_create(user=alice, clause_id=clause.pk, reason="other")
    moderation.flag_dismiss(flag_id=flag.pk, moderator=mod, reason="r5")
    players.player_suspend(user_id=bob.pk, moderator=mod, until=later(days=1), reason="r6")
    players.player_unsuspend(user_id=bob.pk, moderator=mod, reason="r7")
    entries = list(ModerationAction.objects.order_by("pk"))
    Action = ModerationAction.Action
    assert [(e.action, e.target_type, e.reason) for e in entries] == [
        (Action.HIDE_COMMENT, "comment", "r1"),
        (Action.RESTORE_COMMENT, "comment", "r2"),
        (Action.LOCK_CLAUSE, "clause", "r3"),
        (Action.UNLOCK_CLAUSE, "clause", "r4"),
        (Action.DISMISS_FLAG, "flag", "r5"),
        (Action.SUSPEND_USER, "player", "r6"),
        (Action.UNSUSPEND_USER, "player", "r7"),
    ]
    assert all(e.moderator == mod and e.created_at >= start for e in entries)
    assert entries[0].target_id == str(comment.pk)
    assert entries[2].target_id == str(clause.pk) and entries[2].target_repr == clause.title


def test_no_moderation_action_deletes_a_row(mod, alice, bob, clause, comment, comment_flag):
    before = row_counts()
    moderation.comment_hide(comment_id=comment.pk, moderator=mod, reason="r")
    moderation.comment_restore(comment_id=comment.pk, moderator=mod, reason="r")
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="r")
    moderation.clause_unlock(clause_id=clause.pk, moderator=mod, reason="r")
    players.player_suspend(user_id=bob.pk, moderator=mod, until=later(days=1), reason="r")
    players.player_unsuspend(user_id=bob.pk, moderator=mod, reason="r")
    Clause.objects.filter(pk=clause.pk).update(is_removed=True)
    moderation.clause_recover(clause_id=clause.pk, moderator=mod, reason="r")
    players.edits_rollback(user_id=bob.pk, moderator=mod, since=later(days=-1), reason="r")
    assert_nothing_deleted(before)
    assert Flag.objects.filter(pk=comment_flag.pk).exists()


# One rule for every action on a person: moderators do not police each other.


@pytest.fixture
def boss(db):
    return User.objects.create_superuser("boss", password="pw-boss")


def test_the_rule_is_written_once_in_permissions(mod, bob, boss):
    other = make_user("mod3", persona=make_persona(), is_staff=True)
    other.groups.add(mod.groups.get())
    assert permissions.why_cannot_moderate(mod, bob) == ""
    assert "moderator" in permissions.why_cannot_moderate(mod, other)
    assert "moderator" in permissions.why_cannot_moderate(mod, boss)
    assert "moderator" in permissions.why_cannot_moderate(mod, mod)
    assert permissions.why_cannot_moderate(boss, other) == ""
    assert permissions.why_cannot_moderate(bob, bob) == "Only moderators can do that."


def test_a_moderator_cannot_hide_another_moderators_or_a_superusers_comment(mod, boss, clause):
    Player.objects.create(user=boss, persona=make_persona())
    words = make_comment(clause=clause, author=boss, body="The administrator speaks.")
    with pytest.raises(PermissionDenied, match="administrator"):
        moderation.comment_hide(comment_id=words.pk, moderator=mod, reason="x")
    words.refresh_from_db()
    assert not words.is_hidden
    moderation.comment_hide(comment_id=words.pk, moderator=boss, reason="Own words")
    assert not ModerationAction.objects.filter(moderator=mod).exists()


def test_a_moderator_cannot_roll_back_a_superusers_edits(mod, boss, clause):
    Player.objects.create(user=boss, persona=make_persona())
    revise_clause(clause, boss, "The administrator rewrote this.")
    with pytest.raises(PermissionDenied, match="administrator"):
        players.edits_rollback(
            user_id=boss.pk, moderator=mod, since=timezone.now() - timedelta(hours=1), reason="x"
        )
    clause.refresh_from_db()
    assert clause.body == "The administrator rewrote this."


def test_a_superuser_may_roll_back_a_moderators_edits(mod, boss, clause):
    revise_clause(clause, mod, "A moderator's hasty rewrite.")
    report = players.edits_rollback(
        user_id=mod.pk, moderator=boss, since=timezone.now() - timedelta(hours=1), reason="Hasty"
    )
    assert len(report.restored) == 1
    clause.refresh_from_db()
    assert clause.body != "A moderator's hasty rewrite."
