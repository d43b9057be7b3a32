"""The group pages and forms, each through the whole GET-form-then-POST cycle."""

import pytest
from django.contrib.messages import get_messages

from personas.models import GroupInvitation, GroupMembership, Player, PlayerGroup
from tests.conftest import make_group, make_user
from tests.forms import form_fields


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _fill(client, url: str, marker: str, **values):
    """Read the page's form (the one with `marker` in an attribute) and post it with `values`."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    fields = form_fields(page.text, marker)
    assert fields, f"no form with {marker!r} on {url}"
    action = marker if marker.startswith("/") else url
    return client.post(action, {**fields, **values})


@pytest.fixture
def spartacus(alice):
    return make_group(alice)


# The list and founding a group.


def test_the_list_shows_groups_with_their_persona_and_members(client, alice, bob):
    make_group(alice, bob)
    page = client.get("/groups/")
    assert page.status_code == 200
    assert "Spartacus group" in page.text and "Rosa Luxemburg" in page.text
    assert "2 members" in page.text


def test_a_player_outside_groups_is_offered_to_found_one(client, charlie):
    client.force_login(charlie)
    assert 'href="/groups/new/"' in client.get("/groups/").text


def test_founding_a_group_through_the_form(client, bob, rosa):
    client.force_login(bob)
    response = _fill(
        client, "/groups/new/", "/groups/new/", name="Spartacus group", persona=rosa.slug
    )
    group = PlayerGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert "You founded the Spartacus group" in _messages(response)[0]
    assert Player.objects.get(user=bob).persona == rosa
    page = client.get(group.get_absolute_url())
    assert "founder" in page.text and "Invite a player" in page.text


def test_the_form_proposes_the_founders_persona(client, alice):
    client.force_login(alice)
    fields = form_fields(client.get("/groups/new/").text, "/groups/new/")
    assert fields == {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "name": ""}
    assert 'value="rosa-luxemburg" selected' in client.get("/groups/new/").text


def test_visitors_are_sent_to_log_in_to_found_a_group(client, db):
    response = client.get("/groups/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("name", "message", "kept"),
    [
        ("SPARTACUS GROUP", "There is already a group called “Spartacus group”", "SPARTACUS GROUP"),
        ("Red\x00 flag", "control characters", "Red flag"),
        ("x" * 5000, "at most 80 characters; this one has 5,000", "x" * 5000),
        ("", "Give the group a name.", ""),
    ],
)
def test_bad_names_are_refused_with_the_name_kept(
    client, spartacus, bob, rosa, name, message, kept
):
    client.force_login(bob)
    response = client.post("/groups/new/", {"name": name, "persona": rosa.slug})
    assert response.status_code == 400
    assert message in response.text
    assert f'value="{kept}"' in response.text or (not kept and 'name="name"' in response.text)
    assert PlayerGroup.objects.count() == 1


@pytest.mark.parametrize("persona", ["", "no-such-persona", "\x00", "9" * 40])
def test_a_bad_persona_choice_is_refused(client, bob, persona):
    client.force_login(bob)
    response = client.post("/groups/new/", {"name": "Black flags", "persona": persona})
    assert response.status_code == 400
    assert "persona" in response.text
    assert 'value="Black flags"' in response.text
    assert not PlayerGroup.objects.exists()


def test_a_member_is_told_to_leave_before_founding_another(client, alice, spartacus, rosa):
    client.force_login(alice)
    page = client.get("/groups/new/")
    assert "leave it before you found another group" in page.text
    response = client.post("/groups/new/", {"name": "Another", "persona": rosa.slug})
    assert response.status_code == 403
    assert 'value="Another"' in response.text


def test_wrong_methods_are_refused(client, alice, spartacus):
    client.force_login(alice)
    assert client.put("/groups/new/").status_code == 405
    assert client.post("/groups/").status_code == 405
    assert client.post(spartacus.get_absolute_url()).status_code == 405
    for action in ("invite", "leave", "hand-over", "invitations/1/accept"):
        assert client.get(f"{spartacus.get_absolute_url()}{action}/").status_code == 405


def test_unknown_groups_and_invitations_are_404(client, alice, spartacus):
    client.force_login(alice)
    assert client.get("/groups/no-such-group/").status_code == 404
    assert client.post(f"{spartacus.get_absolute_url()}invitations/99/accept/").status_code == 404


# The group's page.


def test_the_page_shows_members_persona_founder_and_contributions(client, alice, bob):
    group = make_group(alice, bob)
    page = client.get(group.get_absolute_url()).text
    for text in ("Spartacus group", "Rosa Luxemburg", "Spartacists", "founded by", "alice", "bob"):
        assert text in page
    assert "Invite a player" not in page  # visitors see no forms


def test_pending_invitations_are_shown_to_members_only(client, alice, bob, charlie, spartacus):
    GroupInvitation.objects.create(group=spartacus, invited=charlie, invited_by=alice)
    client.force_login(bob)
    assert "Waiting for an answer" not in client.get(spartacus.get_absolute_url()).text
    client.force_login(alice)
    page = client.get(spartacus.get_absolute_url()).text
    assert "Waiting for an answer" in page and "charlie" in page


# Inviting.


def test_inviting_through_the_form(client, alice, bob, spartacus):
    client.force_login(alice)
    url = spartacus.get_absolute_url()
    response = _fill(client, url, f"{url}invite/", username="bob")
    assert response.status_code == 302 and response["Location"].endswith("#invitations")
    assert "bob is invited" in _messages(response)[0]
    assert GroupInvitation.objects.get(invited=bob).is_pending


@pytest.mark.parametrize(
    ("username", "message", "kept"),
    [
        ("nobody", "There is no player called “nobody”", "nobody"),
        ("alice", "alice is already a member", "alice"),
        ("bob\x00", "control characters", "bob"),
        ("y" * 500, "at most 150 characters", "y" * 500),
        ("", "Type the user name", ""),
    ],
)
def test_bad_invitations_are_refused_with_the_name_kept(
    client, alice, bob, spartacus, username, message, kept
):
    client.force_login(alice)
    response = client.post(f"{spartacus.get_absolute_url()}invite/", {"username": username})
    assert response.status_code == 400
    assert message in response.text
    if kept:
        assert f'value="{kept}"' in response.text
    assert not GroupInvitation.objects.exists()


def test_inviting_twice_or_a_member_of_another_group_is_refused(client, alice, bob, spartacus):
    make_group(bob, name="Black flags")
    client.force_login(alice)
    response = client.post(f"{spartacus.get_absolute_url()}invite/", {"username": "bob"})
    assert response.status_code == 400 and "bob is in another group" in response.text
    charlie = make_user("charlie")
    GroupInvitation.objects.create(group=spartacus, invited=charlie, invited_by=alice)
    response = client.post(f"{spartacus.get_absolute_url()}invite/", {"username": "charlie"})
    assert response.status_code == 400 and "already invited" in response.text


def test_non_members_cannot_invite(client, bob, charlie, spartacus):
    client.force_login(bob)
    response = client.post(f"{spartacus.get_absolute_url()}invite/", {"username": "charlie"})
    assert response.status_code == 403
    assert "Only members of the Spartacus group" in response.text


def test_visitors_are_sent_to_log_in_to_invite(client, spartacus):
    response = client.post(f"{spartacus.get_absolute_url()}invite/", {"username": "bob"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_invitations_are_rate_limited(client, alice, spartacus, frozen_clock):
    client.force_login(alice)
    url = f"{spartacus.get_absolute_url()}invite/"
    for n in range(20):
        assert client.post(url, {"username": f"nobody{n}"}).status_code == 400
    response = client.post(url, {"username": "one-more"})
    assert response.status_code == 429
    assert "You have sent 20 group invitations in the last hour" in response.text
    assert 'value="one-more"' in response.text
    assert int(response["Retry-After"]) > 0


# Answering.


def test_the_invited_player_accepts_from_the_settings_page(client, alice, bob, rosa, spartacus):
    invitation = GroupInvitation.objects.create(group=spartacus, invited=bob, invited_by=alice)
    client.force_login(bob)
    home = client.get("/").text
    assert 'class="invitations-link"' in home and "Invitations <span" in home
    accept = f"{spartacus.get_absolute_url()}invitations/{invitation.pk}/accept/"
    response = _fill(client, "/accounts/settings/", accept)
    assert response.status_code == 302 and response["Location"] == spartacus.get_absolute_url()
    assert "Welcome to the Spartacus group" in _messages(response)[0]
    assert GroupMembership.objects.current().filter(group=spartacus, user=bob).exists()
    assert Player.objects.get(user=bob).persona == rosa
    page = client.get(spartacus.get_absolute_url()).text
    assert "Leave Spartacus group" in page
    assert 'class="invitations-link"' not in page


def test_the_invited_player_declines_and_returns_to_the_settings(client, alice, bob, spartacus):
    invitation = GroupInvitation.objects.create(group=spartacus, invited=bob, invited_by=alice)
    client.force_login(bob)
    decline = f"{spartacus.get_absolute_url()}invitations/{invitation.pk}/decline/"
    response = _fill(client, "/accounts/settings/", decline)
    assert response.status_code == 302 and response["Location"] == "/accounts/settings/#groups"
    invitation.refresh_from_db()
    assert invitation.status == GroupInvitation.Status.DECLINED
    assert "No invitation is waiting" in client.get("/accounts/settings/").text


def test_the_invitation_can_be_answered_on_the_group_page(client, alice, bob, spartacus):
    GroupInvitation.objects.create(group=spartacus, invited=bob, invited_by=alice)
    client.force_login(bob)
    page = client.get(spartacus.get_absolute_url()).text
    assert "You are invited" in page and "/accept/" in page


def test_another_player_cannot_answer_an_invitation(client, alice, bob, charlie, spartacus):
    invitation = GroupInvitation.objects.create(group=spartacus, invited=bob, invited_by=alice)
    client.force_login(charlie)
    url = f"{spartacus.get_absolute_url()}invitations/{invitation.pk}/accept/"
    response = client.post(url)
    assert response.status_code == 302
    assert "addressed to another player" in _messages(response)[0]
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_an_invitation_of_another_group_is_not_found_under_this_one(client, alice, bob, spartacus):
    other = make_group(make_user("dora", persona=spartacus.persona), name="Other")
    invitation = GroupInvitation.objects.create(group=other, invited=bob, invited_by=alice)
    client.force_login(bob)
    url = f"{spartacus.get_absolute_url()}invitations/{invitation.pk}/accept/"
    assert client.post(url).status_code == 404


def test_a_member_withdraws_an_invitation(client, alice, bob, spartacus):
    invitation = GroupInvitation.objects.create(group=spartacus, invited=bob, invited_by=alice)
    client.force_login(alice)
    cancel = f"{spartacus.get_absolute_url()}invitations/{invitation.pk}/cancel/"
    response = _fill(client, spartacus.get_absolute_url(), cancel)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == GroupInvitation.Status.CANCELLED


# Leaving and handing over.


def test_the_founder_is_told_to_hand_over_first(client, alice, bob):
    group = make_group(alice, bob)
    client.force_login(alice)
    page = client.get(group.get_absolute_url()).text
    assert "hand it over to another member before you leave" in page
    response = client.post(f"{group.get_absolute_url()}leave/")
    assert response.status_code == 302
    assert "hand it over" in _messages(response)[0]
    assert GroupMembership.objects.current().filter(user=alice).exists()


def test_handing_over_then_leaving_through_the_forms(client, alice, bob):
    group = make_group(alice, bob)
    url = group.get_absolute_url()
    client.force_login(alice)
    response = _fill(client, url, f"{url}hand-over/", username="bob")
    assert response.status_code == 302
    assert "bob now holds the founder role" in _messages(response)[0]
    response = _fill(client, url, f"{url}leave/")
    assert response.status_code == 302
    assert "You left the Spartacus group" in _messages(response)[0]
    assert list(group.memberships.current().values_list("user__username", flat=True)) == ["bob"]


@pytest.mark.parametrize("username", ["", "charlie", "alice", "\x00", "z" * 300])
def test_handing_over_to_someone_not_a_fellow_member_is_refused(client, alice, bob, username):
    group = make_group(alice, bob)
    client.force_login(alice)
    response = client.post(f"{group.get_absolute_url()}hand-over/", {"username": username})
    assert response.status_code == 400
    assert "Choose" in response.text
    assert GroupMembership.objects.current().get(user=alice).is_founder


def test_the_last_member_leaving_dissolves_the_group_and_its_page_stays(client, alice, spartacus):
    client.force_login(alice)
    response = client.post(f"{spartacus.get_absolute_url()}leave/")
    assert "the group is dissolved" in _messages(response)[0]
    page = client.get(spartacus.get_absolute_url())
    assert page.status_code == 200 and "dissolved" in page.text
    assert "Dissolved groups" in client.get("/groups/").text


# Where groups show elsewhere.


def test_persona_pages_and_profiles_link_the_group(client, alice, spartacus):
    persona = client.get(spartacus.persona.get_absolute_url()).text
    assert f'href="{spartacus.get_absolute_url()}"' in persona
    profile = client.get("/players/alice/").text
    assert f'href="{spartacus.get_absolute_url()}"' in profile and "founder role" in profile


def test_a_member_is_told_why_they_cannot_play_another_persona(client, alice, spartacus, bakunin):
    client.force_login(alice)
    response = client.post(f"{bakunin.get_absolute_url()}play/")
    assert response.status_code == 302
    assert "leave the group to play someone else" in _messages(response)[0]
    assert Player.objects.get(user=alice).persona == spartacus.persona
