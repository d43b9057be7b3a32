from charter.diffing import analyse_change, attributed_runs
from charter.models import RevisionMeta
from charter.services import revisions
from tests.conftest import make_clause, revise_clause


def test_kept_words_keep_their_author_and_new_words_get_the_editor():
    first = analyse_change("", "We stand together.", [], 1)
    text = "We all stand together, always."
    second = analyse_change("We stand together.", text, first.attribution, 2)
    pieces = attributed_runs(text, second.attribution)
    assert pieces == [(1, "We "), (2, "all "), (1, "stand together"), (2, ", always"), (1, ".")]
    assert (second.words_added, second.words_removed) == (2, 0)


def test_a_stale_attribution_is_never_misapplied():
    assert attributed_runs("three little words", [[7, 2]]) == [(None, "three little words")]


def test_revisions_store_attribution_and_restores_keep_original_authors(clause, alice, bob, rosa):
    revise_clause(clause, alice, "Rosa wrote this.")
    revise_clause(clause, bob, "Bakunin replaced it.")
    rosas = RevisionMeta.objects.get(clause=clause, revision_number=2)
    assert rosas.attribution == [[rosa.pk, 5], [None, 1]]  # the full stop is the seed's
    version = rosas.revision.version_set.get()
    restored = revisions.clause_restore(clause_id=clause.pk, user=bob, version_id=version.pk)
    assert restored.meta.attribution == rosas.attribution


def test_attribution_page_marks_words_by_persona(client, clause, alice):
    revise_clause(clause, alice, clause.body + " Rosa's <addition>.")
    response = client.get(f"{clause.get_absolute_url()}attribution/")
    assert response.status_code == 200
    assert 'title="Rosa Luxemburg (Spartacists)"' in response.text
    assert "&lt;addition&gt;" in response.text
    assert "Seed text" in response.text


def test_charter_attribution_query_count_is_flat(
    client, charter, clause, alice, django_assert_max_num_queries
):
    revise_clause(clause, alice, "Entirely Rosa's words now.")
    for n in range(5):
        make_clause(charter=charter, title=f"Other {n}")
    with django_assert_max_num_queries(10):
        response = client.get(f"/charters/{charter.slug}/attribution/")
    assert response.status_code == 200
    assert "Rosa Luxemburg" in response.text
    assert response.text.count('class="share-bar"') == 7  # the whole charter and 6 clauses


def test_tendency_styles_give_each_tendency_its_colour(client, rosa):
    response = client.get("/tendencies.css")
    assert response["Content-Type"].startswith("text/css")
    assert f".t-{rosa.tendency_id} {{ --tendency: #8b1a1a; }}" in response.text
