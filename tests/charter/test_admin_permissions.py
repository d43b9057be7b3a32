"""Who gets into the moderation panel, and what the Moderators group may do there."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse

from charter.models import Comment, ModerationAction
from charter.permissions import MODERATORS_GROUP
from charter.roles import ensure_moderators_group, moderator_codenames
from charter.services import flags, moderation
from tests.conftest import make_comment, make_user

ADMIN_PAGES = [
    "/admin/",
    "/admin/charter/flag/",
    "/admin/charter/comment/",
    "/admin/charter/moderationaction/",
    "/admin/personas/player/",
]


@pytest.fixture
def mod_client(client, mod):
    client.force_login(mod)
    return client


def group_codenames(group: Group) -> set[tuple[str, str]]:
    return {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
    }


# The group.


def test_the_data_migration_created_the_moderators_group_with_exactly_its_permissions(db):
    group = Group.objects.get(name=MODERATORS_GROUP)
    codenames = group_codenames(group)
    assert codenames == moderator_codenames()
    assert ("charter", "change_comment") in codenames
    assert ("charter", "view_moderationaction") in codenames
    assert not any(codename.startswith(("delete_", "add_")) for _, codename in codenames)
    assert not any(app == "auth" for app, _ in codenames)
    assert ("charter", "change_moderationaction") not in codenames


def test_ensure_moderators_group_repairs_a_tampered_group(db):
    group = Group.objects.get(name=MODERATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="change_user"))
    group.permissions.remove(Permission.objects.get(codename="change_flag"))
    ensure_moderators_group()
    assert group_codenames(group) == moderator_codenames()
    assert Group.objects.filter(name=MODERATORS_GROUP).count() == 1


def test_ensure_moderators_group_works_on_an_empty_permission_table(db):
    Group.objects.all().delete()
    Permission.objects.all().delete()
    group = ensure_moderators_group()
    assert group_codenames(group) == moderator_codenames()


def test_seed_demo_creates_a_staff_moderator_and_prints_the_credentials(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "mod    / invisible-demo  moderator" in out
    mod = User.objects.get(username="mod")
    assert mod.is_staff and not mod.is_superuser
    assert mod.groups.filter(name=MODERATORS_GROUP).exists()
    assert mod.check_password("invisible-demo")
    assert not User.objects.get(username="alice").is_staff
    call_command("seed_demo")
    assert group_codenames(Group.objects.get(name=MODERATORS_GROUP)) == moderator_codenames()


# Getting in.


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_players_are_sent_to_the_admin_login(alice_client, url):
    response = alice_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_players_cannot_reach_a_moderation_step(alice_client, clause, bob):
    comment = make_comment(clause=clause, author=bob)
    url = reverse("admin:charter_comment_moderate", args=["hide"])
    response = alice_client.post(url, {"ids": str(comment.pk), "reason": "mine now"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_staff_outside_the_group_cannot_run_a_moderation_step(client, clause, bob):
    clerk = make_user("clerk", is_staff=True)
    client.force_login(clerk)
    comment = make_comment(clause=clause, author=bob)
    url = reverse("admin:charter_comment_moderate", args=["hide"])
    assert client.get(url, {"ids": comment.pk}).status_code == 403
    assert client.post(url, {"ids": str(comment.pk), "reason": "x"}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_moderators_get_the_panel(mod_client, url):
    assert mod_client.get(url).status_code == 200


# What moderators cannot do.


def test_moderators_cannot_see_or_change_users(mod_client, alice):
    for url in [
        "/admin/auth/user/",
        f"/admin/auth/user/{alice.pk}/change/",
        f"/admin/auth/user/{alice.pk}/password/",
        "/admin/auth/group/",
    ]:
        assert mod_client.get(url).status_code == 403, url


def test_moderators_cannot_change_passwords_staff_or_superuser_flags(mod_client, alice, mod):
    password = alice.password
    response = mod_client.post(
        f"/admin/auth/user/{alice.pk}/password/",
        {"password1": "pwned-pw-123", "password2": "pwned-pw-123"},
    )
    assert response.status_code == 403
    response = mod_client.post(
        f"/admin/auth/user/{mod.pk}/change/",
        {"username": "mod", "is_staff": "on", "is_superuser": "on", "is_active": "on"},
    )
    assert response.status_code == 403
    alice.refresh_from_db()
    mod.refresh_from_db()
    assert alice.password == password
    assert not mod.is_superuser


def test_moderators_cannot_edit_a_comment_through_its_form(mod_client, clause, bob):
    comment = make_comment(clause=clause, author=bob, body="original words")
    url = reverse("admin:charter_comment_change", args=[comment.pk])
    page = mod_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = mod_client.post(url, {"body": "rewritten by a moderator", "status": "hidden"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("original words", Comment.Status.VISIBLE)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/charter/clause/add/",
        "/admin/charter/comment/add/",
        "/admin/charter/flag/add/",
        "/admin/personas/player/add/",
        "/admin/charter/moderationaction/add/",
    ],
)
def test_moderators_add_nothing_through_forms(mod_client, url):
    assert mod_client.get(url).status_code == 403


def test_moderators_delete_nothing(mod_client, clause, bob, alice):
    comment = make_comment(clause=clause, author=bob)
    flag = flags.flag_create(user=alice, comment_id=comment.pk, reason="spam")
    for url in [
        reverse("admin:charter_comment_delete", args=[comment.pk]),
        reverse("admin:charter_clause_delete", args=[clause.pk]),
        reverse("admin:charter_flag_delete", args=[flag.pk]),
        reverse("admin:personas_player_delete", args=[bob.player.pk]),
    ]:
        assert mod_client.post(url, {"post": "yes"}).status_code == 403, url
    changelist = mod_client.get("/admin/charter/comment/").content.decode()
    assert "delete_selected" not in changelist
    assert Comment.objects.filter(pk=comment.pk).exists()


# The audit log is read-only for everyone.


@pytest.fixture
def root_client(client, db):
    root = User.objects.create_superuser("root", "root@example.org", "pw-root")
    client.force_login(root)
    return client


@pytest.fixture
def log_entry(mod, clause):
    moderation.clause_lock(clause_id=clause.pk, moderator=mod, reason="Edit war")
    return ModerationAction.objects.get()


def test_the_log_is_shown_to_moderators(mod_client, log_entry):
    page = mod_client.get("/admin/charter/moderationaction/").content.decode()
    assert "Edit war" in page and "Locked a clause" in page
    assert 'name="action"' not in page


@pytest.mark.parametrize("who", ["mod_client", "root_client"])
def test_nobody_adds_changes_or_deletes_log_entries_in_the_admin(request, who, log_entry):
    client = request.getfixturevalue(who)
    change = reverse("admin:charter_moderationaction_change", args=[log_entry.pk])
    delete = reverse("admin:charter_moderationaction_delete", args=[log_entry.pk])
    assert client.get("/admin/charter/moderationaction/add/").status_code == 403
    assert client.post(change, {"reason": "nothing happened"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    page = client.get(change).content.decode()
    assert 'name="_save"' not in page
    log_entry.refresh_from_db()
    assert log_entry.reason == "Edit war"
    assert ModerationAction.objects.count() == 1
