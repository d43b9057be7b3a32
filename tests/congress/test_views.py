"""Amendments and congresses over HTTP, as browsers drive them: GET the form, then POST it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charter.models import Clause
from congress.models import Amendment, AmendmentStance, Congress
from tests.conftest import make_clause, make_user, make_voter, revise_clause
from tests.congress.helpers import circles_take, convene, propose
from tests.forms import form_fields

pytestmark = pytest.mark.django_db


def _new_url(clause: Clause) -> str:
    return f"{clause.get_absolute_url()}amendments/new/"


def test_proposing_an_amendment_from_the_form_it_was_shown(client, clause, alice):
    client.force_login(alice)
    page = client.get(_new_url(clause))
    assert page.status_code == 200
    fields = form_fields(page.text, "clause-form")
    assert fields["body"] == clause.body and fields["title"] == clause.title
    fields.update(body=clause.body + " Everywhere.", rationale="Say *where*.")
    response = client.post(_new_url(clause), fields)
    amendment = Amendment.objects.get()
    assert response.status_code == 302 and response["Location"] == amendment.get_absolute_url()
    page = client.get(amendment.get_absolute_url())
    assert "<ins> Everywhere.</ins>" in page.text
    assert "Say *where*." in page.text  # the rationale is plain text on the page
    assert "Proposes" in client.get(clause.get_absolute_url()).text


def test_bad_input_keeps_the_text_and_says_what_is_wrong(client, clause, alice):
    client.force_login(alice)
    fields = form_fields(client.get(_new_url(clause)).text, "clause-form")
    long = "x" * 20_001
    response = client.post(_new_url(clause), {**fields, "body": long})
    assert response.status_code == 400
    assert "20,000" in response.text and long in response.text
    response = client.post(_new_url(clause), {**fields, "body": "nul\x00here"})
    assert response.status_code == 400
    response = client.post(_new_url(clause), fields)
    assert response.status_code == 400 and "change something" in response.text
    assert not Amendment.objects.exists()


def test_visitors_are_sent_to_log_in_and_players_without_persona_told_why(client, clause, charlie):
    response = client.get(_new_url(clause))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(charlie)
    response = client.get(_new_url(clause))
    assert response.status_code == 403 and "Pick a persona" in response.text


def test_a_stance_on_an_amendment_through_its_page(client, clause, alice, bob):
    amendment = propose(clause, alice, "Other words.")
    client.force_login(bob)
    page = client.get(amendment.get_absolute_url())
    fields = form_fields(page.text, "/stance/")
    fields.update(position="oppose", reason="<script>alert(1)</script>")
    response = client.post(f"{amendment.get_absolute_url()}stance/", fields)
    assert response.status_code == 302
    page = client.get(amendment.get_absolute_url())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert(1)" not in page.text
    assert AmendmentStance.objects.get().position == "oppose"


def test_a_stance_on_a_text_revised_meanwhile_is_refused_and_the_reason_kept(
    client, clause, alice, bob
):
    amendment = propose(clause, alice, "Other words.")
    client.force_login(bob)
    fields = form_fields(client.get(amendment.get_absolute_url()).text, "/stance/")
    from congress.services.amendments import amendment_revise

    amendment_revise(
        amendment_id=amendment.pk,
        user=alice,
        title=clause.title,
        body="Newer words.",
        rationale="",
        seen_revision_number=1,
    )
    fields.update(position="support", reason="I read the first text.")
    response = client.post(f"{amendment.get_absolute_url()}stance/", fields)
    assert response.status_code == 409
    assert "revised while you were deciding" in response.text
    assert "I read the first text." in response.text
    assert not AmendmentStance.objects.exists()


def test_the_author_revises_from_the_form_and_a_second_tab_is_refused(client, clause, alice):
    amendment = propose(clause, alice, "First.")
    client.force_login(alice)
    url = f"{amendment.get_absolute_url()}edit/"
    tab_one = form_fields(client.get(url).text, "clause-form")
    tab_two = dict(tab_one)
    assert client.post(url, {**tab_one, "body": "From tab one."}).status_code == 302
    response = client.post(url, {**tab_two, "body": "From tab two."})
    assert response.status_code == 409 and "From tab two." in response.text
    assert Amendment.objects.get().body == "From tab one."


def test_others_cannot_open_the_edit_form(client, clause, alice, bob):
    amendment = propose(clause, alice, "First.")
    client.force_login(bob)
    assert client.get(f"{amendment.get_absolute_url()}edit/").status_code == 403
    assert client.post(f"{amendment.get_absolute_url()}withdraw/").status_code == 302
    assert Amendment.objects.get().status == "open"


def test_a_conflicting_rebase_shows_both_changes_and_resolving_rebases(client, clause, alice, bob):
    amendment = propose(clause, alice, "Workers of every land share one cause.")
    revise_clause(clause, bob, "Workers of all lands share one struggle.")
    client.force_login(alice)
    page = client.get(amendment.get_absolute_url())
    assert "has changed since this amendment was written" in page.text
    response = client.post(f"{amendment.get_absolute_url()}rebase/")
    assert response.status_code == 409 and "What the clause changed" in response.text
    fields = form_fields(response.text, "clause-form")
    assert fields["onto_clause_revision"] == "2"
    fields["body"] = "Workers of every land share one struggle."
    response = client.post(f"{amendment.get_absolute_url()}edit/", fields)
    assert response.status_code == 302
    amendment = Amendment.objects.select_related("clause").get()
    assert amendment.state == "open" and amendment.base_revision_number == 2


def test_convening_is_for_moderators_and_closes_direct_edits(client, charter, clause, alice, mod):
    client.force_login(alice)
    assert client.get(f"/charters/{charter.slug}/congresses/new/").status_code == 403
    client.force_login(mod)
    url = f"/charters/{charter.slug}/congresses/new/"
    fields = form_fields(client.get(url).text, "congress-form")
    now = timezone.now()
    fields.update(
        title="Chicago, 1905 again",
        opens_at=(now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
        closes_at=(now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    )
    response = client.post(url, fields)
    congress = Congress.objects.get()
    assert response.status_code == 302 and response["Location"] == congress.get_absolute_url()
    client.force_login(alice)
    edit = client.get(f"{clause.get_absolute_url()}edit/")
    assert edit.status_code == 403 and "A congress sits on this charter" in edit.text
    charter_page = client.get(charter.get_absolute_url())
    assert "A congress is convened on this charter" in charter_page.text
    assert "Add a clause" not in charter_page.text


def test_a_bad_schedule_is_refused_with_the_form_kept(client, charter, mod):
    client.force_login(mod)
    url = f"/charters/{charter.slug}/congresses/new/"
    fields = form_fields(client.get(url).text, "congress-form")
    fields.update(title="C", opens_at="2030-01-02T10:00", closes_at="2030-01-01T10:00")
    response = client.post(url, fields)
    assert response.status_code == 400 and "close after it opens" in response.text
    fields.update(opens_at="not a date")
    assert client.post(url, fields).status_code == 400
    assert not Congress.objects.exists()


def test_the_congress_page_closes_and_shows_the_minutes(client, charter, clause, alice, mod):
    second = make_clause(charter=charter, title="Peace", body="No war.")
    congress = convene(charter, mod)
    carried = propose(clause, alice, "Workers of all lands share one cause, and one hope.")
    circles_take(carried, "support", "support", "support")
    blocked = propose(second, alice, "No war, <b>ever</b>.", title="Peace [x](javascript:alert(1))")
    circles_take(blocked, "support", "support")
    blocker = make_voter(name="Mikhail Bakunin II")
    from congress.services.amendments import amendment_stance_take

    amendment_stance_take(
        amendment_id=blocked.pk, user=blocker, position="oppose", reason="*Some* wars free."
    )
    client.force_login(alice)
    page = client.get(congress.get_absolute_url())
    assert "Before the congress (2 open amendments)" in page.text
    assert "Close the congress" not in page.text
    assert client.post(f"{congress.get_absolute_url()}close/").status_code == 302
    assert not Congress.objects.get().is_closed
    client.force_login(mod)
    page = client.get(congress.get_absolute_url())
    fields = form_fields(page.text, "/close/")
    response = client.post(f"{congress.get_absolute_url()}close/", fields, follow=True)
    assert "1 amendment adopted, 1 rejected" in response.text
    assert "The congress judged 2 amendments" in response.text
    circle = blocker.player.persona.tendency.name
    assert f"Blocked by {circle}" in response.text
    assert "Mikhail Bakunin II" in response.text and "*Some* wars free." in response.text
    markdown = client.get(f"{congress.get_absolute_url()}minutes.md")
    assert markdown["Content-Type"].startswith("text/markdown")
    text = markdown.content.decode()
    assert (
        "Peace \\[x\\]\\(javascript:alert\\(1\\)\\)" in text and "&lt;b&gt;ever&lt;/b&gt;" in text
    )
    assert "\\*Some\\* wars free." in text and f"**Blocked by {circle}.**" in text
    client.force_login(alice)
    page = client.get(congress.get_absolute_url())
    fields = form_fields(page.text, "sign-form")
    assert client.post(f"{congress.get_absolute_url()}sign/", fields).status_code == 302
    signed = client.get(congress.get_absolute_url()).text
    assert "You signed as <strong>Rosa Luxemburg</strong>" in signed
    clause.refresh_from_db()
    history = client.get(f"{clause.get_absolute_url()}history/")
    assert "amended by congress" in history.text


def test_minutes_wait_for_the_closing(client, charter, mod):
    congress = convene(charter, mod)
    assert client.get(f"{congress.get_absolute_url()}minutes.md").status_code == 404


def test_unknown_and_foreign_ids_are_404(client, charter, clause, alice):
    amendment = propose(clause, alice, "Other words.")
    other = make_clause(title="Elsewhere")
    assert (
        client.get(f"/charters/{other.charter.slug}/amendments/{amendment.pk}/").status_code == 404
    )
    assert client.get(f"/charters/{charter.slug}/amendments/999999/").status_code == 404
    assert client.get(f"/charters/{charter.slug}/congresses/999999/").status_code == 404
    assert client.get(f"/charters/{charter.slug}/amendments/²/").status_code == 404


def test_the_amendment_list_groups_by_state(client, charter, clause, alice):
    open_one = propose(clause, alice, "Other words.")
    withdrawn = propose(clause, alice, "Yet other words.")
    from congress.services.amendments import amendment_withdraw

    amendment_withdraw(amendment_id=withdrawn.pk, user=alice)
    page = client.get(f"/charters/{charter.slug}/amendments/")
    assert page.status_code == 200
    assert page.text.index(f"Amendment {open_one.pk}:") < page.text.index("Withdrawn (1)")


@pytest.mark.parametrize("size", [2, 20])
def test_pages_cost_the_same_with_more_amendments_and_stances(
    client, django_assert_max_num_queries, charter, clause, alice, mod, size
):
    congress = convene(charter, mod)
    amendments = [propose(clause, alice, f"Text number {n}.") for n in range(size)]
    for amendment in amendments[:3]:
        circles_take(amendment, *["support"] * (size // 2))
    client.force_login(make_user("reader", persona=alice.player.persona))
    with django_assert_max_num_queries(12):
        assert client.get(amendments[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(congress.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/charters/{charter.slug}/amendments/").status_code == 200
    client.force_login(mod)
    client.post(f"{congress.get_absolute_url()}close/")
    with django_assert_max_num_queries(12):
        assert client.get(congress.get_absolute_url()).status_code == 200
