"""A player group has one voice in the minimum program: one stance per clause, the latest."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, connections, transaction

from charter.models import Stance
from charter.selectors.readers import clause_reader
from charter.selectors.stances import (
    charter_tallies,
    clause_stances,
    group_stances,
    minimum_program,
    my_stance,
)
from charter.services.stances import stance_take
from personas import groups
from personas.models import Player
from tests.conftest import make_clause, make_group, make_tendency, make_user, make_voter


def _take(user, clause, position="support", reason=""):
    return stance_take(clause_id=clause.pk, user=user, position=position, reason=reason)


def _mine(clause, user, group=None):
    """The reader's stance as the page reads it, checked against the one-query reader facts."""
    mine = my_stance(clause, user, group=group)
    facts = clause_reader(clause, user, group=group)
    assert facts.stance_id == (mine.pk if mine else None)
    return mine


def _current(clause):
    return list(Stance.objects.filter(clause=clause, is_current=True))


@pytest.fixture
def dave(rosa):
    return make_user("dave", persona=rosa)


@pytest.fixture
def spartacus(alice, bob, dave):
    """alice founded it, bob and dave joined: three players, one voice."""
    return make_group(alice, bob, dave)


def test_two_members_taking_opposite_stances_count_once_the_latest(spartacus, alice, bob, clause):
    _take(alice, clause, "support", "Yes.")
    latest = _take(bob, clause, "oppose", "No.")
    assert _current(clause) == [latest]
    assert latest.group == spartacus and latest.user == bob
    tally = next(iter(charter_tallies(clause.charter)[clause.pk].values()))
    assert (tally.support, tally.oppose, tally.total) == (0, 1, 1)


def test_the_group_keeps_every_stance_its_members_took_as_its_history(
    spartacus, alice, bob, dave, clause
):
    _take(alice, clause, "support", "Yes.")
    _take(bob, clause, "oppose", "No.")
    _take(dave, clause, "abstain", "Not yet.")
    [entry] = group_stances(spartacus, with_history=True)
    assert (entry.latest.user, entry.latest.position) == (dave, "abstain")
    assert [(s.user, s.position, s.reason) for s in entry.earlier] == [
        (bob, "oppose", "No."),
        (alice, "support", "Yes."),
    ]
    [public] = group_stances(spartacus, with_history=False)
    assert public.latest == entry.latest and public.earlier == []


def test_a_member_restating_the_group_stance_is_recorded_as_theirs(spartacus, alice, bob, clause):
    first = _take(alice, clause, "support", "Yes.")
    again = _take(bob, clause, "support", "Yes.")
    assert again.pk != first.pk and again.user == bob
    # The same member saying the same thing twice is a double submit: once.
    assert _take(bob, clause, "support", "Yes.").pk == again.pk


def test_every_member_sees_the_group_stance_as_their_own(spartacus, alice, bob, dave, clause):
    stance = _take(bob, clause, "oppose", "No.")
    for member in (alice, bob, dave):
        mine = _mine(clause, member, group=spartacus)
        assert mine == stance and not mine.is_stale


def test_members_have_no_stance_of_their_own_beside_the_group(alice, bob, clause):
    own = _take(bob, clause, "oppose", "Mine.")
    group = make_group(alice, bob)
    assert _current(clause) == []  # retired on joining, kept in the record
    assert _mine(clause, bob, group=group) is None
    assert Stance.objects.filter(pk=own.pk, is_current=False).exists()
    voice = _take(bob, clause, "support", "Ours now.")
    assert _current(clause) == [voice] and voice.group == group


def test_a_leaver_speaks_for_themselves_again_and_the_group_keeps_its_stance(
    spartacus, bob, clause
):
    group_voice = _take(bob, clause, "support", "For the group.")
    groups.group_leave(group_id=spartacus.pk, user=bob)
    assert _mine(clause, bob) is None  # the group's stance is not bob's own
    own = _take(bob, clause, "oppose", "For myself.")
    assert own.group is None
    assert set(_current(clause)) == {group_voice, own}


def test_a_dissolved_group_holds_no_stance(alice, clause):
    group = make_group(alice)
    _take(alice, clause, "support")
    group = groups.group_leave(group_id=group.pk, user=alice)
    assert _current(clause) == []
    [entry] = group_stances(group, with_history=False)
    assert entry.latest.position == "support" and not entry.latest.is_current


def test_the_database_allows_one_current_stance_per_group_and_clause(spartacus, alice, bob, clause):
    _take(alice, clause, "support")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stance.objects.create(
            user=bob,
            clause=clause,
            persona=Player.objects.get(user=bob).persona,
            group=spartacus,
            position="oppose",
            clause_revision_number=clause.revision_number,
        )


def test_the_clause_panel_names_the_group_and_who_set_its_stance(spartacus, bob, clause):
    _take(bob, clause, "oppose", "Too vague.")
    panel = clause_stances(clause, AnonymousUser())
    [picture] = panel.pictures
    [stance] = picture.stances
    assert stance.group == spartacus and stance.user == bob and stance.reason == "Too vague."
    assert picture.tally.oppose == 1 and panel.counted_total == 1


def test_consensus_across_circles_is_otherwise_unchanged(spartacus, alice, bob, dave, charter):
    clause = make_clause(charter=charter)
    others = [make_voter(tendency=make_tendency()) for _ in range(2)]
    for voter in others:
        _take(voter, clause, "support")
    # Three members supporting count once: still only three circles, all for it.
    for member in (alice, bob, dave):
        _take(member, clause, "support")
    program = minimum_program(charter)
    assert [v.clause for v in program.adopted] == [clause]
    verdict = program.program.verdicts[clause]
    assert sorted(t.total for t in verdict.tallies.values()) == [1, 1, 1]
    # One member changing the group's mind moves one voice, not three.
    _take(dave, clause, "oppose", "Changed our mind.")
    program = minimum_program(charter)
    assert [v.clause for v in program.contested] == [clause]
    [voice] = program.dissent[clause.pk]
    assert voice.speaker == "Rosa Luxemburg, for the Spartacus group"


def test_another_circles_players_are_not_affected_by_a_group(spartacus, alice, clause):
    outsider = make_voter()
    _take(outsider, clause, "oppose")
    _take(alice, clause, "support")
    positions = sorted(s.position for s in _current(clause))
    assert positions == ["oppose", "support"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_members_taking_stances_at_once_leave_exactly_one_current_group_stance(rosa, clause):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")
    members = [make_user(f"member{n}", persona=rosa) for n in range(6)]
    group = make_group(*members)
    barrier = threading.Barrier(len(members))
    errors: list[Exception] = []

    def take(user, position: str) -> None:
        try:
            barrier.wait()
            for attempt in range(3):
                _take(user, clause, position, f"{user.username}, attempt {attempt}")
        except Exception as error:  # collected for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    positions = ["support", "oppose", "abstain"] * 2
    threads = [
        threading.Thread(target=take, args=(member, position))
        for member, position in zip(members, positions, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    current = Stance.objects.filter(clause=clause, is_current=True)
    assert current.count() == 1
    assert current.get().group == group
    assert Stance.objects.filter(clause=clause, group=group).count() == 3 * len(members)
    latest = Stance.objects.filter(clause=clause).latest("created_at", "pk")
    assert latest.is_current
