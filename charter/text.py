"""The one path every piece of user text takes before it is stored.

Forms (through `forms.CleanTextField`) and services call `clean_text`, so a
title, a comment, a reason or a summary is judged by the same rules and gets
the same messages wherever it comes from.
"""

import re

from django.core.exceptions import ValidationError

# C0 controls and DEL, except tab and newline (carriage returns are normalised
# away first): none of it is text a person meant to type, and PostgreSQL
# refuses NUL outright. Lone UTF-16 surrogates cannot be encoded as UTF-8, so
# neither the database nor the response could carry them.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

MESSAGES = {
    "control": (
        "This text contained invisible control characters (such as NUL bytes) that cannot be "
        "saved. They have been taken out of the text below: check it and send it again."
    ),
    "required": "This field cannot be empty.",
    "too_long": (
        "{what} can be at most {limit:,} characters; this one has {length:,}. "
        "Shorten it: your text is kept below."
    ),
}


def normalise_newlines(value: str) -> str:
    """Browsers send CRLF from textareas; store plain newlines."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def strip_unstorable(value: str) -> str:
    """The text without the characters `clean_text` refuses, to show back in a form."""
    return _UNSTORABLE.sub("", normalise_newlines(value))


def check_storable(value: str) -> None:
    if _UNSTORABLE.search(value):
        raise ValidationError(MESSAGES["control"], code="control")


def too_long(what: str, limit: int, length: int) -> ValidationError:
    return ValidationError(
        MESSAGES["too_long"].format(what=what, limit=limit, length=length), code="too_long"
    )


def clean_text(
    value: str | None,
    *,
    max_length: int,
    required: bool = False,
    what: str = "This text",
    strip: bool = True,
) -> str:
    """The text as it will be stored, or a ValidationError saying what is wrong with it."""
    value = normalise_newlines(value or "")
    check_storable(value)
    value = value.strip() if strip else value.rstrip()
    if required and not value.strip():
        raise ValidationError(MESSAGES["required"], code="required")
    if len(value) > max_length:
        raise too_long(what, max_length, len(value))
    return value
