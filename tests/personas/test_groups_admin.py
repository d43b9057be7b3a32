"""Moderators look at player groups in the admin; nobody changes them there."""

import pytest

from personas.models import GroupInvitation
from tests.conftest import make_group


@pytest.fixture
def spartacus(alice, bob, charlie):
    group = make_group(alice, bob)
    GroupInvitation.objects.create(group=group, invited=charlie, invited_by=alice)
    return group


def test_moderators_see_groups_with_their_members_and_invitations(client, mod, spartacus):
    client.force_login(mod)
    listing = client.get("/admin/personas/playergroup/")
    assert listing.status_code == 200 and "Spartacus group" in listing.text
    page = client.get(f"/admin/personas/playergroup/{spartacus.pk}/change/")
    assert page.status_code == 200
    for name in ("alice", "bob", "charlie", "founder", "pending", spartacus.get_absolute_url()):
        assert name in page.text
    assert client.get("/admin/personas/playergroup/?state=active").status_code == 200
    assert client.get("/admin/charter/stance/?q=Spartacus").status_code == 200


def test_nobody_adds_changes_or_deletes_groups_in_the_admin(client, mod, spartacus):
    client.force_login(mod)
    assert client.get("/admin/personas/playergroup/add/").status_code == 403
    url = f"/admin/personas/playergroup/{spartacus.pk}/change/"
    client.post(url, {"name": "Renamed"})
    spartacus.refresh_from_db()
    assert spartacus.name == "Spartacus group"
    assert client.get(f"/admin/personas/playergroup/{spartacus.pk}/delete/").status_code == 403


def test_players_are_kept_out(client, alice, spartacus):
    client.force_login(alice)
    response = client.get("/admin/personas/playergroup/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
