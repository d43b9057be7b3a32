"""Moderators revert, recover and roll back through our revision bookkeeping."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Revision

from charter.models import Clause, ModerationAction, RevisionMeta
from charter.services import moderation, players, revisions
from tests.conftest import assert_single_revision, make_clause, revise_clause


def edit(clause: Clause, user, body: str, title: str | None = None) -> RevisionMeta:
    return revise_clause(clause, user, body, f"{user} edits", title=title).meta


def version_of(meta: RevisionMeta):
    return meta.revision.version_set.get()


def numbers(clause: Clause) -> list[int]:
    return list(
        RevisionMeta.objects.filter(clause=clause)
        .order_by("revision_number")
        .values_list("revision_number", flat=True)
    )


def test_every_revision_has_its_meta(mod, alice, clause):
    edit(clause, alice, "Workers of all lands share one cause, and one hall.")
    moderation.clause_revert(
        clause_id=clause.pk,
        moderator=mod,
        version_id=version_of(RevisionMeta.objects.get(clause=clause, revision_number=1)).pk,
        reason="Back to the seed",
    )
    assert not Revision.objects.filter(meta__isnull=True).exists()


# Revert.


def test_a_moderator_revert_is_a_new_numbered_revision_credited_to_them(mod, alice, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Workers of all lands share nothing at all.")
    meta = moderation.clause_revert(
        clause_id=clause.pk, moderator=mod, version_id=version_of(seed).pk, reason="Vandalism"
    )
    clause.refresh_from_db()
    assert clause.body == "Workers of all lands share one cause."
    assert numbers(clause) == [1, 2, 3]
    assert clause.revision_number == 3
    same = assert_single_revision(clause, user=mod, comment="Vandalism")
    assert same == meta
    assert meta.kind == RevisionMeta.Kind.RESTORE
    assert meta.persona == mod.player.persona
    assert meta.restored_from == version_of(seed)
    assert (meta.words_added, meta.words_removed) == (2, 3)
    log = ModerationAction.objects.get()
    assert log.action == ModerationAction.Action.REVERT_CLAUSE
    assert "revision 1" in log.target_repr


def test_a_moderator_without_a_persona_is_credited_without_one(mod, alice, clause):
    mod.player.persona = None
    mod.player.save()
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Vandalised.")
    meta = moderation.clause_revert(
        clause_id=clause.pk, moderator=mod, version_id=version_of(seed).pk, reason="Vandalism"
    )
    assert meta.persona is None and meta.revision.user == mod


def test_reverting_to_the_current_text_is_refused(mod, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    with pytest.raises(ValidationError, match="already the current text"):
        moderation.clause_revert(
            clause_id=clause.pk, moderator=mod, version_id=version_of(seed).pk, reason="x"
        )
    assert numbers(clause) == [1]


def test_reverting_to_another_clauses_revision_is_refused(mod, alice, clause):
    other = make_clause(charter=clause.charter, title="Other", body="Other text.")
    foreign = RevisionMeta.objects.get(clause=other, revision_number=1)
    edit(clause, alice, "Changed.")
    with pytest.raises(ValidationError, match="does not belong"):
        moderation.clause_revert(
            clause_id=clause.pk, moderator=mod, version_id=version_of(foreign).pk, reason="x"
        )


def test_a_moderator_can_revert_a_locked_clause(mod, alice, clause):
    edit(clause, alice, "Vandalised.")
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="edit war")
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    moderation.clause_revert(
        clause_id=clause.pk, moderator=mod, version_id=version_of(seed).pk, reason="restore"
    )
    clause.refresh_from_db()
    assert clause.is_locked and clause.body == "Workers of all lands share one cause."


# Recover.


def test_a_moderator_recovers_a_removed_clause_as_a_recover_revision(mod, alice, clause):
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="Not needed")
    moderation.clause_recover(clause_id=clause.pk, moderator=mod, reason="It was needed")
    clause.refresh_from_db()
    assert not clause.is_removed
    assert clause in Clause.objects.live()
    meta = assert_single_revision(clause, user=mod, comment="It was needed")
    assert (meta.kind, meta.revision_number, meta.persona) == (
        RevisionMeta.Kind.RECOVER,
        3,
        mod.player.persona,
    )
    assert (meta.words_added, meta.words_removed) == (0, 0)
    assert ModerationAction.objects.get().action == ModerationAction.Action.RECOVER_CLAUSE


def test_a_clause_can_be_recovered_with_an_older_text(mod, alice, clause):
    seed = RevisionMeta.objects.get(clause=clause, revision_number=1)
    edit(clause, alice, "Spam spam spam.")
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="bye")
    moderation.clause_recover(
        clause_id=clause.pk, moderator=mod, reason="Undo vandal", version_id=version_of(seed).pk
    )
    clause.refresh_from_db()
    assert (clause.body, clause.is_removed) == ("Workers of all lands share one cause.", False)
    meta = RevisionMeta.objects.get(clause=clause, revision_number=4)
    assert meta.restored_from == version_of(seed)
    assert (meta.words_added, meta.words_removed) == (7, 3)


def test_recovering_a_live_clause_is_refused(mod, clause):
    with pytest.raises(ValidationError, match="not removed"):
        moderation.clause_recover(clause_id=clause.pk, moderator=mod, reason="x")


# Rollback.


@pytest.fixture
def two_clauses(charter):
    return (
        make_clause(charter=charter, title="One", body="First text."),
        make_clause(charter=charter, title="Two", body="Second text."),
    )


def test_rollback_restores_each_clause_to_before_the_players_first_edit(
    mod, alice, bob, two_clauses
):
    one, two = two_clauses
    since = timezone.now()
    edit(one, bob, "First text, vandalised.")
    edit(one, bob, "First text, vandalised twice.")
    edit(two, bob, "Second text, vandalised.")
    report = players.edits_rollback(
        user_id=bob.pk, moderator=mod, since=since, reason="Vandal spree"
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.body, two.body) == ("First text.", "Second text.")
    assert report.skipped == []
    assert {meta.clause_id for meta in report.restored} == {one.pk, two.pk}
    for clause in (one, two):
        meta = assert_single_revision(clause, user=mod, comment="Vandal spree")
        assert meta.kind == RevisionMeta.Kind.RESTORE
        assert meta.persona == mod.player.persona
        assert meta.revision_number == clause.revision_number
    assert numbers(one) == [1, 2, 3, 4]
    log = ModerationAction.objects.get()
    assert log.action == ModerationAction.Action.ROLLBACK
    assert "bob" in log.target_repr and "2 undone, 0 skipped" in log.target_repr


def test_rollback_never_overwrites_someone_elses_later_edit(mod, alice, bob, two_clauses):
    one, two = two_clauses
    since = timezone.now()
    edit(one, bob, "First text, vandalised.")
    edit(one, alice, "First text, vandalised, then improved by alice.")
    edit(two, bob, "Second text, vandalised.")
    report = players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="x")
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.body == "First text, vandalised, then improved by alice."
    assert two.body == "Second text."
    assert [(clause.pk, why) for clause, why in report.skipped] == [
        (one.pk, "alice edited it afterwards (revision 3); their work is kept.")
    ]
    assert numbers(one) == [1, 2, 3]


def test_rollback_keeps_edits_made_before_the_moment(mod, bob, two_clauses):
    one, _ = two_clauses
    edit(one, bob, "An honest improvement.")
    since = timezone.now()
    edit(one, bob, "Vandalised later.")
    players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="x")
    one.refresh_from_db()
    assert one.body == "An honest improvement."


def test_rollback_removes_a_clause_the_player_created_softly(mod, bob, charter):
    since = timezone.now()
    created = revisions.clause_create(
        charter=charter, user=bob, title="Buy watches", body="Cheap watches!"
    ).clause
    report = players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="spam")
    created.refresh_from_db()
    assert created.is_removed
    assert created.body == "Cheap watches!"
    assert report.restored[0].kind == RevisionMeta.Kind.REMOVE


def test_rollback_brings_back_a_clause_the_player_removed(mod, bob, two_clauses):
    one, _ = two_clauses
    since = timezone.now()
    revisions.clause_remove(clause_id=one.pk, user=bob, reason="gone")
    players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="undo")
    one.refresh_from_db()
    assert not one.is_removed
    assert RevisionMeta.objects.filter(clause=one).latest("revision_number").kind == (
        RevisionMeta.Kind.RECOVER
    )


def test_a_second_rollback_changes_nothing_more(mod, bob, two_clauses):
    one, _ = two_clauses
    since = timezone.now()
    edit(one, bob, "Vandalised.")
    players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="x")
    again = players.edits_rollback(user_id=bob.pk, moderator=mod, since=since, reason="x")
    assert again.restored == []
    assert "mod edited it afterwards" in again.skipped[0][1]
    assert numbers(one) == [1, 2, 3]


def test_rollback_needs_a_moment_in_the_past(mod, bob):
    with pytest.raises(ValidationError, match="past"):
        players.edits_rollback(
            user_id=bob.pk, moderator=mod, since=timezone.now() + timedelta(hours=1), reason="x"
        )


def test_players_cannot_roll_back_or_revert(alice, bob, two_clauses):
    one, _ = two_clauses
    since = timezone.now()
    edit(one, bob, "Vandalised.")
    seed = RevisionMeta.objects.get(clause=one, revision_number=1)
    with pytest.raises(PermissionDenied):
        players.edits_rollback(user_id=bob.pk, moderator=alice, since=since, reason="x")
    with pytest.raises(PermissionDenied):
        moderation.clause_revert(
            clause_id=one.pk, moderator=alice, version_id=version_of(seed).pk, reason="x"
        )
    one.refresh_from_db()
    assert one.body == "Vandalised."
