"""The stance form on the clause page, the POST view behind it, and stale stances."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from charter.models import STANCE_REASON_MAX, Charter, Clause, Stance
from personas.models import Player
from tests.conftest import (
    make_charter,
    make_clause,
    make_stance,
    make_tendency,
    make_voter,
    revise_clause,
)

CLAUSE_PAGE_CEILING = 12


def stance_url(clause: Clause) -> str:
    return f"{clause.get_absolute_url()}stance/"


def post_stance(client: Client, clause: Clause, **fields):
    data = {"position": "support", "reason": "", "revision_number": clause_number(clause)}
    data.update(fields)
    return client.post(stance_url(clause), data)


def clause_number(clause: Clause) -> int:
    return Clause.objects.values_list("revision_number", flat=True).get(pk=clause.pk)


def reaffirm_fields(page: str) -> dict[str, str]:
    """The hidden inputs of the page's reaffirm form, as a browser would send them."""
    form = re.search(r"<form[^>]*>(?:(?!</form>).)*Reaffirm for the current text", page, re.S)
    assert form, "the page offers no reaffirm button"
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(0))
    return {name: html.unescape(value) for name, value in fields}


# Taking a stance


def test_a_player_takes_a_stance_and_sees_it_counted(alice_client, clause, alice):
    response = post_stance(alice_client, clause, position="support", reason="Borders divide us.")
    assert response.status_code == 302
    assert response.url == f"{clause.get_absolute_url()}#stances"
    stance = Stance.objects.get(user=alice, clause=clause)
    assert (stance.position, stance.reason, stance.clause_revision_number) == (
        "support",
        "Borders divide us.",
        1,
    )
    page = alice_client.get(response.url).text
    assert "Stance recorded as Rosa Luxemburg: you support" in page
    assert "1 support" in page
    assert "Borders divide us." in page
    assert re.search(r'name="position" value="support"[^>]*checked', page)


def test_changing_a_stance_through_the_page_keeps_the_earlier_one(alice_client, clause, alice):
    post_stance(alice_client, clause, position="support")
    post_stance(alice_client, clause, position="oppose", reason="Too vague.")
    stances = Stance.objects.filter(user=alice, clause=clause)
    assert stances.count() == 2
    assert stances.get(is_current=True).position == "oppose"
    assert "1 oppose" in alice_client.get(clause.get_absolute_url()).text


def test_an_abstention_is_announced_in_plain_words(alice_client, clause):
    response = post_stance(alice_client, clause, position="abstain")
    page = alice_client.get(response.url).text
    assert "you abstain on" in page


def test_tabs_and_newlines_in_reasons_are_kept(alice_client, clause, alice):
    post_stance(alice_client, clause, reason="First.\r\n\tSecond.")
    assert Stance.objects.get(user=alice).reason == "First.\n\tSecond."


# Who may


def test_anonymous_visitors_are_sent_to_log_in_and_back_to_the_clause(client, clause):
    response = post_stance(client, clause)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert f"clauses/{clause.pk}/%23stances" in response.url
    assert not Stance.objects.exists()


def test_get_is_not_allowed(alice_client, clause):
    assert alice_client.get(stance_url(clause)).status_code == 405


def test_visitors_see_the_stances_but_no_form(client, clause):
    make_stance(clause=clause, reason="For the many.")
    page = client.get(clause.get_absolute_url()).text
    assert "For the many." in page
    assert 'name="position"' not in page
    assert "Log in and pick a persona to take a stance." in page


def test_a_player_without_persona_is_refused_clearly_and_keeps_the_typed_reason(
    client, clause, charlie
):
    client.force_login(charlie)
    response = post_stance(client, clause, reason="My careful reason")
    assert response.status_code == 403
    assert "Pick a persona to speak as before you take a stance." in response.text
    assert "My careful reason" in response.text
    assert not Stance.objects.exists()


def test_a_suspended_player_is_refused_clearly(alice_client, clause, alice):
    Player.objects.filter(user=alice).update(suspended_until=timezone.now() + timedelta(days=1))
    response = post_stance(alice_client, clause, reason="Still here")
    assert response.status_code == 403
    assert "suspended" in response.text
    assert "Still here" in response.text
    assert not Stance.objects.exists()


def test_reference_charter_clauses_take_no_stances(alice_client, db):
    clause = make_clause(charter=make_charter(status=Charter.Status.REFERENCE))
    page = alice_client.get(clause.get_absolute_url()).text
    assert 'name="position"' not in page
    response = post_stance(alice_client, clause, reason="Typed anyway")
    assert response.status_code == 403
    assert "reference charter" in response.text
    assert "Typed anyway" in response.text
    assert not Stance.objects.exists()


def test_removed_clauses_take_no_stances_and_answer_gone(alice_client, charter):
    removed = make_clause(charter=charter, is_removed=True)
    assert post_stance(alice_client, removed).status_code == 410
    assert not Stance.objects.exists()


def test_moderators_reading_a_removed_clause_are_told_stances_are_closed(client, charter, mod):
    removed = make_clause(charter=charter, is_removed=True)
    client.force_login(mod)
    response = post_stance(client, removed)
    assert response.status_code == 403
    assert "This clause has been removed" in response.text
    assert not Stance.objects.exists()


@pytest.mark.parametrize("pk", [999999, 0])
def test_unknown_clauses_are_404(alice_client, charter, pk):
    assert alice_client.post(f"/charters/{charter.slug}/clauses/{pk}/stance/").status_code == 404


def test_a_clause_of_another_charter_is_404(alice_client, clause):
    other = make_charter()
    url = f"/charters/{other.slug}/clauses/{clause.pk}/stance/"
    assert alice_client.post(url, {"position": "support"}).status_code == 404


# Bad input


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"position": "maybe"}, "“maybe” is not a stance; choose support, oppose or abstain."),
        ({"position": ""}, "Choose support, oppose or abstain."),
        ({"position": "support\x00"}, "is not a stance"),
        (
            {"reason": "x" * (STANCE_REASON_MAX + 1)},
            f"A reason can be at most {STANCE_REASON_MAX} characters; this one has 501.",
        ),
        ({"reason": "kept words\x00"}, "invisible control characters"),
        ({"reason": "kept words \x1b[31m"}, "invisible control characters"),
        ({"reason": "kept words \x7f"}, "invisible control characters"),
        ({"revision_number": "abc"}, "This form names an invalid revision. Reload the page."),
        ({"revision_number": "-3"}, "This form names an invalid revision. Reload the page."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_reason(alice_client, clause, fields, message):
    fields.setdefault("reason", "kept words")
    response = post_stance(alice_client, clause, **fields)
    assert response.status_code == 400
    assert "Your stance was not recorded; see the stance form below." in response.text
    assert html.escape(message) in response.text or message in response.text
    assert "kept words" in response.text or "x" * 100 in response.text
    assert not Stance.objects.exists()


def test_a_form_read_on_an_older_text_is_refused_then_accepted_on_the_new_one(
    alice_client, clause, bob, alice
):
    seen = clause_number(clause)
    revise_clause(clause, bob, "Workers of all lands share one cause, and one future.")
    response = post_stance(alice_client, clause, revision_number=seen, reason="Read carefully")
    assert response.status_code == 409
    assert "The clause was edited while you were deciding" in response.text
    assert "Read carefully" in response.text
    assert 'name="revision_number" value="2"' in response.text
    assert not Stance.objects.exists()
    assert post_stance(alice_client, clause, revision_number=2).status_code == 302
    assert Stance.objects.get(user=alice).clause_revision_number == 2


# Stale stances


def test_a_stance_on_an_earlier_text_is_shown_as_such_and_not_counted(
    alice_client, clause, alice, bob
):
    post_stance(alice_client, clause, position="support", reason='Yes, "all" of it & more')
    stance = Stance.objects.get(user=alice)
    revise_clause(clause, bob, "Workers of all lands share one cause, and one future.")
    page = alice_client.get(clause.get_absolute_url()).text
    assert "That was on an earlier text" in page
    assert "on an earlier text</span>" in page
    assert '<a href="#stances">Stances by circle</a> · <strong>your stance is on an earlier' in page
    assert "1 stance on an earlier text, not counted until reaffirmed." in page
    assert "No stances on the current text yet." in page
    diff_link = f'href="{clause.get_absolute_url()}diff/?from={stance.clause_version_id}"'
    assert diff_link in page
    diff = alice_client.get(f"{clause.get_absolute_url()}diff/?from={stance.clause_version_id}")
    assert diff.status_code == 200
    assert "<ins>" in diff.text and "one future" in diff.text


def test_reaffirming_in_one_click_counts_the_stance_again(alice_client, clause, alice, bob):
    post_stance(alice_client, clause, position="oppose", reason='Not "all" of it\nstill & more')
    revise_clause(clause, bob, "Workers of all lands share one cause, and one future.")
    fields = reaffirm_fields(alice_client.get(clause.get_absolute_url()).text)
    assert fields["position"] == "oppose"
    response = alice_client.post(stance_url(clause), fields)
    assert response.status_code == 302
    current = Stance.objects.get(user=alice, is_current=True)
    assert (current.position, current.reason, current.clause_revision_number) == (
        "oppose",
        'Not "all" of it\nstill & more',
        2,
    )
    assert Stance.objects.filter(user=alice).count() == 2
    page = alice_client.get(response.url).text
    assert "Reaffirmed for the current text (revision 2): you oppose it." in page
    assert "That was on an earlier text" not in page
    assert "1 oppose" in page


def test_a_fresh_stance_offers_no_reaffirm_button(alice_client, clause):
    post_stance(alice_client, clause)
    assert "Reaffirm for the current text" not in alice_client.get(clause.get_absolute_url()).text


# The picture


def test_the_clause_page_draws_a_bar_per_tendency_with_counts_and_signed_reasons(client, clause):
    anarchists = make_tendency(name="Anarchists")
    councils = make_tendency(name="Council communists")
    make_stance(clause=clause, user=make_voter(tendency=anarchists, name="Louise Michel"))
    make_stance(
        clause=clause,
        user=make_voter(tendency=anarchists, name="Voline"),
        position="oppose",
        reason="<script>alert(1)</script> states again",
    )
    make_stance(
        clause=clause, user=make_voter(tendency=councils, name="Anton Pannekoek"), reason="Yes."
    )
    page = client.get(clause.get_absolute_url()).text
    assert page.count('class="stance-bar"') == 2
    assert 'class="bar-support" x="0.00" y="0" width="50.00"' in page
    assert 'class="bar-oppose" x="50.00" y="0" width="50.00"' in page
    assert '1 support</span> · <span class="tally-oppose">1 oppose' in page
    assert "Voline" in page and "opposes" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; states again" in page
    assert "<script>alert" not in page
    assert "style=" not in page.split('id="stances"')[1].split("</section>")[0]


def test_the_clause_page_says_when_a_clause_is_in_the_minimum_program(client, clause):
    for _ in range(3):
        make_stance(clause=clause)
    page = client.get(clause.get_absolute_url()).text
    assert 'In the <a href="/charters/virtual-charter/minimum-program/">minimum program</a>' in page


def stances_section(page: str) -> str:
    return page.split('id="stances"')[1].split("</section>")[0]


def test_every_stance_names_its_persona_and_player_reason_or_not(client, clause):
    anarchists = make_tendency(name="Anarchists")
    make_stance(clause=clause, user=make_voter(tendency=anarchists, name="Louise Michel"))
    make_stance(
        clause=clause,
        user=make_voter(tendency=anarchists, name="Voline"),
        reason="Federation from below.",
    )
    section = stances_section(client.get(clause.get_absolute_url()).text)
    assert "2 support</span>" in section
    # Both supporters are named, not only the one who gave a reason.
    assert "Louise Michel</a>" in section and "Voline</a>" in section
    assert section.count('class="reason reason-support"') == 2
    assert section.count('href="/players/voter') == 2
    assert section.count("<blockquote") == 1


def test_the_readers_own_stance_without_a_reason_is_listed_too(alice_client, clause, alice):
    make_stance(clause=clause, user=alice)
    section = stances_section(alice_client.get(clause.get_absolute_url()).text)
    assert 'href="/players/alice/"' in section
    assert "Rosa Luxemburg</a>" in section


def test_a_circle_that_only_abstains_is_shown_as_abstaining_not_blocking(client, clause):
    for tendency in (make_tendency(name="Anarchists"), make_tendency(name="Utopians")):
        make_stance(clause=clause, user=make_voter(tendency=tendency))
    councils = make_tendency(name="Council communists")
    make_stance(clause=clause, user=make_voter(tendency=councils), position="abstain")
    section = stances_section(client.get(clause.get_absolute_url()).text)
    council = section.split("Council communists</h3>")[1].split("</li>\n    \n")[0]
    assert "abstaining: neither carries nor blocks" in council
    assert "blocks it</strong>" not in council
    assert "Council communists only abstained: shown, but counted neither for nor against." in (
        section
    )
    # Two circles for or against: still waiting for a third, abstentions do not count.
    assert "Members of 2 circles support or oppose the current text" in section


def test_the_stance_form_says_what_abstaining_means(alice_client, clause):
    section = stances_section(alice_client.get(clause.get_absolute_url()).text)
    assert 'aria-describedby="id_stance_position_helptext"' in section
    assert "you are shown as abstaining but not counted" in section
    assert "an abstention never blocks a clause" in section
    assert 'href="/help/#stances"' in section


def test_the_summary_explains_the_fair_rule_for_an_adopted_clause(client, clause):
    for _ in range(3):
        make_stance(clause=clause)
    section = stances_section(client.get(clause.get_absolute_url()).text)
    assert (
        "members of 3 circles support or oppose the current text, and in none of them does "
        "opposition reach support" in section
    )


def test_a_tie_in_a_circle_blocks_the_clause(client, clause):
    for _ in range(3):
        make_stance(clause=clause)
    spartacists = make_tendency(name="Spartacists")
    make_stance(clause=clause, user=make_voter(tendency=spartacists))
    make_stance(clause=clause, user=make_voter(tendency=spartacists), position="oppose")
    section = stances_section(client.get(clause.get_absolute_url()).text)
    assert "by Spartacists, where opposition reaches support" in section


def _crowd(clause: Clause, size: int) -> None:
    tendencies = [make_tendency() for _ in range(6)]
    for n in range(size):
        make_stance(
            clause=clause,
            user=make_voter(tendency=tendencies[n % 6]),
            position=["support", "oppose", "abstain"][n % 3],
            reason=f"Reason {n}",
            stale=n % 7 == 0,
        )


@pytest.mark.parametrize("stances", [10, 400])
def test_clause_page_query_count_does_not_grow_with_stances(
    client, django_assert_max_num_queries, clause, alice, stances
):
    _crowd(clause, stances)
    make_stance(clause=clause, user=alice, stale=True)
    client.force_login(alice)
    with django_assert_max_num_queries(CLAUSE_PAGE_CEILING):
        response = client.get(clause.get_absolute_url())
    assert "Reaffirm for the current text" in response.text
    assert response.text.count('class="tendency-stance"') == 7
