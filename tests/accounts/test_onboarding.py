"""A newcomer is led to pick a persona and brought back to the page they came from."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User

from personas.models import Player
from tests.conftest import sign_up

HALL_WITH_NEXT = re.compile(r'href="/personas/\?next=([^"]+)"')


def hall_links(page: str) -> list[str]:
    return HALL_WITH_NEXT.findall(page)


def encoded(path: str) -> str:
    """`path` as the templates' urlencode filter writes it into a query string."""
    return quote(path, safe="/")


def test_every_pick_a_persona_notice_on_a_clause_page_links_to_the_hall_with_next(
    client, charlie, clause
):
    client.force_login(charlie)
    page = client.get(clause.get_absolute_url()).text
    url = encoded(clause.get_absolute_url())
    assert page.count("Pick a persona to speak as before you") == 3
    # The header link, then editing, stances and the debate: each comes back here.
    assert hall_links(page) == [url, url, f"{url}%23stances", f"{url}%23reply-form"]


def test_a_visitor_is_offered_log_in_and_sign_up_that_come_back(client, clause):
    page = client.get(clause.get_absolute_url()).text
    url = encoded(clause.get_absolute_url())
    assert f'href="/accounts/signup/?next={url}%23stances"' in page
    assert f'href="/accounts/login/?next={url}%23reply-form"' in page


def test_the_hall_carries_next_to_every_persona_link(client, rosa, bakunin):
    page = client.get("/personas/", {"next": "/charters/virtual-charter/"}).text
    assert 'href="/personas/rosa-luxemburg/?next=%2Fcharters%2Fvirtual-charter%2F"' in page
    assert 'href="/personas/mikhail-bakunin/?next=%2Fcharters%2Fvirtual-charter%2F"' in page
    assert "you will go straight back" in page


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_hall_and_persona_pages_drop_a_next_that_leaves_the_site(client, rosa, unsafe):
    hall = client.get("/personas/", {"next": unsafe}).text
    assert "?next=" not in hall.split("<main")[1]
    assert "straight back" not in hall
    persona = client.get("/personas/rosa-luxemburg/", {"next": unsafe}).text
    assert 'name="next"' not in persona and "where you were" not in persona


def test_the_persona_page_keeps_next_in_its_play_form(client, charlie, rosa):
    client.force_login(charlie)
    page = client.get("/personas/rosa-luxemburg/", {"next": "/charters/x/#stances"}).text
    assert '<input type="hidden" name="next" value="/charters/x/#stances">' in page


def test_sign_up_then_the_hall_then_play_leads_back_to_the_page(client, rosa, clause):
    back = clause.get_absolute_url() + "#stances"
    response = sign_up(client, "newcomer", url=f"/accounts/signup/?next={back}", next=back)
    hall = response["Location"]
    assert hall.startswith("/personas/?next=")
    page = client.get(hall).text
    assert f'href="/personas/rosa-luxemburg/?next={quote(back, safe="")}"' in page
    response = client.post("/personas/rosa-luxemburg/play/", {"next": back})
    assert response["Location"] == back
    player = Player.objects.get(user=User.objects.get(username="newcomer"))
    assert player.persona == rosa


def test_signing_up_on_the_way_to_the_hall_needs_no_detour(client, db):
    response = sign_up(client, "newcomer", next="/personas/emma-goldman/")
    assert response["Location"] == "/personas/emma-goldman/"


def test_a_visitor_who_presses_play_logs_in_and_keeps_next(client, rosa):
    response = client.post("/personas/rosa-luxemburg/play/", {"next": "/charters/x/"})
    assert response["Location"] == (
        "/accounts/login/?next=/personas/rosa-luxemburg/%3Fnext%3D%252Fcharters%252Fx%252F"
    )


def test_a_refused_flag_asks_for_a_persona_with_a_link_back(client, charlie, clause):
    client.force_login(charlie)
    response = client.post(f"{clause.get_absolute_url()}flag/", {"reason": "spam"})
    assert response.status_code == 403
    assert "Pick a persona to speak as before you flag it." in response.text
    assert hall_links(response.text)[-1] == encoded(clause.get_absolute_url())


def test_the_header_asks_a_player_without_a_persona_to_pick_one_and_come_back(
    client, charlie, clause
):
    client.force_login(charlie)
    page = client.get(clause.get_absolute_url() + "history/").text
    assert 'class="playing playing-none" href="/personas/?next=' in page


def test_a_refused_stance_asks_for_a_persona_with_a_link_and_keeps_the_reason(
    client, charlie, clause
):
    client.force_login(charlie)
    response = client.post(
        f"{clause.get_absolute_url()}stance/",
        {"position": "support", "reason": "Typed first", "revision_number": 1},
    )
    assert response.status_code == 403
    assert response.text.count("Pick a persona to speak as before you take a stance.") == 1
    assert encoded(clause.get_absolute_url()) + "%23stances" in hall_links(response.text)
    assert "Typed first" in response.text


def test_a_refused_comment_asks_for_a_persona_with_a_link_and_keeps_the_text(
    client, charlie, clause
):
    client.force_login(charlie)
    response = client.post(f"{clause.get_absolute_url()}comments/", {"body": "My words"})
    assert response.status_code == 403
    assert encoded(clause.get_absolute_url()) + "%23reply-form" in hall_links(response.text)
    assert "My words" in response.text


def test_the_sign_up_page_offers_logging_in_with_the_same_next(client, db):
    page = client.get("/accounts/signup/", {"next": "/charters/x/"}).text
    assert 'href="/accounts/login/?next=/charters/x/"' in page
