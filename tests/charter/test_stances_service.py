"""charter.services.stances.stance_take: the one way a stance is written."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from charter.models import STANCE_REASON_MAX, Charter, Stance
from charter.services.revisions import clause_revise, latest_version
from charter.services.stances import StanceOnOldText, stance_take
from personas.models import Player
from tests.conftest import make_charter, make_clause, make_persona


def _take(user, clause, position="support", reason="", **extra) -> Stance:
    return stance_take(clause_id=clause.pk, user=user, position=position, reason=reason, **extra)


def _edit(clause, user, body: str) -> None:
    clause_revise(
        clause_id=clause.pk,
        user=user,
        title=clause.title,
        body=body,
        summary="",
        base_version_id=latest_version(clause).pk,
    )


def test_it_records_the_stance_with_persona_and_revision(alice, clause):
    stance = _take(alice, clause, "support", "Borders divide us.")
    assert stance.is_current
    assert stance.persona.name == "Rosa Luxemburg"
    assert stance.clause_version == latest_version(clause)
    assert stance.clause_revision_number == 1
    assert stance.reason == "Borders divide us."


def test_changing_a_stance_keeps_the_earlier_one(alice, clause):
    first = _take(alice, clause, "support", "At first glance, yes.")
    second = _take(alice, clause, "oppose", "On reflection, too vague.")
    first.refresh_from_db()
    assert not first.is_current
    assert second.is_current
    history = list(Stance.objects.filter(user=alice, clause=clause).order_by("created_at", "pk"))
    assert [(s.position, s.is_current) for s in history] == [
        ("support", False),
        ("oppose", True),
    ]


def test_the_same_stance_twice_is_recorded_once(alice, clause):
    first = _take(alice, clause, "abstain", "Undecided.")
    again = _take(alice, clause, "abstain", "Undecided.")
    assert again.pk == first.pk
    assert Stance.objects.filter(user=alice, clause=clause).count() == 1


def test_reaffirming_after_an_edit_records_a_stance_on_the_new_text(alice, bob, clause):
    old = _take(alice, clause, "support", "Yes.")
    _edit(clause, bob, "Workers of all lands share one cause and one future.")
    new = _take(alice, clause, "support", "Yes.")
    old.refresh_from_db()
    assert new.pk != old.pk
    assert (old.clause_revision_number, new.clause_revision_number) == (1, 2)
    assert new.clause_version == latest_version(clause)
    assert not old.is_current


def test_a_stance_is_signed_by_the_persona_played_when_it_was_taken(alice, clause):
    first = _take(alice, clause, "support")
    Player.objects.filter(user=alice).update(persona=make_persona(name="Clara Zetkin"))
    second = _take(alice, clause, "support")
    first.refresh_from_db()
    assert first.persona.name == "Rosa Luxemburg"
    assert second.persona.name == "Clara Zetkin"


def test_players_have_separate_current_stances(alice, bob, clause):
    _take(alice, clause, "support")
    _take(bob, clause, "oppose")
    assert Stance.objects.filter(clause=clause, is_current=True).count() == 2


def test_newlines_from_browsers_are_normalised_and_blank_reasons_are_empty(alice, clause):
    assert _take(alice, clause, reason="One.\r\nTwo.").reason == "One.\nTwo."
    assert _take(alice, clause, reason="   \n ").reason == ""


@pytest.mark.parametrize("position", ["maybe", "", "SUPPORT", "support "])
def test_unknown_positions_are_refused(alice, clause, position):
    with pytest.raises(ValidationError, match="support, oppose or abstain"):
        _take(alice, clause, position)
    assert not Stance.objects.exists()


def test_oversize_reasons_are_refused(alice, clause):
    with pytest.raises(ValidationError, match=f"at most {STANCE_REASON_MAX}"):
        _take(alice, clause, reason="x" * (STANCE_REASON_MAX + 1))
    assert _take(alice, clause, reason="x" * STANCE_REASON_MAX).reason


@pytest.mark.parametrize("bad", ["nul\x00byte", "bell\x07", "escape\x1b[31m", "del\x7f"])
def test_control_characters_in_reasons_are_refused(alice, clause, bad):
    with pytest.raises(ValidationError, match="control characters"):
        _take(alice, clause, reason=bad)
    assert not Stance.objects.exists()


def test_players_without_a_persona_are_refused(charlie, clause):
    with pytest.raises(PermissionDenied, match="Pick a persona"):
        _take(charlie, clause)


def test_anonymous_users_are_refused(clause):
    with pytest.raises(PermissionDenied, match="Log in"):
        _take(AnonymousUser(), clause)


def test_suspended_players_are_refused(alice, clause):
    Player.objects.filter(user=alice).update(suspended_until=timezone.now() + timedelta(days=2))
    with pytest.raises(PermissionDenied, match="suspended"):
        _take(alice, clause)


def test_removed_clauses_take_no_stances(alice, charter):
    removed = make_clause(charter=charter, is_removed=True)
    with pytest.raises(PermissionDenied, match="removed"):
        _take(alice, removed)


def test_reference_charters_take_no_stances(alice, db):
    reference = make_clause(charter=make_charter(status=Charter.Status.REFERENCE))
    with pytest.raises(PermissionDenied, match="reference charter"):
        _take(alice, reference)


def test_locked_clauses_still_take_stances(alice, charter):
    locked = make_clause(charter=charter, is_locked=True)
    assert _take(alice, locked).is_current


def test_unknown_clauses_are_a_validation_error(alice, db):
    with pytest.raises(ValidationError, match="does not exist"):
        stance_take(clause_id=987654, user=alice, position="support", reason="")


def test_a_stance_from_a_form_older_than_the_text_is_refused(alice, bob, clause):
    _edit(clause, bob, "A new text the player has not read.")
    with pytest.raises(StanceOnOldText) as refused:
        _take(alice, clause, seen_revision_number=1)
    assert refused.value.current_revision_number == 2
    assert not Stance.objects.exists()
    assert _take(alice, clause, seen_revision_number=2).clause_revision_number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_leave_exactly_one_current_stance(alice, clause):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    barrier = threading.Barrier(6)
    errors: list[Exception] = []

    def submit(position: str) -> None:
        try:
            barrier.wait()
            _take(alice, clause, position, f"Thread {position}")
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(p,)) for p in ["support", "oppose", "abstain"] * 2
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Stance.objects.filter(user=alice, clause=clause, is_current=True).count() == 1
    assert Stance.objects.filter(user=alice, clause=clause).count() >= 3
