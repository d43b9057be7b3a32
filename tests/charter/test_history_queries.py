"""History, diff, as-of and recent-changes pages: query counts do not grow with revisions.

One test per data size builds the long history once and measures every page,
because building 300 real revisions is the slow part.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from tests.conftest import make_clause, revise_clause

CEILING = 12


@pytest.mark.parametrize("size", [10, 300])
def test_revision_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, charter, alice, size
):
    clause = make_clause(charter=charter, body="Start.")
    for n in range(size - 1):
        revise_clause(clause, alice, f"Paragraph {n}.\n\nStart.", f"edit {n}")
    make_clause(charter=charter, title="A neighbour")
    oldest = Version.objects.get_for_object(clause).order_by("pk").first()
    base = clause.get_absolute_url()

    with django_assert_max_num_queries(CEILING) as captured:
        assert client.get(f"{base}history/").status_code == 200
    # History rows are described by RevisionMeta; serialized versions stay unread.
    assert not any("serialized_data" in q["sql"] for q in captured.captured_queries)

    with django_assert_max_num_queries(CEILING):
        assert client.get(f"{base}diff/?from={oldest.pk}").status_code == 200
    with django_assert_max_num_queries(CEILING):
        response = client.get(f"/charters/{charter.slug}/as-of/")
    assert "A neighbour" in response.text and f"Paragraph {size - 2}." in response.text
    with django_assert_max_num_queries(CEILING):
        assert client.get("/recent/").status_code == 200
    with django_assert_max_num_queries(CEILING):
        assert client.get("/feeds/recent/").status_code == 200
    with django_assert_max_num_queries(CEILING):
        assert client.get(f"{base}attribution/").status_code == 200


def test_a_diff_between_two_fixed_revisions_is_computed_once(alice_client, clause, alice):
    for n in range(3):
        revise_clause(clause, alice, f"Revision {n} of the words.")
    first, *_, last = Version.objects.get_for_object(clause).order_by("pk")
    url = f"{clause.get_absolute_url()}diff/?from={first.pk}&to={last.pk}"
    assert "<ins>" in alice_client.get(url).text
    # Signed in, so the page itself is built again; the diff is not.
    with CaptureQueriesContext(connection) as captured:
        again = alice_client.get(url)
    assert "<ins>" in again.text
    assert not any("serialized_data" in q["sql"] for q in captured.captured_queries)
    # Metadata fields still come from the rows: the revision numbers.
    assert "revision 1 ·" in again.text
