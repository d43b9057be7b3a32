"""Emails are written in the language each reader chose, whoever set them off and in which."""

from django.core import mail

from personas.models import Player
from tests.accounts.helpers import SITE_URL, Choice, wants_email
from tests.conftest import make_comment, sign_up


def test_a_reader_who_chose_french_gets_french_email_with_french_links(
    client, alice, bob, clause, django_capture_on_commit_callbacks
):
    wants_email(alice, Choice.IMMEDIATELY)
    Player.objects.filter(user=alice).update(language="fr")
    root = make_comment(clause=clause, author=alice, body="Borders divide us.")
    client.force_login(bob)
    # Bob writes from the English pages; Alice still reads French.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/charters/{clause.charter.slug}/clauses/{clause.pk}/comments/",
            {"body": "Then abolish them.", "parent": root.pk},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert f"{SITE_URL}/fr/charters/{clause.charter.slug}/clauses/{clause.pk}/comments/" in (
        message.body
    )
    assert f"{SITE_URL}/fr/accounts/settings/" in message.body
    english = "Mikhail Bakunin replied to you on “Solidarity across borders”"
    assert message.subject != english and "Mikhail Bakunin" in message.subject


def test_the_language_is_the_one_of_sign_up_until_changed_in_settings(client, clause):
    response = sign_up(client, "zoe", url="/fr/accounts/signup/")
    assert response.status_code == 302, response.content[:500]
    player = Player.objects.get(user__username="zoe")
    assert player.language == "fr"
    response = client.post(
        "/fr/accounts/settings/notifications/",
        {"email_notifications": Choice.DAILY, "language": "de"},
    )
    assert response.status_code == 302
    player.refresh_from_db()
    assert (player.language, player.email_notifications) == ("de", Choice.DAILY)
    bad = client.post(
        "/accounts/settings/notifications/", {"email_notifications": Choice.DAILY, "language": "xx"}
    )
    assert bad.status_code == 400
