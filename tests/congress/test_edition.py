"""The critical edition: congress.selectors.edition and its page and PDF."""

import html
import subprocess

import pytest

from charter.models import Charter, Clause
from congress.selectors import edition as reads
from congress.services.signing import congress_sign
from congress.views import edition as edition_views
from tests.conftest import make_charter, make_clause, make_tendency, make_voter, revise_clause
from tests.congress.editions import circle, clause_row, make_congress, voice

HOSTILE = "<script>alert(1)</script>"


def edition_url(charter, **query) -> str:
    url = f"/charters/{charter.slug}/edition/"
    return url + (f"?congress={query['congress']}" if query else "")


def pdf_url(charter, **query) -> str:
    url = f"/charters/{charter.slug}/edition.pdf"
    return url + (f"?congress={query['congress']}" if query else "")


def pdf_text(content: bytes) -> str:
    """The PDF's text as poppler reads it, lines joined: the test reads what a reader would."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


@pytest.fixture
def congress(charter, clause, alice, bob, bakunin, rosa):
    """The Chicago Congress: two clauses, one carried with dissent, one blocked."""
    revise_clause(clause, bob, clause.body + " Freedom without socialism is privilege.")
    second = make_clause(charter=charter, title="Councils", body="All power to the *councils*.")
    closed = make_congress(
        charter,
        rows=[
            clause_row(
                clause,
                carried_by=[circle(rosa.tendency), circle(bakunin.tendency)],
                dissent=[voice(bakunin, reason="The state must go, not be captured.")],
                amendments=[17],
            ),
            clause_row(
                second,
                status="contested",
                blocked_by=[circle(bakunin.tendency)],
                dissent=[voice(bakunin, position="abstain", reason="")],
            ),
        ],
        adopted=1,
        rejected=2,
    )
    congress_sign(congress_id=closed.pk, user=alice)
    congress_sign(congress_id=closed.pk, user=bob)
    return closed


# The selector


def test_the_edition_follows_the_record_clause_by_clause(congress):
    data = reads.edition(congress)
    assert [(c.number, c.title, c.status) for c in data.clauses] == [
        (1, "Solidarity across borders", "adopted"),
        (2, "Councils", "contested"),
    ]
    assert data.clauses[1].html == "<p>All power to the <em>councils</em>.</p>"
    assert [c.name for c in data.clauses[0].carried_by] == ["Spartacists", "Anarchists"]
    assert [v.sentence for v in data.clauses[0].dissent] == [
        "Mikhail Bakunin (Anarchists) opposes: The state must go, not be captured."
    ]
    assert data.clauses[1].dissent[0].sentence == "Mikhail Bakunin (Anarchists) abstains."
    assert (data.adopted, data.rejected, data.signature_count) == (1, 2, 2)


def test_the_words_are_credited_to_the_circles_that_wrote_them(congress, bakunin):
    first = reads.edition(congress).clauses[0]
    assert [(s.tendency, s.text.strip()) for s in first.segments] == [
        (None, "Workers of all lands share one cause."),
        (bakunin.tendency, "Freedom without socialism is privilege."),
    ]
    assert first.segments[-1].offset + first.segments[-1].width == pytest.approx(100)
    assert {share.tendency: share.words for share in first.shares} == {
        None: 7,
        bakunin.tendency: 5,
    }


def test_later_edits_do_not_change_the_edition(congress, clause, alice):
    revise_clause(clause, alice, "An entirely new text.", title="Renamed")
    first = reads.edition(congress).clauses[0]
    assert first.title == "Solidarity across borders"
    assert "share one cause" in first.html
    assert "entirely new" not in first.html


def test_the_latest_closed_congress_is_the_default(charter, congress):
    make_congress(charter, title="Still sitting", closed=False, days_ago=1)
    make_congress(charter, title="Long ago", days_ago=40)
    assert reads.latest_closed_congress(charter) == congress
    assert reads.latest_closed_congress(make_charter()) is None


def test_a_record_missing_parts_still_makes_an_edition(charter, clause):
    sparse = make_congress(charter, rows=[{"id": clause.pk, "title": "Bare", "body": "Text."}])
    only = reads.edition(sparse).clauses[0]
    assert (only.title, only.html, only.dissent) == ("Bare", "<p>Text.</p>", [])
    assert only.carried_by == []


# The page


def test_the_page_shows_clauses_notes_signatories_and_dates(client, congress):
    response = client.get(edition_url(congress.charter))
    assert response.status_code == 200
    page = html.unescape(response.text)
    for expected in [
        "The Chicago Congress",
        "1.</span> Solidarity across borders",
        "2.</span> Councils",
        "All power to the <em>councils</em>.",
        "Carried by",
        "Blocked by",
        "Mikhail Bakunin (Anarchists) opposes: The state must go, not be captured.",
        "Mikhail Bakunin (Anarchists) abstains.",
        "amendment 17 adopted at this congress",
        "1 adopted, 2 rejected",
        # The dates, written the site's one way.
        congress.opens_at.strftime("%-d %B %Y"),
        congress.closed_at.strftime("%-d %B %Y"),
    ]:
        assert expected in page, expected
    signatories = page[page.index('id="signatures"') :]
    assert signatories.index("Spartacists") < signatories.index("Rosa Luxemburg")
    assert signatories.index("Anarchists") < signatories.index("Mikhail Bakunin")
    assert 'class="strip-segment t-' in page
    assert f"edition.pdf?congress={congress.pk}" in page


def test_hostile_text_in_the_record_is_escaped(client, charter, clause, bakunin):
    make_congress(
        charter,
        title=f"Congress {HOSTILE}",
        rows=[
            clause_row(
                clause,
                title=f"Title {HOSTILE}",
                body=f"Body {HOSTILE} [x](javascript:alert(1))",
                dissent=[voice(bakunin, reason=HOSTILE)],
                carried_by=[{"id": 1, "name": HOSTILE, "slug": "x", "colour": "red;}<b>"}],
            )
        ],
    )
    page = client.get(edition_url(charter)).text
    assert "<script>" not in page
    assert 'href="javascript' not in page
    assert "opposes: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Title &lt;script&gt;" in page
    assert "red;}" not in page


def test_an_older_closed_congress_can_be_asked_for(client, charter, congress, clause):
    older = make_congress(
        charter, title="The London Conference", days_ago=30, rows=[clause_row(clause)]
    )
    latest = client.get(edition_url(charter)).text
    assert "The Chicago Congress" in latest
    assert f'href="?congress={older.pk}"' in latest
    page = client.get(edition_url(charter, congress=older.pk)).text
    assert "The London Conference" in page


@pytest.mark.parametrize("asked", ["open", "other", "unknown", "junk"])
def test_a_congress_that_is_not_a_closed_one_of_this_charter_is_not_found(
    client, charter, congress, asked
):
    choices = {
        "open": lambda: make_congress(charter, closed=False, days_ago=1).pk,
        "other": lambda: make_congress(make_charter()).pk,
        "unknown": lambda: 987654,
        "junk": lambda: "²",
    }
    response = client.get(edition_url(charter, congress=choices[asked]()))
    assert response.status_code == 404
    assert "There is no closed congress with that number" in response.text


def test_before_any_congress_closes_the_page_says_so(client, charter):
    make_congress(charter, closed=False, days_ago=1)
    response = client.get(edition_url(charter))
    assert response.status_code == 404
    assert "No critical edition yet" in response.text
    assert "No congress on <em>Virtual Charter</em> has closed yet" in response.text
    assert client.get(pdf_url(charter)).status_code == 404


def test_a_reference_charter_says_it_has_no_edition(client, db):
    reference = make_charter(status=Charter.Status.REFERENCE)
    response = client.get(edition_url(reference))
    assert response.status_code == 404
    assert "is a reference charter: it is here to learn from" in response.text


def test_a_player_who_has_not_signed_is_offered_the_sign_button(client, congress):
    client.force_login(make_voter(name="Emma Goldman"))
    page = client.get(edition_url(congress.charter)).text
    assert "Sign as Emma Goldman" in page
    assert f'action="/charters/{congress.charter.slug}/congresses/{congress.pk}/sign/"' in page


def test_a_signatory_sees_their_signature_instead(alice_client, congress):
    page = alice_client.get(edition_url(congress.charter)).text
    assert "Sign as" not in page
    assert "You signed as <strong>Rosa Luxemburg</strong>" in page


def test_a_visitor_is_told_how_to_sign(client, congress):
    page = client.get(edition_url(congress.charter)).text
    assert "Log in and pick a persona to sign the charter." in page


def test_a_new_signature_shows_on_the_cached_page(client, congress):
    client.get(edition_url(congress.charter))  # cached for visitors
    congress_sign(congress_id=congress.pk, user=make_voter(name="Joe Hill"))
    assert "Joe Hill" in client.get(edition_url(congress.charter)).text


def test_the_page_is_read_only(alice_client, congress):
    assert alice_client.post(edition_url(congress.charter)).status_code == 405
    assert alice_client.post(pdf_url(congress.charter)).status_code == 405


@pytest.mark.parametrize("size", [2, 30])
def test_the_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_max_num_queries, charter, size
):
    players = [make_voter(tendency=make_tendency()) for _ in range(size)]
    rows = []
    for n in range(size):
        clause = make_clause(charter=charter, title=f"Clause {n}")
        revise_clause(clause, players[n], clause.body + f" Words of player {n}.")
        rows.append(clause_row(clause, dissent=[voice(players[n].player.persona, reason="No.")]))
    congress = make_congress(charter, rows=rows)
    for user in players:
        congress_sign(congress_id=congress.pk, user=user)
    client.force_login(players[0])
    with django_assert_max_num_queries(9):
        response = client.get(edition_url(charter))
    assert response.text.count('class="edition-clause"') == size
    assert response.text.count('<span class="meta">played by') == size


# The PDF


def test_the_pdf_holds_the_clauses_dissent_signatories_and_title(client, congress):
    response = client.get(pdf_url(congress.charter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    day = congress.closed_at.date().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="virtual-charter-critical-edition-{day}.pdf"'
    )
    text = pdf_text(response.content)
    for expected in [
        "The Chicago Congress",
        "Solidarity across borders",
        "Councils",
        "The state must go, not be captured.",
        "Mikhail Bakunin",
        "Rosa Luxemburg",
        "Spartacists",
        "Carried by",
    ]:
        assert expected in text, expected


def test_hostile_text_is_printed_as_text_in_the_pdf(client, charter, clause, bakunin):
    make_congress(charter, rows=[clause_row(clause, dissent=[voice(bakunin, reason=HOSTILE)])])
    text = pdf_text(client.get(pdf_url(charter)).content)
    assert f"opposes: {HOSTILE}" in text


def test_the_pdf_is_made_once_until_someone_signs(client, congress, monkeypatch):
    made = []
    real = edition_views._pdf
    monkeypatch.setattr(edition_views, "_pdf", lambda data: made.append(1) or real(data))
    first = client.get(pdf_url(congress.charter)).content
    assert client.get(pdf_url(congress.charter)).content == first
    assert len(made) == 1
    congress_sign(congress_id=congress.pk, user=make_voter(name="Joe Hill"))
    assert "Joe Hill" in pdf_text(client.get(pdf_url(congress.charter)).content)
    assert len(made) == 2


def test_each_language_has_its_own_pdf(client, congress, monkeypatch):
    made = []
    real = edition_views._pdf
    monkeypatch.setattr(edition_views, "_pdf", lambda data: made.append(1) or real(data))
    client.get(pdf_url(congress.charter))
    client.get("/fr" + pdf_url(congress.charter))
    client.get("/fr" + pdf_url(congress.charter))
    # English and French, each made once: a reader never gets a copy in another language.
    assert len(made) == 2


def test_an_older_congress_has_its_own_pdf(client, charter, congress, clause):
    older = make_congress(
        charter, title="The London Conference", days_ago=30, rows=[clause_row(clause)]
    )
    text = pdf_text(client.get(pdf_url(charter, congress=older.pk)).content)
    assert "The London Conference" in text
    assert "The Chicago Congress" not in text


def test_a_clause_removed_since_still_prints(client, congress, clause):
    Clause.objects.filter(pk=clause.pk).update(is_removed=True)
    assert "Solidarity across borders" in pdf_text(client.get(pdf_url(congress.charter)).content)
