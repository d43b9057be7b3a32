"""History, diffs, restores, the charter as it stood, recent changes and feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Revision, Version

from charter.models import Charter, Clause, RevisionMeta
from charter.services import revisions
from tests.conftest import assert_single_revision, make_charter, make_clause, revise_clause


def version_ids(clause: Clause) -> list[int]:
    """Oldest first."""
    return list(Version.objects.get_for_object(clause).order_by("pk").values_list("pk", flat=True))


def test_history_lists_every_revision_with_persona_summary_and_word_counts(client, clause, alice):
    revise_clause(clause, alice, "Workers of all lands share one cause and one hope.", "add hope")
    response = client.get(f"{clause.get_absolute_url()}history/")
    assert response.status_code == 200
    text = response.text
    assert "Rosa Luxemburg" in text and '(<a href="/players/alice/">alice</a>)' in text
    assert "add hope" in text
    assert "+3" in text  # "and one hope"
    assert text.count('name="from"') == 2
    first, second = version_ids(clause)
    assert f'diff/?to={second}">prev' in text  # diff with the revision before
    assert f"revert/{first}/" not in text  # restore links only for editors


def test_history_offers_restore_links_to_editors(alice_client, clause, alice):
    revise_clause(clause, alice, "changed")
    first = version_ids(clause)[0]
    assert f"revert/{first}/" in alice_client.get(f"{clause.get_absolute_url()}history/").text


def test_history_paginates_fifty_a_page(client, clause, alice):
    for n in range(55):
        revise_clause(clause, alice, f"text {n}")
    page1 = client.get(f"{clause.get_absolute_url()}history/")
    page2 = client.get(f"{clause.get_absolute_url()}history/?page=2")
    assert page1.text.count('name="to"') == 50
    assert page2.text.count('name="to"') == 6
    assert "Page 2 of 2" in page2.text


def test_diff_shows_insertions_and_deletions_escaped(client, clause, alice):
    revise_clause(clause, alice, "Workers of <all> lands share one cause!")
    first, second = version_ids(clause)
    response = client.get(f"{clause.get_absolute_url()}diff/?from={first}&to={second}")
    assert response.status_code == 200
    assert "<ins>&lt;all&gt;</ins>" in response.text
    assert "<del>all</del>" in response.text
    assert "<all>" not in response.text


def test_diff_defaults_to_the_latest_change(client, clause, alice):
    revise_clause(clause, alice, "Completely new words.")
    response = client.get(f"{clause.get_absolute_url()}diff/")
    assert response.status_code == 200
    assert "<ins>Completely new words</ins>" in response.text


def test_diff_of_the_first_revision_shows_everything_added(client, clause):
    (first,) = version_ids(clause)
    response = client.get(f"{clause.get_absolute_url()}diff/?to={first}")
    assert response.status_code == 200
    assert "<ins>Workers of all lands share one cause.</ins>" in response.text


def test_diff_of_identical_revisions_says_so(client, clause):
    (first,) = version_ids(clause)
    response = client.get(f"{clause.get_absolute_url()}diff/?from={first}&to={first}")
    assert "same text" in response.text


def test_diff_of_a_very_large_text_works(client, charter, alice):
    # As long as a clause may be (20,000 characters), in words the diff must match one by one.
    words = [f"w{n % 401}" for n in range(3_000)]
    clause = make_clause(charter=charter, body=" ".join(words))
    words[100] = "CHANGED"
    revise_clause(clause, alice, " ".join(words))
    response = client.get(f"{clause.get_absolute_url()}diff/")
    assert response.status_code == 200
    assert "<ins>CHANGED</ins>" in response.text


@pytest.mark.parametrize("query", ["from=abc", "to=1e3", "from=-4", "from=99999999999999999999999"])
def test_diff_with_malformed_ids_gives_a_clear_message(client, clause, query):
    response = client.get(f"{clause.get_absolute_url()}diff/?{query}")
    assert response.status_code == 400
    assert "is not a revision id" in response.text


def test_diff_with_a_foreign_or_unknown_version_is_a_404(client, charter, clause):
    other = make_clause(charter=charter)
    foreign = version_ids(other)[0]
    assert client.get(f"{clause.get_absolute_url()}diff/?from={foreign}").status_code == 404
    assert client.get(f"{clause.get_absolute_url()}diff/?to=987654").status_code == 404


def test_restore_asks_for_confirmation_then_makes_a_new_revision(
    client, clause, alice, bob, bakunin
):
    original = clause.body
    revise_clause(clause, alice, "Vandalised.")
    first = version_ids(clause)[0]
    client.force_login(bob)
    url = f"{clause.get_absolute_url()}revert/{first}/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Restore revision 1?" in confirm.text
    assert clause.revision_metas.count() == 2
    response = client.post(url)
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.body == original
    meta = assert_single_revision(clause, user=bob, comment="Restored revision 1")
    assert meta.persona == bakunin and meta.kind == RevisionMeta.Kind.RESTORE
    assert meta.revision_number == 3 and meta.restored_from_id == first


def test_restoring_the_current_text_changes_nothing(alice_client, clause):
    (first,) = version_ids(clause)
    alice_client.post(f"{clause.get_absolute_url()}revert/{first}/")
    assert clause.revision_metas.count() == 1


def test_restore_refuses_anonymous_foreign_versions_and_other_methods(
    client, charter, clause, alice
):
    other = make_clause(charter=charter)
    foreign = version_ids(other)[0]
    url = f"{clause.get_absolute_url()}revert/{version_ids(clause)[0]}/"
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(alice)
    assert client.post(f"{clause.get_absolute_url()}revert/{foreign}/").status_code == 404
    assert client.put(url).status_code == 405
    assert clause.revision_metas.count() == 1


def test_restore_is_refused_on_reference_charters(alice_client):
    clause = make_clause(charter=make_charter(status=Charter.Status.REFERENCE))
    url = f"{clause.get_absolute_url()}revert/{version_ids(clause)[0]}/"
    assert alice_client.post(url).status_code == 403


def _backdate(clause: Clause, number: int, when) -> None:
    revision_id = RevisionMeta.objects.get(clause=clause, revision_number=number).revision_id
    Revision.objects.filter(pk=revision_id).update(date_created=when)


def test_the_charter_as_it_stood_uses_the_revision_store(client, charter, alice):
    now = timezone.now()
    kept = make_clause(charter=charter, title="Kept", body="Old words.")
    _backdate(kept, 1, now - timedelta(days=3))
    revise_clause(kept, alice, "New words.")
    late = make_clause(charter=charter, title="Added later", body="Later.")
    _backdate(late, 1, now - timedelta(days=1))
    gone = make_clause(charter=charter, title="Removed since", body="Gone now.")
    _backdate(gone, 1, now - timedelta(days=3))
    revisions.clause_remove(clause_id=gone.pk, user=alice, reason="dup")

    at = (now - timedelta(days=2)).isoformat()
    response = client.get(f"/charters/{charter.slug}/as-of/", {"at": at})
    assert response.status_code == 200
    assert "Old words." in response.text and "New words." not in response.text
    assert "Added later" not in response.text
    # Removed means removed: not even its past texts, except for moderators.
    assert "Removed since" not in response.text

    today = client.get(f"/charters/{charter.slug}/as-of/")
    assert "New words." in today.text and "Removed since" not in today.text


@pytest.mark.parametrize("at", ["yesterday", "2026-13-45", "x" * 80, "2026-02-30T10:00"])
def test_as_of_with_a_bad_moment_explains_the_format(client, charter, at):
    response = client.get(f"/charters/{charter.slug}/as-of/", {"at": at})
    assert response.status_code == 400
    assert "is not a date and time" in response.text


def test_as_of_accepts_a_date_and_the_picker_format(client, clause):
    assert client.get(f"/charters/{clause.charter.slug}/as-of/?at=2999-01-01").status_code == 200
    response = client.get(f"/charters/{clause.charter.slug}/as-of/?at=2999-01-01T10:30")
    assert clause.title in response.text


def test_recent_changes_link_to_each_diff(client, clause, alice):
    revise_clause(clause, alice, "Recent words.", "recent summary")
    response = client.get("/recent/")
    assert response.status_code == 200
    newest = version_ids(clause)[-1]
    assert f"{clause.get_absolute_url()}diff/?to={newest}" in response.text
    assert "recent summary" in response.text


def test_atom_feeds_list_revisions_with_diff_links(client, clause, alice):
    revise_clause(clause, alice, "Feed words.", "for the feed")
    newest = version_ids(clause)[-1]
    for url in ["/feeds/recent/", f"/feeds/charters/{clause.charter.slug}/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        assert f"diff/?to={newest}" in response.text
        assert "for the feed" in response.text
    assert client.get("/feeds/charters/no-such/").status_code == 404


def test_charter_feed_only_holds_that_charter(client, clause, alice):
    other = make_clause(charter=make_charter(), title="Elsewhere entirely")
    response = client.get(f"/feeds/charters/{clause.charter.slug}/")
    assert "Elsewhere entirely" not in response.text
    assert other.title in client.get("/feeds/recent/").text
