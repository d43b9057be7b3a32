"""Votes are secret until voting closes: each player sees their own, nobody sees more.

Then everything is shown: the ranking, and who voted for what.
"""

import pytest

from contests.models import Phase
from tests.contests.conftest import make_vote, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(voting, alice, bob, carol):
    """Alice and carol voted for bob's story, bob for carol's."""
    make_vote(entry=voting["bob"], voter=alice)
    make_vote(entry=voting["bob"], voter=carol)
    make_vote(entry=voting["carol"], voter=bob)
    return voting


def pages(voted) -> list[str]:
    return (
        [voted["contest"].get_absolute_url()]
        + [voted[name].get_absolute_url() for name in ("alice", "bob", "carol")]
        + [f"/feeds/contests/{voted['contest'].slug}/", "/contests/"]
    )


def test_before_the_deadline_nobody_sees_counts_results_or_other_voters(client, voted, mod, bob):
    for who in (None, bob, mod):
        if who is None:
            client.logout()
        else:
            client.force_login(who)
        for url in pages(voted):
            text = client.get(url).text
            assert "Results" not in text, (who, url)
            assert "Who moved whom" not in text, (who, url)
            assert "2 votes" not in text and "1 vote" not in text, (who, url)
            assert "played by carol)" not in text, (who, url)


def test_a_player_sees_only_their_own_votes_before_the_deadline(client, voted, alice):
    client.force_login(alice)
    text = client.get(voted["contest"].get_absolute_url()).text
    assert text.count('<span class="badge badge-voted">Your vote</span>') == 1
    bob_card = text.split(f'id="entry-{voted["bob"].pk}"')[1].split("</li>")[0]
    assert "Your vote" in bob_card
    carol_card = text.split(f'id="entry-{voted["carol"].pk}"')[1].split("</li>")[0]
    assert "Your vote" not in carol_card


def test_after_the_deadline_the_results_and_every_vote_are_shown(client, voted):
    move_to(voted["contest"], Phase.CLOSED)
    text = client.get(voted["contest"].get_absolute_url()).text
    assert "Results" in text and "Who moved whom" in text
    assert "3 votes were cast" in text
    assert "Winner" in text and "The road of bob" in text.split("Winner")[1].split("</ul>")[0]
    assert 'Rosa Luxemburg <span class="meta">(alice)</span>' in text
    entry_text = client.get(voted["bob"].get_absolute_url()).text
    assert "2 votes for this story" in entry_text
    assert "played by carol)" in entry_text


def test_the_admin_lists_no_votes(client, voted, mod):
    client.force_login(mod)
    assert client.get("/admin/contests/vote/").status_code == 404
    assert "Votes" not in client.get("/admin/contests/").text
