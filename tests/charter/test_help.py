"""The How to play page, and the ways a newcomer finds it."""

import pytest

from charter.consensus import MIN_TENDENCIES
from personas.models import Persona
from tests.conftest import make_user


@pytest.fixture
def page(client, seeded) -> str:
    response = client.get("/help/")
    assert response.status_code == 200
    return response.text


def test_it_explains_every_part_of_the_game(page):
    anchors = ["personas", "editing", "debate", "stances", "groups", "minimum-program", "rule"]
    for anchor in [*anchors, "models"]:
        assert f'id="{anchor}"' in page
        assert f'href="#{anchor}"' in page


def test_it_states_the_fair_rule_with_the_live_number_of_circles(page):
    assert f"members of at least {MIN_TENDENCIES} circles" in page
    assert "in <em>none</em> of those circles does opposition reach support" in page
    assert "Abstaining never blocks" in page


def test_it_shows_the_guiding_rule_and_links_the_model_charters(page):
    assert "Everything that tends to unite us globally" in page
    assert 'href="/charters/iwa-general-rules-1864/"' in page
    assert 'href="/charters/iww-preamble-1905/"' in page


def test_it_lists_the_circles_and_says_which_has_no_persona_yet(page):
    assert page.count('<li><svg class="swatch"') == 13
    assert 'Global justice movements</a> <span class="count">no persona yet' in page


def test_without_the_model_charters_it_still_describes_them(client, db):
    page = client.get("/help/").text
    assert "The General Rules of the International Workingmen’s Association (1864)" in page
    assert "/charters/iwa-general-rules-1864/" not in page


def test_only_get_is_answered(client, db):
    assert client.post("/help/").status_code == 405


def test_its_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/help/")


def test_the_header_links_to_it_on_every_page(client, seeded):
    assert '<a href="/help/">How to play</a>' in client.get("/recent/").text


@pytest.mark.parametrize("path", ["/", "/personas/", "/charters/virtual-charter/"])
def test_first_visit_notices_link_to_it_for_visitors(client, seeded, path):
    assert 'class="first-visit"' in client.get(path).text


def test_players_with_a_persona_do_not_get_the_first_visit_notice(client, seeded):
    client.force_login(make_user("alice", persona=Persona.objects.get(slug="rosa-luxemburg")))
    assert 'class="first-visit"' not in client.get("/").text
