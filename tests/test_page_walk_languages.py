"""No page shows untranslated interface text in French, German or Spanish.

The walk of test_page_walk, read again under /fr/, /de/ and /es/: every
text node and every attribute a person reads (title, aria-label, alt,
placeholder, a button's value) that is identical to one on the English page
is untranslated, unless it is content. Content is what people and fixtures
wrote (names, titles, texts, summaries: every text stored in the database),
or is marked in the page as being in another language (`lang`) or not for
translation (`translate="no"`). Words that are the same in both languages
are listed per language below, each a deliberate exception.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import is_valid_path
from django.utils.translation import override

from tests.test_page_walk import people, urls  # noqa: F401  (the walk's fixtures)

pytestmark = pytest.mark.django_db

READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
# Code, and what people typed into a form (a textarea holds their text).
SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "kbd", "samp", "textarea"}
# Never translated, by design: the site's name; the search syntax's keyword
# "or" (the search understands only that word); the alt text of the admin's
# yes/no icons and search field, which Django itself leaves in English.
EVERYWHERE = {"Invisible International", "or", "True", "False", "None", "Search"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
# Words that read the same in English and the language (full text nodes).
SAME_WORDS = {
    "fr": {"Notifications", "Signatures", "Actions", "Action", "Options", "Date", "Page",
           "Type", "Question", "Navigation", "Position", "Description", "Message", "Note",
           "Contributions", "Circulation", "Invitations", "Discussion", "Minutes", "Total",
           "Moderation", "Absent", "Restaurer", "Atom", "Markdown", "PDF", "Suspension",
           "Visible", "Date (UTC)", "Site"},
    "de": {"Name", "Status", "Text", "Details", "Position", "Atom", "Markdown", "PDF",
           "Moderation", "Persona", "Personas", "Signatur", "Login", "Version", "Start",
           "Filter", "Rev", "Revision", "optional", "neutral", "Neutral"},
    "es": {"Error", "General", "Total", "Atom", "Markdown", "PDF", "Persona", "Personas",
           "Debate", "Neutral", "No", "Visible", "Rev", "rev"},
}  # fmt: skip
ROLES = ("visitor", "player", "moderator")
_WORD = re.compile(r"[^\W\d_]{2,}")


class _Readable(HTMLParser):
    """The texts of a page a reader of its language reads, leaving out content marked as such."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.texts: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _excluded(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        excluded = (
            self._excluded()
            or tag in SKIPPED_TAGS
            or attrs.get("translate") == "no"
            or (lang != "" and not lang.startswith(self.language))
        )
        if not excluded:
            self.texts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID_TAGS:
            self._stack.append((tag, excluded))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._excluded():
            self.texts.append(data)


def readable_texts(html: str, language: str) -> set[str]:
    parser = _Readable(language)
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.texts if text.strip()}


def stored_texts() -> list[str]:
    """Every text the database holds (what people and fixtures wrote), longest first."""
    found: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        if not fields or model._meta.app_label in ("sessions", "contenttypes", "admin"):
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                if value and len(value) < 5000:
                    found.update(" ".join(line.split()) for line in value.splitlines())
    return sorted((text for text in found if text), key=len, reverse=True)


def interface_messages() -> set[str]:
    """The interface's own messages, in English (the catalogue's msgids)."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in po}


def interface_words(text: str, stored: list[str], language: str, messages: set[str]) -> bool:
    """Whether `text` still reads as words once stored content and shared words are taken out.

    A piece of stored text cut up by its markup ("We must *organise*") is
    content too, unless the piece is itself one of the interface's messages.
    """
    if text in SAME_WORDS[language] or text in EVERYWHERE:
        return False
    if text not in messages and any(text in content for content in stored):
        return False
    for content in (*stored, "Invisible International"):
        if content in text:
            text = text.replace(content, " ")
    return any(word not in SAME_WORDS[language] for word in _WORD.findall(text))


def _outside_the_prefixes(url: str, language: str) -> bool:
    """A page served the same in every language (the language links, the health check)."""
    path = url.split("?")[0]
    with override(language):
        return is_valid_path(path) and not is_valid_path(f"/{language}{path}")


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_no_page_shows_untranslated_interface_text(people, urls, language):  # noqa: F811
    stored = stored_texts()
    messages = interface_messages()
    untranslated: dict[str, set[str]] = {}
    pages = 0
    for who in ROLES:
        client = Client()
        if people[who] is not None:
            client.force_login(people[who])
        for url, headers in urls:
            english = client.get(url, follow=True, **headers)
            if not english.get("Content-Type", "").startswith("text/html"):
                continue
            if _outside_the_prefixes(url, language):
                continue
            translated = client.get(f"/{language}{url}", follow=True, **headers)
            assert translated.status_code == english.status_code, (url, language)
            html = translated.content.decode()
            if "<html" in html and "/admin/" not in url:
                assert f'<html lang="{language}"' in html, url
            same = readable_texts(html, language) & readable_texts(english.content.decode(), "en")
            for text in same:
                if interface_words(text, stored, language, messages):
                    untranslated.setdefault(text, set()).add(f"{who} {url}")
            pages += 1
    report = "\n".join(
        f"{text!r}: {sorted(where)[:2]}" for text, where in sorted(untranslated.items())
    )
    assert not untranslated, f"{len(untranslated)} untranslated texts in {language}:\n{report}"
    assert pages > 100, pages
