"""Finding one's way: the charter's contents, and previous/next between clauses."""

import re

import pytest

from charter.selectors.navigation import clause_neighbours
from tests.conftest import make_clause, make_stance


@pytest.fixture
def clauses(charter):
    first = make_clause(charter=charter, title="First")
    second = make_clause(charter=charter, title="Second")
    make_clause(charter=charter, title="Removed", is_removed=True)
    third = make_clause(charter=charter, title="Third")
    return first, second, third


def test_the_charter_page_lists_every_live_clause_with_its_number_anchor_and_mark(
    client, charter, clauses
):
    first, second, third = clauses
    for _ in range(3):
        make_stance(clause=second)
    page = client.get(charter.get_absolute_url()).text
    toc = page.split('class="toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#clause-(\d+)"', toc) == [str(c.pk) for c in clauses]
    assert '<span class="clause-number">2.</span> Second</a>' in toc
    assert "Removed" not in toc
    marks = re.findall(r'class="toc-mark toc-(\w+)"', toc)
    assert marks == ["silent", "adopted", "silent"]
    for clause in clauses:
        assert f'id="clause-{clause.pk}"' in page


def test_a_reference_charter_has_contents_without_consensus_marks(client, db):
    from charter.models import Charter

    reference = Charter.objects.create(title="Rules", slug="rules", status="reference")
    make_clause(charter=reference, title="One")
    make_clause(charter=reference, title="Two")
    toc = client.get(reference.get_absolute_url()).text.split('class="toc"')[1]
    assert "toc-mark" not in toc.split("</nav>")[0]


def test_neighbours_are_the_live_clauses_before_and_after(clauses):
    first, second, third = clauses
    assert clause_neighbours(first) == (None, second)
    assert clause_neighbours(second) == (first, third)
    assert clause_neighbours(third) == (second, None)


def test_neighbours_come_from_one_query(clauses, django_assert_num_queries):
    # Views load the clause with its charter (get_clause); so does this test.
    assert clauses[1].charter
    with django_assert_num_queries(1):
        clause_neighbours(clauses[1])


def test_clauses_sharing_a_position_keep_the_charter_pages_order(charter):
    a = make_clause(charter=charter, title="A", position=5)
    b = make_clause(charter=charter, title="B", position=5)
    assert clause_neighbours(a) == (None, b)
    assert clause_neighbours(b) == (a, None)


def test_the_clause_page_links_to_the_previous_and_next_clause(client, clauses):
    first, second, third = clauses
    page = client.get(second.get_absolute_url()).text
    nav = page.split('class="clause-nav"')[1].split("</nav>")[0]
    assert f'href="{first.get_absolute_url()}" rel="prev"' in nav
    assert f'href="{third.get_absolute_url()}" rel="next"' in nav
    first_page = client.get(first.get_absolute_url()).text
    assert 'rel="prev"' not in first_page.split('class="clause-nav"')[1].split("</nav>")[0]


def test_a_moderator_reading_a_removed_clause_gets_its_live_neighbours(client, mod, clauses):
    first, second, third = clauses
    removed = second.charter.clauses.get(title="Removed")
    client.force_login(mod)
    nav = client.get(removed.get_absolute_url()).text.split('class="clause-nav"')[1]
    assert f'href="{second.get_absolute_url()}" rel="prev"' in nav
    assert f'href="{third.get_absolute_url()}" rel="next"' in nav
