"""Pages run a fixed number of queries, whatever the amount of data."""

import pytest

from tests.conftest import make_clause, make_persona, make_tendency, make_user

CEILING = 12


@pytest.mark.parametrize("clauses", [3, 40])
def test_charter_page_query_count_is_flat(
    client, django_assert_max_num_queries, charter, alice, clauses
):
    for _ in range(clauses):
        make_clause(charter=charter)
    client.force_login(alice)
    with django_assert_max_num_queries(CEILING):
        response = client.get(charter.get_absolute_url())
    assert response.text.count('class="clause"') == clauses


@pytest.mark.parametrize("revisions", [1, 30])
def test_clause_page_query_count_is_flat(
    client, django_assert_max_num_queries, clause, alice, revisions
):
    from charter.services.revisions import clause_revise, latest_version

    for n in range(revisions - 1):
        clause_revise(
            clause_id=clause.pk,
            user=alice,
            title=clause.title,
            body=f"Text {n}",
            summary="",
            base_version_id=latest_version(clause).pk,
        )
    client.force_login(alice)
    with django_assert_max_num_queries(CEILING):
        response = client.get(clause.get_absolute_url())
    assert f"revision {revisions}" in response.text


@pytest.mark.parametrize("personas", [5, 80])
def test_hall_query_count_is_flat(client, django_assert_max_num_queries, db, personas):
    tendencies = [make_tendency() for _ in range(4)]
    for n in range(personas):
        persona = make_persona(tendency=tendencies[n % 4])
        if n % 3 == 0:
            make_user(f"player{n}", persona=persona)
    with django_assert_max_num_queries(CEILING):
        response = client.get("/personas/")
    assert response.text.count('class="persona-card"') == personas


@pytest.mark.parametrize("personas", [5, 80])
def test_home_query_count_is_flat(client, django_assert_max_num_queries, clause, personas):
    for _ in range(personas):
        make_persona()
    with django_assert_max_num_queries(CEILING):
        assert client.get("/").status_code == 200


# The edit save, up to its response: session and user, the clause, the
# player, the work prepared before the lock, then under the lock the clause
# row, its latest version, the update, reversion's writes, the revision's
# description with its version id, the search index. Notifications run
# after the response and are not counted here.
SAVE_CEILING = 15


@pytest.mark.parametrize("revisions", [1, 40])
def test_an_edit_save_runs_a_fixed_number_of_queries(
    client,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    clause,
    alice,
    revisions,
):
    from charter.services.revisions import clause_revise, latest_version
    from tests.forms import form_fields

    for n in range(revisions - 1):
        clause_revise(
            clause_id=clause.pk,
            user=alice,
            title=clause.title,
            body=f"Text {n}",
            summary="",
            base_version_id=latest_version(clause).pk,
        )
    client.force_login(alice)
    url = f"{clause.get_absolute_url()}edit/"
    fields = form_fields(client.get(url).text, "clause-form")
    fields["body"] += "\n\nOne more paragraph."
    with (
        django_capture_on_commit_callbacks(execute=False),
        django_assert_max_num_queries(SAVE_CEILING),
    ):
        response = client.post(url, fields)
    assert response.status_code == 302
