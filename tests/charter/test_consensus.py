"""The minimum-program rule: unit tests, property tests, and staleness at the selector level."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import consensus
from charter.consensus import ABSTAIN, OPPOSE, SUPPORT, Tally, Verdict, program_from_tallies
from charter.selectors import stances as selectors_stances
from charter.selectors.revisions import latest_version
from charter.services.revisions import clause_revise
from tests.conftest import make_clause, make_stance, make_tendency, make_voter

TENDENCIES = ["anarchists", "councils", "spartacists", "utopians", "iww", "levellers"]

positions = st.sampled_from([SUPPORT, OPPOSE, ABSTAIN])
stances_strategy = st.lists(st.tuples(st.sampled_from(TENDENCIES), positions), max_size=30)
charters_strategy = st.lists(stances_strategy, max_size=8).map(
    lambda per_clause: {f"clause-{n}": stances for n, stances in enumerate(per_clause)}
)


def _support(*tendencies: str) -> list[tuple[str, str]]:
    return [(tendency, SUPPORT) for tendency in tendencies]


def _tallies(stances):
    tallies = {}
    for tendency, position in stances:
        tallies[tendency] = tallies.get(tendency, Tally()).add(position)
    return tallies


def judge(clause, stances):
    return Verdict(clause=clause, tallies=_tallies(stances))


def minimum_program(charter):
    return program_from_tallies({key: _tallies(stances) for key, stances in charter.items()})


def _blockers(verdict):
    return [tendency for tendency, _ in verdict.blocking]


# Examples -----------------------------------------------------------------


def test_three_supporting_circles_carry_a_clause():
    verdict = judge("c", _support("anarchists", "councils", "spartacists"))
    assert verdict.adopted
    assert verdict.breadth == 3
    assert verdict.status == "adopted"


def test_two_circles_are_not_enough_however_many_players_support():
    verdict = judge("c", _support(*["anarchists"] * 40, *["councils"] * 40))
    assert not verdict.adopted
    assert verdict.status == "pending"
    assert verdict.missing == 1


def test_a_circle_that_unanimously_opposes_keeps_a_clause_out_against_a_majority():
    stances = _support(*["anarchists"] * 50, *["councils"] * 50, *["spartacists"] * 50)
    verdict = judge("c", stances + [("utopians", OPPOSE)])
    assert not verdict.adopted
    assert _blockers(verdict) == ["utopians"]
    assert verdict.status == "contested"


def test_a_tie_inside_a_circle_blocks():
    stances = _support("anarchists", "councils", "spartacists") + [("spartacists", OPPOSE)]
    verdict = judge("c", stances)
    assert _blockers(verdict) == ["spartacists"]
    assert verdict.tallies["spartacists"] == Tally(support=1, oppose=1)


def test_a_circle_that_only_abstains_neither_blocks_nor_counts():
    stances = _support("anarchists", "councils", "spartacists") + [("utopians", ABSTAIN)]
    verdict = judge("c", stances)
    assert verdict.adopted
    assert verdict.voiced == 3
    assert verdict.abstaining == ["utopians"]
    assert verdict.blocking == []


def test_abstaining_circles_do_not_make_up_the_three_circles_needed():
    stances = _support("anarchists", "councils") + [("utopians", ABSTAIN), ("iww", ABSTAIN)]
    verdict = judge("c", stances)
    assert not verdict.adopted
    assert verdict.status == "pending"
    assert verdict.missing == 1


def test_a_clause_with_only_abstentions_is_pending_not_silent():
    verdict = judge("c", [("utopians", ABSTAIN)])
    assert verdict.status == "pending"
    assert verdict.voiced == 0


def test_opposition_still_blocks_beside_abstentions_in_the_same_circle():
    stances = _support("anarchists", "councils", "spartacists") + [
        ("utopians", ABSTAIN),
        ("utopians", OPPOSE),
    ]
    assert _blockers(judge("c", stances)) == ["utopians"]


def test_abstentions_beside_a_supporting_majority_do_not_block():
    stances = _support("anarchists", "councils", "spartacists") + [("councils", ABSTAIN)] * 5
    assert judge("c", stances).adopted


def test_support_must_outnumber_opposition_inside_each_circle_not_overall():
    stances = [
        ("anarchists", SUPPORT),
        ("anarchists", SUPPORT),
        ("anarchists", OPPOSE),
        ("councils", SUPPORT),
        ("spartacists", SUPPORT),
    ]
    assert judge("c", stances).adopted


def test_the_program_is_ordered_by_breadth_then_by_position_in_the_charter():
    program = minimum_program(
        {
            "first": _support("a", "b", "c"),
            "second": _support("a", "b", "c", "d", "e"),
            "third": _support("a", "b", "c", "d"),
            "fourth": _support("a", "b", "c", "d", "e"),
            "fifth": _support("a", "b") + [("c", OPPOSE)],
            "sixth": [],
        }
    )
    assert [v.clause for v in program.adopted] == ["second", "fourth", "third", "first"]
    assert [v.clause for v in program.contested] == ["fifth"]
    assert program.contested[0].blocking == [("c", Tally(oppose=1))]
    assert [v.clause for v in program.pending] == ["sixth"]
    assert program.pending[0].status == "silent"


def test_unknown_positions_are_refused():
    with pytest.raises(ValueError, match="unknown position"):
        judge("c", [("anarchists", "maybe")])


# Properties ---------------------------------------------------------------


@given(stances=stances_strategy, tendency=st.sampled_from(TENDENCIES + ["newcomers"]))
def test_adding_a_support_never_removes_a_clause_from_the_program(stances, tendency):
    before = judge("c", stances)
    after = judge("c", stances + [(tendency, SUPPORT)])
    if before.adopted:
        assert after.adopted
    assert after.breadth >= before.breadth


@given(charter=charters_strategy, data=st.data())
def test_adding_a_support_never_removes_any_clause_from_a_charters_program(charter, data):
    target = data.draw(st.sampled_from(sorted(charter)) if charter else st.none())
    tendency = data.draw(st.sampled_from(TENDENCIES))
    before = {v.clause for v in minimum_program(charter).adopted}
    if target is not None:
        charter = {**charter, target: charter[target] + [(tendency, SUPPORT)]}
    after = {v.clause for v in minimum_program(charter).adopted}
    assert before <= after


@given(
    stances=st.lists(st.tuples(st.sampled_from(TENDENCIES[1:]), positions), max_size=40),
    opponents=st.integers(min_value=1, max_value=10),
)
def test_a_tendency_that_unanimously_opposes_keeps_a_clause_out(stances, opponents):
    verdict = judge("c", stances + [("anarchists", OPPOSE)] * opponents)
    assert not verdict.adopted
    assert "anarchists" in _blockers(verdict)


@given(charter=charters_strategy)
def test_every_clause_lands_in_exactly_one_list_and_the_program_respects_the_rule(charter):
    program = minimum_program(charter)
    listed = [v.clause for v in program.adopted + program.contested + program.pending]
    assert sorted(listed) == sorted(charter)
    for verdict in program.adopted:
        assert verdict.voiced >= consensus.MIN_TENDENCIES
        assert all(t.support > t.oppose for t in verdict.tallies.values() if t.support + t.oppose)
        assert verdict.breadth == verdict.voiced
    breadths = [v.breadth for v in program.adopted]
    assert breadths == sorted(breadths, reverse=True)
    for verdict in program.contested:
        assert verdict.blocking
        assert all(t.oppose >= t.support and t.oppose > 0 for _, t in verdict.blocking)


@given(stances=stances_strategy, tendency=st.sampled_from(TENDENCIES + ["newcomers"]))
def test_an_abstention_never_changes_whether_a_clause_is_blocked(stances, tendency):
    before = judge("c", stances)
    after = judge("c", stances + [(tendency, ABSTAIN)])
    assert after.contested == before.contested
    assert after.adopted == before.adopted


@given(stances=stances_strategy, order=st.randoms(use_true_random=False))
def test_the_verdict_does_not_depend_on_the_order_stances_arrive_in(stances, order):
    shuffled = list(stances)
    order.shuffle(shuffled)
    assert judge("c", stances).adopted == judge("c", shuffled).adopted
    assert judge("c", stances).tallies == judge("c", shuffled).tallies


# Stale stances, with the database ------------------------------------------


def test_stances_on_an_earlier_text_are_not_counted_by_the_selector(clause):
    voters = [make_voter() for _ in range(3)]
    for voter in voters:
        make_stance(clause=clause, user=voter)
    program = selectors_stances.minimum_program(clause.charter)
    assert [v.clause for v in program.adopted] == [clause]

    clause_revise(
        clause_id=clause.pk,
        user=voters[0],
        title=clause.title,
        body="Workers of all lands share one cause, and one future.",
        summary="",
        base_version_id=latest_version(clause).pk,
    )
    program = selectors_stances.minimum_program(clause.charter)
    assert program.adopted == []
    assert program.pending[0].voiced == 0
    assert selectors_stances.charter_tallies(clause.charter) == {}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    voices=st.lists(st.tuples(st.integers(0, 3), positions, st.booleans()), min_size=1, max_size=14)
)
def test_stale_stances_never_count_whatever_the_mix(db, voices):
    """The selector's program equals the pure rule applied to the fresh stances only."""
    with transaction.atomic():
        tendencies = [make_tendency() for _ in range(4)]
        clause = make_clause()
        fresh = []
        for tendency_index, position, stale in voices:
            tendency = tendencies[tendency_index]
            make_stance(
                clause=clause, user=make_voter(tendency=tendency), position=position, stale=stale
            )
            if not stale:
                fresh.append((tendency, position))
        program = selectors_stances.minimum_program(clause.charter)
        expected = judge(clause, fresh)
        verdict = program.program.verdicts[clause]
        assert verdict.tallies == expected.tallies
        assert verdict.adopted == expected.adopted
        transaction.set_rollback(True)
