"""Full-text search proper: stemming, websearch syntax, ranking and the stored index.

PostgreSQL only: these fail, not skip, elsewhere (run them through `make test`).
"""

import pytest
from django.db import connection

from charter.services.discussion import comment_post
from search.models import SearchDocument
from tests.conftest import make_clause, revise_clause
from tests.search.helpers import hits, search, urls

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it through `make test`).")


def test_it_finds_other_forms_of_a_word(client, charter):
    require_postgres()
    clause = make_clause(charter=charter, title="Councils", body="Workers organised in councils.")
    (hit,) = search(client, "organising")
    assert hit.url == clause.get_absolute_url()
    assert "<mark>organised</mark>" in hit.snippet


def test_quoted_words_must_stand_together(client, charter):
    require_postgres()
    together = make_clause(charter=charter, title="A", body="A general strike now.")
    make_clause(charter=charter, title="B", body="The strike was general.")
    assert urls(search(client, '"general strike"')) == [together.get_absolute_url()]


def test_a_minus_leaves_out_texts_with_that_word(client, charter):
    require_postgres()
    make_clause(charter=charter, title="A", body="Bread and roses.")
    plain = make_clause(charter=charter, title="B", body="Bread alone.")
    assert urls(search(client, "bread -roses")) == [plain.get_absolute_url()]


def test_or_offers_alternatives(client, charter):
    require_postgres()
    bread = make_clause(charter=charter, title="A", body="Bread.")
    roses = make_clause(charter=charter, title="B", body="Roses.")
    assert sorted(urls(search(client, "bread or roses"))) == sorted(
        [bread.get_absolute_url(), roses.get_absolute_url()]
    )


def test_a_title_match_outranks_many_body_matches(client, charter, alice):
    require_postgres()
    titled = make_clause(charter=charter, title="Federation", body="Free association.")
    other = make_clause(charter=charter, title="Structure", body="We federate.")
    comment_post(clause_id=other.pk, user=alice, body="Federation, federation, federation!")
    assert search(client, "federation")[0].url == titled.get_absolute_url()


def test_the_title_highlight_follows_stemming(client, charter):
    require_postgres()
    make_clause(charter=charter, title="Organising the unorganised", body="Text.")
    (hit,) = search(client, "organise")
    assert hit.title == "<mark>Organising</mark> the unorganised"


def test_a_query_of_only_common_words_says_so(client, clause):
    require_postgres()
    response = client.get("/search/", {"q": "the and of"})
    assert response.status_code == 200
    assert "Every word of your search is too common to search for" in response.text


def test_the_stored_vector_is_generated_weighted_and_kept_current(clause, alice):
    require_postgres()

    def vector() -> str:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vector::text FROM search_searchdocument WHERE key = %s",
                [f"clause:{clause.pk}"],
            )
            return cursor.fetchone()[0]

    assert "'solidar':1A" in vector() and "'land':7B" in vector()
    revise_clause(clause, alice, "Councils everywhere.")
    assert "'council':4B" in vector() and "land" not in vector()


def test_each_document_records_its_text_search_configuration(clause):
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_typeof(language)::text, language::text FROM search_searchdocument LIMIT 1"
        )
        assert cursor.fetchone() == ("regconfig", "english")


def test_a_search_for_a_rare_word_in_a_big_index_uses_the_gin_index(clause):
    require_postgres()
    from search.query import parse
    from search.selectors import SearchParams, matching_documents

    filler = " ".join(f"filler{n}" for n in range(60))
    SearchDocument.objects.bulk_create(
        SearchDocument(
            key=f"filler:{n}", kind="persona", title=f"Filler {n}", text=f"word{n} {filler}"
        )
        for n in range(3_000)
    )
    params = SearchParams(query="word7", parsed=parse("word7"))
    sql, query_params = matching_documents(params, moderator=False).query.sql_with_params()
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: statistics, and the GIN index's
        # pending list (fresh inserts) merged into the index proper.
        cursor.execute("ANALYZE search_searchdocument")
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin'::regclass)")
        cursor.execute(f"EXPLAIN {sql}", query_params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_vector_gin" in plan, plan


def test_the_gin_index_exists(db):
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (vector)" in definition
    assert SearchDocument._meta.get_field("vector").generated


@pytest.mark.parametrize(
    "language, body, query",
    [
        ("fr", "Les libertés ouvrières.", "ouvrier"),
        ("de", "Die Gewerkschaften der Arbeiterinnen.", "Gewerkschaft"),
        ("es", "Las trabajadoras del mundo.", "trabajo"),
    ],
)
def test_translations_are_found_by_their_own_languages_word_forms(
    client, charter, alice, language, body, query
):
    """Each translation is stemmed for its language: other forms of a word find it."""
    require_postgres()
    from translations.services import translation_save

    clause = make_clause(charter=charter, title="Workers", body="The workers unite.")
    translation_save(
        clause_id=clause.pk,
        language=language,
        user=alice,
        title="Titre",
        body=body,
        summary="",
        base_revision_number=0,
        source_revision_number=clause.revision_number,
    )
    assert SearchDocument.objects.get(key=f"clause:{clause.pk}:{language}").language in (
        "french",
        "german",
        "spanish",
    )
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    found = [hit for hit in hits(response.text) if hit.kind == "clause"]
    assert [hit.url for hit in found] == [
        f"/{language}/charters/{charter.slug}/clauses/{clause.pk}/"
    ]
    assert "<mark>" in found[0].snippet
