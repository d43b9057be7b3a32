"""Validation shared by every form that takes user text."""

import re

from django.core.exceptions import ValidationError

# C0 controls and DEL, except tab and newline (carriage returns are
# normalised away before this runs).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(value: str) -> str:
    """Browsers send CRLF from textareas; store plain newlines."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def reject_control_characters(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(
            "This text contains invisible control characters (such as NUL bytes) that cannot "
            "be saved. Remove them and try again; nothing else was changed.",
            code="control_characters",
        )
