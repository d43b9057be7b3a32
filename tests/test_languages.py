"""Choosing the language: URL prefixes, the browser's preference, the header's links, caching."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_english_keeps_its_unprefixed_urls_and_others_have_prefixes(client, charter):
    english = client.get("/charters/virtual-charter/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    for language in ("fr", "de", "es"):
        page = client.get(f"/{language}/charters/virtual-charter/")
        assert page.status_code == 200
        assert f'<html lang="{language}">' in page.text
    assert client.get("/en/charters/virtual-charter/").status_code == 404


def test_a_first_visit_follows_the_browsers_language(client, charter):
    response = client.get("/charters/virtual-charter/?x=1", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/de/charters/virtual-charter/?x=1"
    assert "Accept-Language" in response["Vary"]
    # English first, or a language the site lacks, stays at the unprefixed page.
    for header in ("en-GB,fr;q=0.5", "pt-BR", "*", ""):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE=header).status_code == 200, header


def test_links_between_our_pages_are_not_redirected(client, charter):
    response = client.get(
        "/charters/virtual-charter/",
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_REFERER="http://testserver/fr/",
    )
    assert response.status_code == 200


def test_only_reading_is_redirected(client, charter):
    response = client.post("/search/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code != 302 or not response["Location"].startswith("/fr/")


def test_the_header_links_remember_the_choice(client, charter):
    page = client.get("/fr/charters/virtual-charter/").text
    assert 'href="/language/en/?next=%2Ffr%2Fcharters%2Fvirtual-charter%2F"' in page
    chosen = client.get("/language/en/", {"next": "/fr/charters/virtual-charter/"})
    assert chosen.status_code == 302
    assert chosen["Location"] == "/charters/virtual-charter/"
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # English chosen: a French browser is no longer sent to French pages.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    # Spanish chosen: even English links lead to Spanish pages.
    client.get("/language/es/", {"next": "/"})
    response = client.get("/charters/virtual-charter/", HTTP_REFERER="http://testserver/es/")
    assert response["Location"] == "/es/charters/virtual-charter/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_links_go_nowhere_but_this_site(client, target):
    response = client.get("/language/fr/", {"next": target})
    assert response["Location"] == "/fr/"


def test_unknown_languages_are_not_found(client):
    assert client.get("/language/xx/").status_code == 404
    assert client.get("/xx/charters/").status_code == 404


def test_pages_name_their_other_languages_for_crawlers(client, charter):
    page = client.get("/de/charters/virtual-charter/").text
    for language, prefix in (("en", ""), ("fr", "/fr"), ("es", "/es")):
        href = f"{prefix}/charters/virtual-charter/"
        assert f'<link rel="alternate" hreflang="{language}" href="{href}">' in page


def test_each_language_is_cached_apart(charter):
    visitor = Client()
    english = visitor.get("/charters/virtual-charter/").text
    french = visitor.get("/fr/charters/virtual-charter/").text
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    assert '<html lang="en">' in visitor.get("/charters/virtual-charter/").text


def test_the_scripts_messages_are_kept_by_browsers(client):
    first = client.get("/fr/jsi18n/")
    assert first.status_code == 200
    assert "max-age=3600" in first["Cache-Control"]
    again = client.get("/fr/jsi18n/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
