"""The minimum program page, its Markdown minutes, and the consensus marks on the charter page."""

import re

import markdown
import pytest

from charter.models import Charter, Clause
from charter.selectors import stances as selectors_stances
from tests.conftest import make_charter, make_clause, make_stance, make_tendency, make_voter

PROGRAM_PAGE_CEILING = 10
CHARTER_PAGE_CEILING = 8


@pytest.fixture
def circles(db) -> dict[str, list]:
    """Four circles with three voters each."""
    names = ["Anarchists", "Council communists", "Spartacists", "Utopian socialists"]
    result = {}
    for position, name in enumerate(names):
        tendency = make_tendency(name=name, position=position)
        result[name] = [make_voter(tendency=tendency, name=f"{name[:-1]} {n}") for n in range(1, 4)]
    return result


def _voice(clause: Clause, voters, position: str = "support", **extra) -> None:
    for voter in voters:
        make_stance(clause=clause, user=voter, position=position, **extra)


def program_url(charter: Charter) -> str:
    return f"{charter.get_absolute_url()}minimum-program/"


# The selector


def test_tallies_for_a_whole_charter_come_from_one_grouped_query(
    django_assert_num_queries, charter, circles
):
    clauses = [make_clause(charter=charter) for _ in range(4)]
    for clause in clauses:
        for voters in circles.values():
            _voice(clause, voters[:2])
    with django_assert_num_queries(1):
        tallies = selectors_stances.charter_tallies(charter)
    assert len(tallies) == 4
    assert all(tally.support == 2 for per in tallies.values() for tally in per.values())


def test_removed_clauses_and_other_charters_are_not_counted(charter, circles):
    removed = make_clause(charter=charter, is_removed=True)
    elsewhere = make_clause()
    for voters in circles.values():
        _voice(removed, voters)
        _voice(elsewhere, voters)
    assert selectors_stances.charter_tallies(charter) == {}
    assert selectors_stances.minimum_program(charter).adopted == []


def test_earlier_stances_of_a_player_are_not_counted(charter, circles):
    clause = make_clause(charter=charter)
    for voters in list(circles.values())[:3]:
        _voice(clause, voters, "oppose")
        _voice(clause, voters, "support")
    assert [v.clause for v in selectors_stances.minimum_program(charter).adopted] == [clause]


# The page


def test_the_page_lists_adopted_clauses_by_breadth_then_position_and_explains_the_rule(
    client, charter, circles
):
    anarchists, councils, spartacists, utopians = circles.values()
    three = make_clause(charter=charter, title="Three circles")
    four = make_clause(charter=charter, title="Four circles")
    also_three = make_clause(charter=charter, title="Also three circles")
    for voters in (anarchists, councils, spartacists):
        _voice(three, voters)
        _voice(also_three, voters)
    for voters in circles.values():
        _voice(four, voters)
    response = client.get(program_url(charter))
    assert response.status_code == 200
    text = response.text
    assert "Adopted: 3 clauses" in text
    assert text.index("Four circles") < text.index(">Three circles") < text.index("Also three")
    assert "in <em>none</em> of those circles does opposition reach support" in text
    assert "It is not a majority vote" in text
    assert "Abstaining never blocks" in text


def test_contested_clauses_name_the_circles_that_block_them(client, charter, circles):
    anarchists, councils, spartacists, utopians = circles.values()
    clause = make_clause(charter=charter, title="Abolish the state first")
    _voice(clause, councils + spartacists + utopians)
    _voice(clause, anarchists[:1])
    _voice(clause, anarchists[1:], "oppose", reason="Not without the state's abolition.")
    text = client.get(program_url(charter)).text
    contested = text.split('id="contested-heading"')[1]
    assert "Abolish the state first" in contested
    assert "Blocked by" in contested
    assert 'Anarchists <span class="count">(1 for, 2 against)</span>' in contested
    assert "Council communists" in contested.split("Supported in 3 circles")[1]
    assert "Not without the state&#x27;s abolition." in contested
    assert "Adopted: 0 clauses" in text


def test_a_circle_that_only_abstains_neither_carries_nor_blocks_the_program(
    client, charter, circles
):
    anarchists, councils, spartacists, utopians = circles.values()
    clause = make_clause(charter=charter, title="Mutual aid")
    _voice(clause, anarchists + councils + spartacists)
    _voice(clause, utopians, "abstain")
    text = client.get(program_url(charter)).text
    adopted = text.split('id="program-heading"')[1].split('id="contested-heading"')[0]
    assert "Mutual aid" in adopted
    assert "Supported in 3 circles, blocked in none; 1 only abstained" in adopted
    assert 'Utopian socialists <span class="count">abstaining (3), not counted</span>' in adopted
    minutes = client.get(f"{charter.get_absolute_url()}minimum-program.md").content.decode()
    assert "Utopian socialists (abstaining (3), not counted)" in minutes


def test_abstentions_alone_do_not_bring_a_clause_nearer_the_program(client, charter, circles):
    anarchists, councils, spartacists, utopians = circles.values()
    clause = make_clause(charter=charter, title="Only two take sides")
    _voice(clause, anarchists + councils)
    _voice(clause, spartacists + utopians, "abstain")
    text = client.get(program_url(charter)).text
    assert (
        'Only two take sides</a> <span class="count">— 2 of 3 circles for or against; 2 abstaining'
        in text
    )


def test_clauses_with_too_few_circles_wait_for_more(client, charter, circles):
    anarchists, councils, *_ = circles.values()
    clause = make_clause(charter=charter, title="Only two circles")
    _voice(clause, anarchists + councils)
    text = client.get(program_url(charter)).text
    assert "Waiting for more circles: 1 clause" in text
    assert "2 of 3 circles for or against" in text
    assert "Adopted: 0 clauses" in text


def test_stale_stances_take_a_clause_out_of_the_program_page(client, charter, circles):
    clause = make_clause(charter=charter, title="Once agreed")
    for voters in list(circles.values())[:3]:
        _voice(clause, voters, stale=True)
    text = client.get(program_url(charter)).text
    assert "Adopted: 0 clauses" in text
    assert "no stances yet" in text


def test_the_program_of_a_reference_charter_says_nobody_votes_on_it(client, db):
    charter = make_charter(status=Charter.Status.REFERENCE)
    make_clause(charter=charter)
    text = client.get(program_url(charter)).text
    assert "nobody takes stances on it" in text


def test_unknown_charters_are_404(client, db):
    assert client.get("/charters/nope/minimum-program/").status_code == 404
    assert client.get("/charters/nope/minimum-program.md").status_code == 404


def test_the_program_refuses_writes(client, charter):
    assert client.post(program_url(charter)).status_code == 405
    assert client.post(f"{charter.get_absolute_url()}minimum-program.md").status_code == 405


def test_an_unknown_format_falls_back_to_the_page(client, charter):
    response = client.get(program_url(charter), {"format": "pdf\x00"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


# The Markdown minutes


def _minutes_fixture(charter, circles) -> Clause:
    anarchists, councils, spartacists, utopians = circles.values()
    clause = make_clause(charter=charter, title="Solidarity", body="We stand *together*.")
    _voice(clause, anarchists[:2] + councils + spartacists[:2] + utopians[:2])
    make_stance(
        clause=clause,
        user=anarchists[2],
        position="oppose",
        reason="Too soft on\r\nthe bosses.\n\n# not a heading",
    )
    make_stance(clause=clause, user=spartacists[2], position="abstain")
    blocked = make_clause(charter=charter, title="Parliament")
    _voice(blocked, councils, "oppose", reason="Councils, not parliaments.")
    _voice(blocked, anarchists + spartacists)
    return clause


@pytest.mark.parametrize("suffix", ["minimum-program.md", "minimum-program/?format=md"])
def test_the_minutes_download_as_markdown_with_recorded_dissent(client, charter, circles, suffix):
    _minutes_fixture(charter, circles)
    response = client.get(f"{charter.get_absolute_url()}{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{charter.slug}-minimum-program.md"'
    )
    text = response.content.decode()
    assert text.startswith(f"# Minimum program: {charter.title}\n")
    # User text stays text: its Markdown marks are escaped, not obeyed.
    assert "### 1. Solidarity\n\nWe stand \\*together\\*.\n" in text
    assert "*Supported in 4 circles, blocked in none:* Anarchists (2 for, 1 against);" in text
    assert "Abstaining never blocks" in text.split("## Adopted")[0]
    assert "- Anarchist 3 (Anarchists) opposed: “Too soft on the bosses. # not a heading”" in text
    assert "- Spartacist 3 (Spartacists) abstained, without a stated reason." in text
    assert (
        "## Contested (1)\n\n### Parliament\n\n*Blocked by:* Council communists (0 for, 3 against)."
        in text
    )
    assert (
        "- Council communist 1 (Council communists) opposes: “Councils, not parliaments.”" in text
    )
    assert "\n\n\n" not in text
    assert "&quot;" not in text and "&#x27;" not in text


HOSTILE_TITLE = "Fair trade\n## Adopted (99)\n<script>alert(1)</script> [click](javascript:x)"
HOSTILE_BODY = (
    "# Not a heading\n\nReal words.\n\n- not a list\n1. nor this\n> nor a quote\n\n"
    "<img src=x onerror=alert(1)>\n    not code\n\nUnderlined\n==="
)


def test_user_text_cannot_forge_the_structure_of_the_minutes(client, charter, circles):
    clause = make_clause(charter=charter, title=HOSTILE_TITLE, body=HOSTILE_BODY)
    for voters in list(circles.values())[:3]:
        _voice(clause, voters, reason="## Fake\n- item <b>bold</b>")
    # An abstention is recorded dissent (and, printed, the export's one list).
    _voice(clause, list(circles.values())[3][:1], "abstain", reason="#1\n* no list")
    response = client.get(f"{charter.get_absolute_url()}minimum-program.md")
    text = response.content.decode()
    html = markdown.markdown(text)
    # Only the export's own structure: its title, two sections, one adopted clause.
    assert re.findall(r"<h(\d)>", html) == ["1", "2", "3", "2"]
    assert "<h2>Adopted (99)" not in html
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert "<pre>" not in html and "<blockquote>" in html  # only the rule's own quote
    # The one list is the recorded dissent, one item per opposing voice.
    assert html.count("<li>") == 1
    assert "Real words." in html and "Not a heading" in html
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


# The charter page


def test_the_charter_page_marks_each_clause_and_links_the_program(client, charter, circles):
    anarchists, councils, spartacists, utopians = circles.values()
    adopted = make_clause(charter=charter, title="Adopted one")
    contested = make_clause(charter=charter, title="Contested one")
    pending = make_clause(charter=charter, title="Pending one")
    make_clause(charter=charter, title="Silent one")
    for voters in (anarchists, councils, spartacists):
        _voice(adopted, voters)
    _voice(contested, anarchists + councils + spartacists)
    _voice(contested, utopians, "oppose")
    _voice(pending, anarchists)
    text = client.get(charter.get_absolute_url()).text
    assert f'href="{program_url(charter)}"' in text
    marks = text.split('class="consensus-mark ')[1:]
    assert [m.split('"')[0] for m in marks] == [
        "consensus-adopted",
        "consensus-contested",
        "consensus-pending",
        "consensus-silent",
    ]
    assert "In the minimum program · supported in 3 circles, blocked in none" in marks[0]
    assert "blocked by Utopian socialists" in marks[1]
    assert "1 circle for or against; 2 more needed" in marks[2]
    assert "No stances yet" in marks[3]


def test_a_long_list_of_blockers_stays_compact_on_the_charter_page(client, charter):
    clause = make_clause(charter=charter)
    for _ in range(5):
        make_stance(clause=clause, position="oppose")
    text = client.get(charter.get_absolute_url()).text
    assert "and 2 more" in text


def test_reference_charters_show_no_consensus_marks(client, db):
    charter = make_charter(status=Charter.Status.REFERENCE)
    make_clause(charter=charter)
    text = client.get(charter.get_absolute_url()).text
    assert "consensus-mark" not in text
    assert "minimum-program" not in text


# Query ceilings


def _spread(charter: Charter, clauses: list[Clause], stances: int) -> None:
    tendencies = [make_tendency() for _ in range(5)]
    for n in range(stances):
        make_stance(
            clause=clauses[n % len(clauses)],
            user=make_voter(tendency=tendencies[n % 5]),
            position=["support", "support", "oppose", "abstain"][n % 4],
            reason=f"Reason {n}" if n % 2 else "",
            stale=n % 9 == 0,
        )


@pytest.mark.parametrize("stances", [10, 400])
def test_program_and_charter_pages_query_counts_do_not_grow_with_stances(
    client, django_assert_max_num_queries, charter, alice, stances
):
    clauses = [make_clause(charter=charter) for _ in range(6)]
    _spread(charter, clauses, stances)
    client.force_login(alice)
    with django_assert_max_num_queries(PROGRAM_PAGE_CEILING):
        response = client.get(program_url(charter))
    assert response.status_code == 200
    with django_assert_max_num_queries(PROGRAM_PAGE_CEILING):
        assert client.get(f"{charter.get_absolute_url()}minimum-program.md").status_code == 200
    with django_assert_max_num_queries(CHARTER_PAGE_CEILING):
        response = client.get(charter.get_absolute_url())
    assert response.text.count('class="consensus-mark ') == 6
