"""Password reset by email, through Django's views and our templates."""

import re

from django.contrib.auth.models import User
from django.core import mail

from tests.accounts.helpers import SITE_URL

RESET = "/accounts/password_reset/"
NEW_PASSWORD = "the-earth-is-our-common-1907"


def reset_link(message) -> str:
    return re.search(rf"{re.escape(SITE_URL)}(/accounts/reset/\S+/)", message.body).group(1)


def test_the_login_page_offers_a_password_reset(client, db):
    response = client.get("/accounts/login/")
    assert 'href="/accounts/password_reset/">Forgot your password?</a>' in response.text


def test_a_player_resets_a_forgotten_password_by_email(client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")

    response = client.post(RESET, {"email": "ALICE@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert "Check your email" in client.get(response["Location"]).text
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Reset your password on the Invisible International"
    assert "Hello alice," in message.body

    # The emailed link swaps its token for a session and shows the form.
    opened = client.get(reset_link(message))
    assert opened.status_code == 302
    form_url = opened["Location"]
    assert "Choose a new password" in client.get(form_url).text
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"
    assert "Your new password is set" in client.get(done["Location"]).text

    refused = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert refused.status_code == 200
    logged_in = client.post("/accounts/login/", {"username": "alice", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302
    assert client.get("/").context["user"] == alice


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    known = client.post(RESET, {"email": "alice@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1


def test_a_reset_link_works_once(client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    client.post(RESET, {"email": "alice@example.org"})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)
    assert "This link no longer works" in again.text
    assert 'href="/accounts/password_reset/"' in again.text


def test_a_weak_new_password_is_refused_in_the_form(client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    client.post(RESET, {"email": "alice@example.org"})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "This password is too common." in response.text
    alice.refresh_from_db()
    assert alice.check_password("pw-alice")


def test_the_reset_form_refuses_bad_input_without_sending(client, alice):
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    for junk in ["not an address", "alice\x00@example.org", "a" * 300 + "@example.org", ""]:
        response = client.post(RESET, {"email": junk})
        assert response.status_code == 200, junk
        assert 'class="error"' in response.text
    assert mail.outbox == []


def test_the_emailed_link_is_built_on_site_url_not_the_host_header(client, alice, settings):
    settings.ALLOWED_HOSTS = ["charter.example.org", "evil.example"]
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    client.post(RESET, {"email": "alice@example.org"}, HTTP_HOST="evil.example")
    assert "evil.example" not in mail.outbox[0].body
    assert f"{SITE_URL}/accounts/reset/" in mail.outbox[0].body


def test_the_reset_pages_refuse_other_methods(client, alice):
    assert client.put(RESET).status_code == 405
    assert client.delete("/accounts/password_reset/done/").status_code == 405
    assert client.post("/accounts/reset/done/").status_code == 405
    User.objects.filter(pk=alice.pk).update(email="alice@example.org")
    client.post(RESET, {"email": "alice@example.org"})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    assert client.put(form_url).status_code == 405
    alice.refresh_from_db()
    assert alice.check_password("pw-alice")
