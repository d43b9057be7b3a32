import pytest
from django.urls import reverse

from charter.models import Charter
from charter.services import revisions
from tests.conftest import make_charter, make_clause


def test_home_lists_charters_and_circles(client, clause, rosa):
    response = client.get("/")
    assert response.status_code == 200
    assert "Virtual Charter" in response.text
    assert "Spartacists" in response.text


def test_charter_page_shows_clauses_in_order_with_rendered_text(client, charter):
    make_clause(charter=charter, title="Second", body="Two", position=2)
    make_clause(charter=charter, title="First", body="*One*", position=1)
    response = client.get(charter.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert text.index("First") < text.index("Second")
    assert "<em>One</em>" in text
    assert "Everything that tends to unite us globally" in text


def test_charter_page_hides_removed_clauses(client, charter):
    make_clause(charter=charter, title="Gone clause", is_removed=True)
    response = client.get(charter.get_absolute_url())
    assert "Gone clause" not in response.text


def test_reference_charter_links_to_its_original_text(client, db):
    charter = make_charter(status=Charter.Status.REFERENCE, source_url="https://example.org/rules")
    response = client.get(charter.get_absolute_url())
    assert 'href="https://example.org/rules"' in response.text
    assert "Reference (read-only)" in response.text


def test_unknown_charter_is_a_404_page(client, db):
    response = client.get("/charters/no-such-charter/")
    assert response.status_code == 404
    assert "Not found" in response.text


def test_clause_page_shows_text_and_last_change(client, clause):
    response = client.get(clause.get_absolute_url())
    assert response.status_code == 200
    assert "Workers of all lands share one cause." in response.text
    assert "revision 1" in response.text
    assert f'href="/feeds/clauses/{clause.pk}/comments/"' in response.text  # discoverable feed


def test_clause_of_another_charter_is_a_404(client, clause):
    other = make_charter()
    response = client.get(f"/charters/{other.slug}/clauses/{clause.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path", ["/charters/virtual-charter/clauses/999999/", "/charters/virtual-charter/clauses/abc/"]
)
def test_unknown_clause_ids_are_404(client, charter, path):
    assert client.get(path).status_code == 404


def test_removed_clause_answers_a_tombstone_to_visitors(client, charter, alice):
    clause = make_clause(charter=charter, title="Secret title", body="Secret words")
    revisions.clause_remove(clause_id=clause.pk, user=alice, reason="Duplicates clause 2")
    for path in ["", "history/", "diff/", "attribution/"]:
        response = client.get(f"{clause.get_absolute_url()}{path}")
        assert response.status_code == 410, path
    text = response.text
    assert "This clause has been removed" in text
    assert "Duplicates clause 2" in text and "Rosa Luxemburg" in text
    assert "Secret title" not in text and "Secret words" not in text


def test_removed_clause_stays_visible_to_moderators(client, charter, mod):
    clause = make_clause(charter=charter, is_removed=True)
    client.force_login(mod)
    response = client.get(clause.get_absolute_url())
    assert response.status_code == 200
    assert "removed" in response.text


def test_reference_clause_explains_why_it_cannot_be_edited(client, db):
    charter = make_charter(status=Charter.Status.REFERENCE)
    clause = make_clause(charter=charter)
    response = client.get(clause.get_absolute_url())
    assert "reference charter" in response.text


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_refuses_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405


def test_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
