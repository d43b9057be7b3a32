"""Convening and closing a congress as services: judging, adoption, merges, minutes data."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charter.models import Clause, RevisionMeta
from charter.services.revisions import clause_create
from congress.models import Amendment, Congress, Decision
from congress.services.amendments import amendment_propose
from congress.services.congresses import close_due_congresses, congress_close, congress_convene
from tests.conftest import make_clause, revise_clause
from tests.congress.helpers import circles_take, convene, propose

pytestmark = pytest.mark.django_db


def test_only_moderators_convene_and_one_congress_at_a_time(charter, alice, mod):
    with pytest.raises(PermissionDenied, match="Only moderators"):
        convene(charter, alice)
    convene(charter, mod)
    with pytest.raises(PermissionDenied, match="already convened"):
        convene(charter, mod)


def test_bad_schedules_are_refused_with_a_reason(charter, mod):
    now = timezone.now()
    with pytest.raises(ValidationError, match="close after it opens"):
        congress_convene(charter=charter, user=mod, title="C", opens_at=now, closes_at=now)
    with pytest.raises(ValidationError, match="already passed"):
        congress_convene(
            charter=charter,
            user=mod,
            title="C",
            opens_at=now - timedelta(days=3),
            closes_at=now - timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        congress_convene(
            charter=charter,
            user=mod,
            title="\x00",
            opens_at=now,
            closes_at=now + timedelta(days=1),
        )


def test_while_a_congress_sits_direct_edits_are_closed_but_amendments_open(
    charter, clause, alice, mod
):
    convene(charter, mod)
    with pytest.raises(PermissionDenied, match="congress sits"):
        revise_clause(clause, alice, "A direct edit.")
    with pytest.raises(PermissionDenied, match="congress sits"):
        clause_create(charter=charter, user=alice, title="New", body="Text.")
    assert propose(clause, alice, "An amendment.").status == "open"


def test_a_congress_convened_for_later_leaves_edits_open_until_it_opens(clause, alice, mod):
    convene(clause.charter, mod, opens_in=timedelta(days=1))
    assert revise_clause(clause, alice, "Still editable today.").outcome == "saved"


def test_closing_adopts_what_carries_and_rejects_what_a_circle_blocks(
    charter, clause, alice, bob, mod
):
    second = make_clause(charter=charter, title="Peace", body="No war between peoples.")
    congress = convene(charter, mod)
    carried = propose(clause, alice, "Workers of all lands share one cause and one hope.")
    circles_take(carried, "support", "support", "support", "abstain", reason="Stand aside.")
    blocked = propose(second, bob, "No war between peoples, ever.")
    circles_take(blocked, "support", "support")
    blocker = circles_take(blocked, "oppose", reason="Some wars free peoples.")[0]
    too_few = amendment_propose(
        charter=charter, clause_id=None, user=bob, title="Bread", body="Bread first.", rationale=""
    )
    circles_take(too_few, "support")

    closing = congress_close(congress_id=congress.pk, user=mod)

    assert [a.pk for a in closing.adopted] == [carried.pk]
    assert {a.pk for a in closing.rejected} == {blocked.pk, too_few.pk}
    clause.refresh_from_db()
    assert clause.body == "Workers of all lands share one cause and one hope."
    meta = RevisionMeta.objects.get(clause=clause, revision_number=clause.revision_number)
    assert meta.kind == "amend" and meta.persona.name == "Rosa Luxemburg"
    assert (
        meta.revision.user == alice and meta.revision.comment == f"Adopted amendment {carried.pk}"
    )
    decision = Decision.objects.get(amendment=blocked)
    blocking_circle = blocker.player.persona.tendency.name
    assert decision.outcome == "rejected" and [c["name"] for c in decision.blocked_by] == [
        blocking_circle
    ]
    assert decision.dissent[0]["reason"] == "Some wars free peoples."
    assert "Too few circles" in Decision.objects.get(amendment=too_few).note
    adopted_decision = Decision.objects.get(amendment=carried)
    assert adopted_decision.dissent[0]["position"] == "abstain"
    congress.refresh_from_db()
    charter.refresh_from_db()
    assert congress.is_closed and congress.closed_by == mod
    assert charter.congress is None and not charter.in_congress()
    record = congress.record
    assert [c["title"] for c in record["clauses"]] == [clause.title, "Peace"]
    assert record["clauses"][0]["amendments"] == [carried.pk]
    assert record["clauses"][0]["body"] == clause.body
    assert record["adopted"] == 1 and record["rejected"] == 2


def test_a_carried_new_clause_joins_the_charter_at_the_end(charter, clause, bob, mod):
    congress = convene(charter, mod)
    proposal = amendment_propose(
        charter=charter, clause_id=None, user=bob, title="Bread", body="Bread first.", rationale=""
    )
    circles_take(proposal, "support", "support", "support")
    congress_close(congress_id=congress.pk, user=mod)
    new = Clause.objects.get(title="Bread")
    assert new.position == clause.position + 1 and new.revision_number == 1
    assert Amendment.objects.get().clause == new


def test_two_carried_amendments_on_one_clause_merge_or_are_reported(clause, alice, bob, mod):
    revise_clause(clause, alice, "First sentence here.\n\nSecond sentence here.")
    congress = convene(clause.charter, mod)
    first = propose(clause, alice, "First sentence, amended.\n\nSecond sentence here.")
    second = propose(clause, bob, "First sentence here.\n\nSecond sentence, amended.")
    rival = propose(clause, bob, "First sentence, otherwise.\n\nSecond sentence here.")
    for amendment in (first, second, rival):
        circles_take(amendment, "support", "support", "support")

    closing = congress_close(congress_id=congress.pk, user=mod)

    clause.refresh_from_db()
    assert clause.body == "First sentence, amended.\n\nSecond sentence, amended."
    assert [a.pk for a in closing.adopted] == [first.pk, second.pk]
    assert [a.pk for a in closing.conflicts] == [rival.pk]
    rival.refresh_from_db()
    # Never lost: still open with its own text, outdated, and the minutes say why.
    assert rival.status == "open" and rival.body.startswith("First sentence, otherwise.")
    assert Decision.objects.get(amendment=rival).outcome == "conflict"
    assert congress.decisions.count() == 3


def test_closing_twice_is_refused_and_adopts_nothing_twice(clause, alice, mod):
    congress = convene(clause.charter, mod)
    carried = propose(clause, alice, "Another text.")
    circles_take(carried, "support", "support", "support")
    congress_close(congress_id=congress.pk, user=mod)
    with pytest.raises(PermissionDenied, match="already closed"):
        congress_close(congress_id=congress.pk, user=mod)
    assert RevisionMeta.objects.filter(clause=clause, kind="amend").count() == 1


def test_the_clock_closes_only_congresses_whose_time_is_up(charter, clause, alice, mod):
    congress = convene(charter, mod, lasts=timedelta(hours=1))
    with pytest.raises(PermissionDenied, match="not reached"):
        congress_close(congress_id=congress.pk, user=None)
    assert close_due_congresses() == []
    later = timezone.now() + timedelta(hours=2)
    Congress.objects.filter(pk=congress.pk).update(closes_at=timezone.now())
    closings = close_due_congresses(now=later)
    assert [c.congress.pk for c in closings] == [congress.pk]
    assert closings[0].congress.closed_by is None


def test_a_moderator_cannot_close_a_congress_that_has_not_opened(charter, mod, alice):
    congress = convene(charter, mod, opens_in=timedelta(days=1))
    with pytest.raises(PermissionDenied, match="not opened"):
        congress_close(congress_id=congress.pk, user=mod)
    with pytest.raises(PermissionDenied, match="Only moderators"):
        Congress.objects.filter(pk=congress.pk).update(opens_at=timezone.now() - timedelta(1))
        congress_close(congress_id=congress.pk, user=alice)
