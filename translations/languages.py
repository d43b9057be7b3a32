"""The site's languages, as translations of the charter see them."""

from django.conf import settings
from django.utils.translation import get_language_info

from personas.models import language_in_use


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def is_language(code: str) -> bool:
    return code in codes()


def current() -> str:
    """The language of the request being served (the site's default outside one)."""
    return language_in_use()


# Languages whose names are common nouns, written in lower case mid-sentence.
LOWER_CASE_NAMES = {"fr", "es"}


def name(code: str) -> str:
    """The language's name in the reader's language, as written mid-sentence.

    "allemand" on a French page, "Deutsch" on a German one, "German" on an
    English one.
    """
    translated = str(get_language_info(code)["name_translated"])
    if current() in LOWER_CASE_NAMES:
        return translated[:1].lower() + translated[1:]
    return translated


def local_name(code: str) -> str:
    """The language's name in itself ("Deutsch")."""
    return get_language_info(code)["name_local"]
