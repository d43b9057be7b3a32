"""Group pages, and the pages that show groups, cost the same however big the group."""

import pytest

from charter.models import Clause
from charter.services import discussion, stances
from personas.models import GroupInvitation

# The clause page's own ceiling is defined once, beside the discussion's.
from tests.charter.test_discussion_queries import CLAUSE_PAGE_CEILING
from tests.conftest import make_clause, make_group, make_user, revise_clause

# The project's page ceiling (tests/test_query_counts.py).
CEILING = 12


def grow_group(founder, rosa, *, members: int, contributions: int, charter):
    """A group of `members` with `contributions` comments and a stance history on a few clauses."""
    others = [make_user(f"member{n}", persona=rosa) for n in range(members - 1)]
    group = make_group(founder, *others)
    everyone = [founder, *others]
    clauses = [make_clause(charter=charter) for _ in range(3)]
    for n in range(contributions):
        author = everyone[n % len(everyone)]
        clause = clauses[n % len(clauses)]
        discussion.comment_post(clause_id=clause.pk, user=author, body=f"Point {n}.")
        stances.stance_take(
            clause_id=clause.pk,
            user=author,
            position=["support", "oppose", "abstain"][n % 3],
            reason=f"Reason {n}",
        )
        if n % 10 == 0:
            revise_clause(clause, author, f"Text {n} for the group.")
    for n in range(min(members, 5)):
        invited = make_user(f"invited{n}")
        GroupInvitation.objects.create(group=group, invited=invited, invited_by=founder)
    return group, clauses


@pytest.mark.parametrize(("members", "contributions"), [(2, 5), (30, 90)])
def test_the_group_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, alice, rosa, charter, settings, members, contributions
):
    settings.RATELIMIT_ENABLE = False
    group, _ = grow_group(
        alice, rosa, members=members, contributions=contributions, charter=charter
    )
    url = group.get_absolute_url()
    with django_assert_max_num_queries(CEILING):
        assert client.get(url).status_code == 200
    client.force_login(alice)  # a member: invitations, stance history, forms
    with django_assert_max_num_queries(CEILING):
        page = client.get(url)
    assert page.text.count('class="group-stance ') == 3
    assert f"member{members - 2}" in page.text


@pytest.mark.parametrize("groups", [1, 25])
def test_the_group_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rosa, groups
):
    for n in range(groups):
        founder = make_user(f"founder{n}", persona=rosa)
        make_group(founder, make_user(f"second{n}"), name=f"Group {n}")
    client.force_login(make_user("reader"))
    with django_assert_max_num_queries(CEILING):
        page = client.get("/groups/")
    assert page.text.count('class="card group-card"') == groups


@pytest.mark.parametrize(("members", "contributions"), [(2, 5), (30, 90)])
def test_the_clause_page_with_group_voices_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, alice, rosa, charter, settings, members, contributions
):
    settings.RATELIMIT_ENABLE = False
    _, clauses = grow_group(
        alice, rosa, members=members, contributions=contributions, charter=charter
    )
    url = Clause.objects.get(pk=clauses[0].pk).get_absolute_url()
    client.force_login(alice)
    with django_assert_max_num_queries(CLAUSE_PAGE_CEILING):
        page = client.get(url)
    assert "for the Spartacus group" in page.text
    assert "the Spartacus group" in page.text and "this clause" in page.text


@pytest.mark.parametrize("invitations", [1, 30])
def test_the_settings_page_with_invitations_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rosa, invitations
):
    invited = make_user("invited")
    for n in range(invitations):
        founder = make_user(f"founder{n}", persona=rosa)
        group = make_group(founder, name=f"Group {n}")
        GroupInvitation.objects.create(group=group, invited=invited, invited_by=founder)
    client.force_login(invited)
    with django_assert_max_num_queries(CEILING):
        page = client.get("/accounts/settings/")
    assert page.text.count('class="invitation"') == invitations
