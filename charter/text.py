"""The one path every piece of user text takes before it is stored.

Forms (through `forms.CleanTextField`) and services call `clean_text`, so a
title, a comment, a reason or a summary is judged by the same rules and gets
the same messages wherever it comes from.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

# C0 controls and DEL, except tab and newline (carriage returns are normalised
# away first): none of it is text a person meant to type, and PostgreSQL
# refuses NUL outright. Lone UTF-16 surrogates cannot be encoded as UTF-8, so
# neither the database nor the response could carry them.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

MESSAGES = {
    "control": gettext_lazy(
        "This text contained invisible control characters (such as NUL bytes) that cannot be "
        "saved. They have been taken out of the text below: check it and send it again."
    ),
    "required": gettext_lazy("This field cannot be empty."),
    # Translators: %(what)s names the text, such as "The title"; the numbers are characters.
    "too_long": gettext_lazy(
        "%(what)s can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
}

# The refusal of an over-long text, whole for each `what` that forms and
# services pass (their English words are the keys: pass them untranslated).
# Any other `what` gets MESSAGES["too_long"] with the words as given.
TOO_LONG = {
    "This text": gettext_lazy(
        "This text can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "The title": gettext_lazy(
        "The title can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "The text": gettext_lazy(
        "The text can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "The summary": gettext_lazy(
        "The summary can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "The reason": gettext_lazy(
        "The reason can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "A reason": gettext_lazy(
        "A reason can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "A comment": gettext_lazy(
        "A comment can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    # Translators: a player's note to the moderators when flagging something.
    "A note": gettext_lazy(
        "A note can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    # Translators: the rationale of an amendment proposed to a congress.
    "The rationale": gettext_lazy(
        "The rationale can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "A name": gettext_lazy(
        "A name can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "A group's name": gettext_lazy(
        "A group's name can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    "A user name": gettext_lazy(
        "A user name can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    # Translators: the theme of a writing contest.
    "The theme": gettext_lazy(
        "The theme can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    # Translators: the rules of a writing contest.
    "The rules": gettext_lazy(
        "The rules can be at most %(limit)s characters; this one has %(length)s. "
        "Shorten it: your text is kept below."
    ),
    # Translators: a story entered in a writing contest.
    "The story": gettext_lazy(
        "The story can be at most %(limit)s characters; this one has %(length)s. "
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
    numbers = {
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }
    sentence = TOO_LONG.get(str(what))
    if sentence is None:
        return ValidationError(MESSAGES["too_long"] % {"what": what, **numbers}, code="too_long")
    return ValidationError(sentence % numbers, code="too_long")


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
