"""Editing clauses: the service and the edit, new, move and remove views."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from reversion.models import Version

from charter.models import CLAUSE_BODY_MAX, Charter, Clause, RevisionMeta
from charter.selectors import revisions as history
from charter.services import revisions
from personas.models import Player
from tests.conftest import (
    assert_single_revision,
    make_charter,
    make_clause,
    make_user,
    revise_clause,
)


def edit_url(clause: Clause) -> str:
    return f"{clause.get_absolute_url()}edit/"


def latest_id(clause: Clause) -> int:
    return history.latest_version(clause).pk


def post_edit(client, clause, **fields):
    data = {
        "title": clause.title,
        "body": clause.body,
        "summary": "",
        "base_version": latest_id(clause),
    }
    data.update(fields)
    return client.post(edit_url(clause), data)


# The service


def test_a_save_is_one_revision_with_user_summary_and_persona(clause, alice, rosa):
    result = revise_clause(clause, alice, "New text for all.", "Sharper wording")
    assert result.outcome == "saved"
    meta = assert_single_revision(clause, user=alice, comment="Sharper wording")
    assert meta.persona == rosa
    assert meta.revision_number == 2
    # Semantic cleanup folds the lone shared "all" into the change: 4 in, 7 out.
    assert (meta.words_added, meta.words_removed) == (4, 7)
    clause.refresh_from_db()
    assert clause.body_html == "<p>New text for all.</p>"
    assert clause.revision_number == 2


def test_a_save_that_changes_nothing_makes_no_revision(clause, alice):
    before = RevisionMeta.objects.count()
    result = revise_clause(clause, alice, clause.body, "nothing")
    assert result.outcome == "unchanged"
    assert RevisionMeta.objects.count() == before


def test_a_stale_edit_of_other_lines_is_merged(charter, alice, bob):
    clause = make_clause(charter=charter, body="First line.\n\nSecond line.")
    base = latest_id(clause)
    revise_clause(clause, bob, "First line, by Bob.\n\nSecond line.", base_version_id=base)
    result = revise_clause(
        clause, alice, "First line.\n\nSecond line, by Alice.", "mine", base_version_id=base
    )
    assert result.outcome == "merged"
    assert [m.revision.user for m in result.merged_with] == [bob]
    clause.refresh_from_db()
    assert clause.body == "First line, by Bob.\n\nSecond line, by Alice."
    assert result.meta.kind == RevisionMeta.Kind.MERGE


def test_a_stale_edit_of_the_same_line_is_a_conflict_and_saves_nothing(clause, alice, bob):
    base = latest_id(clause)
    revise_clause(clause, bob, "Bob's words.", base_version_id=base)
    before = RevisionMeta.objects.count()
    with pytest.raises(revisions.EditConflict) as caught:
        revise_clause(clause, alice, "Alice's words.", base_version_id=base)
    assert caught.value.theirs_body == "Bob's words."
    assert RevisionMeta.objects.count() == before


def test_a_base_version_of_another_clause_is_refused(charter, clause, alice):
    other = make_clause(charter=charter)
    with pytest.raises(ValidationError):
        revise_clause(clause, alice, "b", title="t", base_version_id=latest_id(other))


def test_the_service_refuses_players_without_persona(clause, charlie):
    with pytest.raises(PermissionDenied):
        revise_clause(clause, charlie, "b", title="t")


def test_the_service_refuses_locked_clauses_except_to_moderators(clause, alice, mod):
    Clause.objects.filter(pk=clause.pk).update(is_locked=True)
    with pytest.raises(PermissionDenied):
        revise_clause(clause, alice, "b", title="t")
    result = revise_clause(clause, mod, "b", title="t")
    assert result.outcome == "saved"


def test_the_service_refuses_reference_charters(alice):
    clause = make_clause(charter=make_charter(status=Charter.Status.REFERENCE))
    with pytest.raises(PermissionDenied):
        revise_clause(clause, alice, "b", title="t")


def test_switching_persona_never_rewrites_past_edits(client, clause, alice, rosa, bakunin):
    revise_clause(clause, alice, "As Rosa.")
    client.force_login(alice)
    client.post(f"/personas/{bakunin.slug}/play/")
    assert Player.objects.get(user=alice).persona == bakunin
    assert RevisionMeta.objects.get(clause=clause, revision_number=2).persona == rosa


# The edit view


def test_edit_page_carries_the_base_version(alice_client, clause):
    response = alice_client.get(edit_url(clause))
    assert response.status_code == 200
    assert f'name="base_version" value="{latest_id(clause)}"' in response.text
    assert 'name="title"' in response.text and 'name="summary"' in response.text


def test_editing_saves_and_redirects_with_a_message(alice_client, clause, alice):
    response = post_edit(alice_client, clause, body="Edited *text*.", summary="why")
    assert response.status_code == 302
    assert_single_revision(clause, user=alice, comment="why")
    page = alice_client.get(response.url)
    assert "Saved as revision 2." in page.text
    assert "<em>text</em>" in page.text


def test_edit_requires_login(client, clause):
    response = client.get(edit_url(clause))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert post_edit(client, clause, body="x").status_code == 302
    assert clause.revision_metas.count() == 1


def test_edit_refuses_other_methods(alice_client, clause):
    assert alice_client.put(edit_url(clause)).status_code == 405


def test_a_player_without_persona_picks_one_in_the_form_and_keeps_the_text(
    client, clause, charlie, rosa
):
    client.force_login(charlie)
    page = client.get(edit_url(clause))
    assert page.status_code == 200 and 'name="persona"' in page.text
    missing = post_edit(client, clause, body="Charlie's careful text.")
    assert missing.status_code == 400
    assert "Charlie&#x27;s careful text." in missing.text
    saved = post_edit(client, clause, body="Charlie's careful text.", persona=rosa.pk)
    assert saved.status_code == 302
    assert RevisionMeta.objects.get(clause=clause, revision_number=2).persona == rosa


def test_the_no_change_save_says_so(alice_client, clause):
    response = post_edit(alice_client, clause)
    assert response.status_code == 302
    assert "Nothing changed" in alice_client.get(response.url).text
    assert clause.revision_metas.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("body", "x" * (CLAUSE_BODY_MAX + 1), "at most 20,000 characters"),
        ("title", "t" * 201, "at most 200 characters"),
        ("summary", "s" * 301, "at most 300 characters"),
        ("body", "bad\x00byte", "control characters"),
        ("body", "bell\x07", "control characters"),
        ("title", "nul\x00", "control characters"),
        ("body", "   ", "cannot be empty"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(
    alice_client, clause, field, value, message
):
    response = post_edit(alice_client, clause, **{field: value})
    assert response.status_code == 400
    assert message in response.text
    assert clause.revision_metas.count() == 1


def test_tabs_and_newlines_are_allowed(alice_client, clause):
    response = post_edit(alice_client, clause, body="Line one\r\n\tindented")
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.body == "Line one\n\tindented"


@pytest.mark.parametrize("base", ["", "abc", "-1", "99999999999999999999999"])
def test_a_missing_or_forged_base_version_is_refused(alice_client, clause, base):
    response = post_edit(alice_client, clause, body="changed", base_version=base)
    assert response.status_code == 400
    assert "changed" in response.text
    assert clause.revision_metas.count() == 1


def test_a_stale_form_with_a_clean_merge_says_with_whom(client, charter, alice, bob):
    clause = make_clause(charter=charter, body="Para one.\n\nPara two.")
    base = latest_id(clause)
    client.force_login(bob)
    post_edit(client, clause, body="Para one by Bob.\n\nPara two.", base_version=base)
    client.force_login(alice)
    response = post_edit(client, clause, body="Para one.\n\nPara two by Alice.", base_version=base)
    assert response.status_code == 302
    text = client.get(response.url).text
    assert "merged with the edit by Mikhail Bakunin (bob)" in text
    clause.refresh_from_db()
    assert clause.body == "Para one by Bob.\n\nPara two by Alice."


def test_a_conflict_shows_both_texts_and_keeps_the_players_text(client, clause, alice, bob):
    base = latest_id(clause)
    client.force_login(bob)
    post_edit(client, clause, body="Bob rewrote it.", base_version=base)
    client.force_login(alice)
    response = post_edit(client, clause, body="Alice rewrote it.", base_version=base)
    assert response.status_code == 409
    assert "Edit conflict" in response.text
    assert "Alice rewrote it." in response.text
    assert "<ins>Bob rewrote it.</ins>" in response.text or "Bob" in response.text
    # The form is rebased, so saving again resolves the conflict.
    assert f'name="base_version" value="{latest_id(clause)}"' in response.text
    assert clause.revision_metas.count() == 2


def test_locked_clause_edit_page_explains_why(alice_client, clause):
    Clause.objects.filter(pk=clause.pk).update(is_locked=True)
    response = alice_client.get(edit_url(clause))
    assert response.status_code == 403
    assert "locked" in response.text


def test_locked_clause_post_keeps_the_text_and_explains(alice_client, clause):
    base = latest_id(clause)
    Clause.objects.filter(pk=clause.pk).update(is_locked=True)
    response = post_edit(alice_client, clause, body="My unsaved words.", base_version=base)
    assert response.status_code == 403
    assert "My unsaved words." in response.text and "locked" in response.text


def test_edit_of_unknown_clause_is_a_404(alice_client, charter):
    assert alice_client.get("/charters/virtual-charter/clauses/424242/edit/").status_code == 404


def test_preview_renders_through_the_sanitiser(alice_client, charter):
    response = alice_client.post(
        f"/charters/{charter.slug}/preview/", {"body": "*hi* <script>x</script>"}
    )
    assert response.status_code == 200
    assert "<em>hi</em>" in response.text and "<script>" not in response.text


def test_preview_refuses_anonymous_oversize_and_get(alice_client, charter):
    url = f"/charters/{charter.slug}/preview/"
    assert Client().post(url, {"body": "x"}).status_code == 403
    assert alice_client.post(url, {"body": "x" * 20_001}).status_code == 400
    assert alice_client.get(url).status_code == 405


def test_preview_button_works_without_javascript(alice_client, clause):
    response = post_edit(alice_client, clause, body="**bold** draft", preview="1")
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.text
    assert clause.revision_metas.count() == 1


# New, move, remove


def test_adding_a_clause_puts_it_last_with_a_first_revision(alice_client, charter, clause, alice):
    response = alice_client.post(
        f"/charters/{charter.slug}/clauses/new/",
        {"title": "Open knowledge", "body": "Ideas are shared.", "summary": "proposal"},
    )
    assert response.status_code == 302
    new = Clause.objects.get(title="Open knowledge")
    assert new.position == clause.position + 1
    meta = assert_single_revision(new, user=alice, comment="proposal")
    assert meta.kind == RevisionMeta.Kind.CREATE and meta.revision_number == 1


def test_adding_a_clause_refuses_bad_input_and_reference_charters(alice_client, charter):
    bad = alice_client.post(
        f"/charters/{charter.slug}/clauses/new/", {"title": "", "body": "x\x00"}
    )
    assert bad.status_code == 400 and "control characters" in bad.text
    reference = make_charter(status=Charter.Status.REFERENCE)
    refused = alice_client.get(f"/charters/{reference.slug}/clauses/new/")
    assert refused.status_code == 403
    assert not Clause.objects.filter(charter=reference).exists()


def test_moving_swaps_with_the_neighbour_and_makes_no_revision(alice_client, charter):
    first = make_clause(charter=charter, title="First")
    second = make_clause(charter=charter, title="Second")
    response = alice_client.post(f"{second.get_absolute_url()}move/", {"direction": "up"})
    assert response.status_code == 302
    order = list(Clause.objects.filter(charter=charter).values_list("title", flat=True))
    assert order == ["Second", "First"]
    assert first.revision_metas.count() == second.revision_metas.count() == 1


def test_moving_refuses_get_and_bad_directions(alice_client, clause):
    assert alice_client.get(f"{clause.get_absolute_url()}move/").status_code == 405
    response = alice_client.post(f"{clause.get_absolute_url()}move/", {"direction": "sideways"})
    assert response.status_code == 302


def test_removing_hides_the_clause_but_keeps_its_history(alice_client, clause, alice):
    page = alice_client.get(f"{clause.get_absolute_url()}remove/")
    assert page.status_code == 200
    response = alice_client.post(f"{clause.get_absolute_url()}remove/", {"summary": "duplicate"})
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.is_removed
    meta = assert_single_revision(clause, user=alice, comment="duplicate")
    assert meta.kind == RevisionMeta.Kind.REMOVE
    assert Version.objects.get_for_object(clause).count() == 2
    charter_page = alice_client.get(clause.charter.get_absolute_url()).text
    assert f'href="{clause.get_absolute_url()}"' not in charter_page


def test_bob_cannot_remove_a_locked_clause(client, clause, bob):
    Clause.objects.filter(pk=clause.pk).update(is_locked=True)
    client.force_login(bob)
    assert client.post(f"{clause.get_absolute_url()}remove/", {"summary": "x"}).status_code == 403
    clause.refresh_from_db()
    assert not clause.is_removed


def test_a_suspended_player_cannot_edit(client, clause, rosa):
    from datetime import timedelta

    from django.utils import timezone

    user = make_user("suspended", persona=rosa)
    Player.objects.filter(user=user).update(suspended_until=timezone.now() + timedelta(days=1))
    client.force_login(user)
    assert client.get(edit_url(clause)).status_code == 403
    response = post_edit(client, clause, body="vandal")
    assert response.status_code == 403 and "suspended" in response.text


def test_a_request_body_over_the_upload_limit_is_a_clean_400(alice_client, clause):
    response = post_edit(alice_client, clause, body="x" * 600_000)
    assert response.status_code == 400
    assert clause.revision_metas.count() == 1
