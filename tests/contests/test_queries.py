"""Contest pages run a fixed number of queries however many entries, votes and comments."""

import pytest

from charter.selectors.discussion import THREADS_PER_PAGE
from charter.services import discussion
from contests.models import Phase
from contests.subjects import EntrySubject
from tests.conftest import make_tendency, make_voter
from tests.contests.conftest import make_contest, make_entry, make_vote, move_to

pytestmark = pytest.mark.django_db

# The user, the player (with persona and circle) and the header's unread count,
# then the page's own reads: the contest, its entries, the reader's entry and
# votes, and once voting has closed every vote in one query (8 today).
CONTEST_PAGE_CEILING = 8
# The same three, the entry, the reader's entry and votes, the votes for it once
# public, and the debate: whether the reader spoke in it, counts, the page's
# bounds, its comments and, when their markup is not cached yet, their words
# (12 today).
ENTRY_PAGE_CEILING = 12
LIST_PAGE_CEILING = 4


def grow(size: int) -> dict:
    """A contest with `size` entries across four circles and three votes per voter."""
    circles = [make_tendency(position=n) for n in range(4)]
    contest = make_contest(phase=Phase.ENTRIES)
    entries = [
        make_entry(contest=contest, author=make_voter(tendency=circles[n % 4]), title=f"Road {n}")
        for n in range(size)
    ]
    voters = [make_voter(tendency=circles[n % 4]) for n in range(size)]
    for n, voter in enumerate(voters):
        mine = circles[n % 4].pk
        others = [e for e in entries if e.persona.tendency_id != mine]
        for entry in others[n % 3 : n % 3 + 3]:
            make_vote(entry=entry, voter=voter)
    contest.refresh_from_db()
    return {"contest": contest, "entries": entries, "voters": voters}


@pytest.mark.parametrize("size", [4, 40])
@pytest.mark.parametrize("phase", [Phase.ENTRIES, Phase.VOTING, Phase.CLOSED])
def test_the_contest_page_costs_the_same_for_many_entries_and_votes(
    client, django_assert_max_num_queries, size, phase
):
    world = grow(size)
    move_to(world["contest"], phase)
    client.force_login(world["voters"][0])
    with django_assert_max_num_queries(CONTEST_PAGE_CEILING):
        response = client.get(world["contest"].get_absolute_url())
    assert response.status_code == 200
    assert response.text.count('class="entry-card"') == size


@pytest.mark.parametrize("size", [4, 40])
def test_an_entry_page_with_its_debate_and_results_costs_the_same(
    client, django_assert_max_num_queries, size
):
    world = grow(size)
    entry = world["entries"][1]
    for n, voter in enumerate(world["voters"][:size]):
        discussion.comment_post(subject=EntrySubject(entry), user=voter, body=f"Point {n}")
    move_to(world["contest"], Phase.CLOSED)
    client.force_login(world["voters"][0])
    with django_assert_max_num_queries(ENTRY_PAGE_CEILING):
        response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count('<article class="comment') == min(size, THREADS_PER_PAGE)


@pytest.mark.parametrize("contests", [2, 20])
def test_the_contest_list_costs_the_same_for_many_contests(
    client, django_assert_max_num_queries, mod, contests
):
    for n in range(contests):
        make_contest(slug=f"c{n}", opened_by=mod, phase=[Phase.ENTRIES, Phase.CLOSED][n % 2])
    with django_assert_max_num_queries(LIST_PAGE_CEILING):
        assert client.get("/contests/").status_code == 200
