"""Amendments as services: propose, revise, rebase, withdraw, stances, and their refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from charter.models import Comment
from congress.models import Amendment, AmendmentStance
from congress.selectors.amendments import amendment_stances, thread_of
from congress.services.amendments import (
    RebaseConflict,
    amendment_propose,
    amendment_rebase,
    amendment_revise,
    amendment_stance_take,
    amendment_withdraw,
)
from personas.models import Player
from tests.conftest import make_user, revise_clause
from tests.congress.helpers import circles_take, propose

pytestmark = pytest.mark.django_db

TEXT = "Workers of all lands share one cause."


def test_an_amendment_records_the_text_it_would_replace_and_opens_a_thread(clause, alice):
    amendment = propose(
        clause, alice, "Workers of all lands share one cause and one future.", rationale="Hope."
    )
    assert amendment.base_body == TEXT
    assert amendment.base_revision_number == clause.revision_number
    assert amendment.persona.name == "Rosa Luxemburg"
    assert amendment.status == "open" and amendment.state == "open"
    opening = amendment.thread
    assert opening.clause_id == clause.pk and opening.parent_id is None
    assert f"amendment {amendment.pk}" in opening.body and "Hope." in opening.body
    assert Version.objects.get_for_object(amendment).count() == 1


def test_the_opening_treats_the_title_as_text_not_markdown(clause, alice):
    amendment = propose(clause, alice, "Another text.", title="](javascript:alert(1)) # Big")
    assert "javascript:" not in amendment.thread.body_html.split("href")[1].split(">")[0]
    assert "<h1" not in amendment.thread.body_html


def test_the_same_text_is_no_amendment(clause, alice):
    with pytest.raises(ValidationError, match="change something"):
        propose(clause, alice, TEXT)


def test_proposing_needs_a_persona_and_an_open_clause(clause, alice, charlie):
    with pytest.raises(PermissionDenied, match="Pick a persona"):
        propose(clause, charlie, "Other words.")
    clause.is_locked = True
    clause.save()
    with pytest.raises(PermissionDenied, match="locked"):
        propose(clause, alice, "Other words.")


def test_a_proposed_new_clause_has_no_base_and_no_thread(charter, alice):
    amendment = amendment_propose(
        charter=charter, clause_id=None, user=alice, title="Peace", body="No war.", rationale=""
    )
    assert amendment.is_new_clause and amendment.thread is None and not amendment.is_outdated


def test_hostile_input_is_refused_with_a_sentence(clause, alice):
    with pytest.raises(ValidationError):
        propose(clause, alice, "bad\x00text")
    with pytest.raises(ValidationError, match="20,000|20000"):
        propose(clause, alice, "x" * 20_001)
    assert not Amendment.objects.exists()


def test_only_the_author_revises_and_each_revision_is_kept(clause, alice, bob):
    amendment = propose(clause, alice, "First draft.")
    with pytest.raises(PermissionDenied, match="Only its author"):
        amendment_revise(
            amendment_id=amendment.pk,
            user=bob,
            title="T",
            body="Hijack.",
            rationale="",
            seen_revision_number=1,
        )
    amendment = amendment_revise(
        amendment_id=amendment.pk,
        user=alice,
        title=clause.title,
        body="Second draft.",
        rationale="Better.",
        seen_revision_number=1,
    )
    assert amendment.revision_number == 2
    texts = [v.field_dict["body"] for v in Version.objects.get_for_object(amendment)]
    assert texts == ["Second draft.", "First draft."]


def test_a_revision_from_a_stale_form_is_refused_not_lost(clause, alice):
    amendment = propose(clause, alice, "First draft.")
    kwargs = {"amendment_id": amendment.pk, "user": alice, "title": "T", "rationale": ""}
    amendment_revise(body="From tab one.", seen_revision_number=1, **kwargs)
    with pytest.raises(ValidationError, match="kept below"):
        amendment_revise(body="From tab two.", seen_revision_number=1, **kwargs)
    assert Amendment.objects.get().body == "From tab one."


def test_a_clause_edit_outdates_the_amendment_and_a_clean_rebase_carries_both(clause, alice, bob):
    revise_clause(clause, bob, "Workers of all lands share one cause.\n\nThey meet as equals.")
    amendment = propose(
        clause, alice, "Workers of all lands share one cause.\n\nThey meet as equals, always."
    )
    revise_clause(clause, bob, "All workers of all lands share one cause.\n\nThey meet as equals.")
    amendment = Amendment.objects.select_related("clause").get(pk=amendment.pk)
    assert amendment.state == "outdated"
    rebased = amendment_rebase(amendment_id=amendment.pk, user=alice)
    assert (
        rebased.body == "All workers of all lands share one cause.\n\nThey meet as equals, always."
    )
    assert rebased.state == "open" and rebased.revision_number == 2


def test_a_conflicting_rebase_is_left_to_the_author(clause, alice, bob):
    amendment = propose(clause, alice, "Workers of every land share one cause.")
    revise_clause(clause, bob, "Workers of all lands share one struggle.")
    with pytest.raises(RebaseConflict):
        amendment_rebase(amendment_id=amendment.pk, user=alice)
    clause.refresh_from_db()
    # The author resolves by hand against the clause's current revision.
    resolved = amendment_revise(
        amendment_id=amendment.pk,
        user=alice,
        title=clause.title,
        body="Workers of every land share one struggle.",
        rationale="",
        seen_revision_number=1,
        onto_clause_revision=clause.revision_number,
    )
    resolved = Amendment.objects.select_related("clause").get(pk=resolved.pk)
    assert resolved.state == "open"
    assert resolved.base_body == "Workers of all lands share one struggle."


def test_withdrawn_amendments_take_no_more_stances_nor_edits(clause, alice, bob):
    amendment = propose(clause, alice, "Other words.")
    with pytest.raises(PermissionDenied):
        amendment_withdraw(amendment_id=amendment.pk, user=bob)
    amendment_withdraw(amendment_id=amendment.pk, user=alice)
    with pytest.raises(PermissionDenied, match="withdrawn"):
        amendment_stance_take(amendment_id=amendment.pk, user=bob, position="support", reason="")
    assert Amendment.objects.get().status == "withdrawn"


def test_stances_on_an_amendment_follow_the_clause_rule(clause, alice, bob):
    amendment = propose(clause, alice, "Other words.")
    amendment_stance_take(amendment_id=amendment.pk, user=bob, position="oppose", reason="No.")
    amendment_stance_take(amendment_id=amendment.pk, user=bob, position="support", reason="Yes.")
    assert AmendmentStance.objects.filter(user=bob).count() == 2
    assert AmendmentStance.objects.get(user=bob, is_current=True).position == "support"
    circles_take(amendment, "support", "support")
    panel = amendment_stances(Amendment.objects.get(), bob)
    assert panel.verdict.adopted and panel.mine.position == "support"
    # A revision makes every stance wait for reaffirmation.
    amendment_revise(
        amendment_id=amendment.pk,
        user=alice,
        title=clause.title,
        body="Yet other words.",
        rationale="",
        seen_revision_number=1,
    )
    panel = amendment_stances(Amendment.objects.get(), bob)
    assert panel.verdict.status == "silent" and panel.mine.is_stale and panel.stale_total == 3


def test_a_suspended_player_cannot_take_a_stance(clause, alice, bob):
    from datetime import timedelta

    from django.utils import timezone

    amendment = propose(clause, alice, "Other words.")
    Player.objects.filter(user=bob).update(suspended_until=timezone.now() + timedelta(days=1))
    with pytest.raises(PermissionDenied, match="suspended"):
        amendment_stance_take(amendment_id=amendment.pk, user=bob, position="support", reason="")


def test_the_amendment_thread_is_its_part_of_the_clause_debate(clause, alice, bob):
    from charter.services.discussion import comment_post

    amendment = propose(clause, alice, "Other words.")
    reply = comment_post(
        clause_id=clause.pk, user=bob, body="Why?", parent_id=amendment.thread_id
    ).comment
    comment_post(clause_id=clause.pk, user=bob, body="Elsewhere in the debate.")
    assert [c.pk for c in thread_of(amendment)] == [amendment.thread_id, reply.pk]
    assert Comment.objects.filter(clause=clause).count() == 3


def test_a_new_account_without_player_row_is_refused(clause):
    user = make_user("dora")
    Player.objects.filter(user=user).delete()
    with pytest.raises(PermissionDenied):
        propose(clause, user, "Other words.")
