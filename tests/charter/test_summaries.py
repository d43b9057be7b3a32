"""The site's own edit summaries are stored in English and shown in the reader's language."""

import pytest
from django.utils.translation import override

from charter import summaries
from tests.conftest import make_clause

pytestmark = pytest.mark.django_db


def test_site_summaries_are_stored_in_english_whatever_the_language(charter):
    with override("fr"):
        clause = make_clause(charter=charter)
    meta = clause.revision_metas.select_related("revision").get()
    assert meta.revision.comment == "Initial text"


@pytest.mark.parametrize(
    "stored, french",
    [
        ("Initial text", ""),
        ("Restored revision 3", "3"),
        ("Adopted amendment 12", "12"),
    ],
)
def test_they_read_in_the_readers_language(stored, french):
    with override("fr"):
        shown = summaries.shown(stored)
    assert shown != stored and french in shown


def test_summaries_people_typed_are_shown_as_typed():
    with override("fr"):
        assert summaries.shown("Restored revision 3, and more") == "Restored revision 3, and more"
        assert summaries.shown("Initial text!") == "Initial text!"


def test_history_pages_show_them_translated(client, clause):
    page = client.get(f"/fr{clause.get_absolute_url()}history/").text
    assert "Initial text" not in page
