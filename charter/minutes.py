"""Markdown exports (minutes) in which user text stays text.

A title, a reason or a clause body written by a player must not turn into
a heading, a list, a link or raw HTML in the exported file: every piece of
user text is escaped here before it meets the template's own Markdown.
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone

from charter.consensus import MIN_TENDENCIES
from charter.selectors.stances import MinimumProgram

# Inline marks that Markdown readers act on anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}()!|~])")
# Marks that start a block (heading, quote, list, rule, setext underline,
# fence) when they open a line, possibly after spaces.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=*]|\d+[.)])")


def _escape_line(line: str) -> str:
    # HTML first, as entities: not every Markdown flavour honours "\<".
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _INLINE.sub(r"\\\1", line)
    # Leading spaces would make an indented code block; they carry no meaning here.
    line = line.lstrip()
    return _BLOCK_START.sub(lambda m: "\\" + m.group(2), line)


def inline(text: str) -> str:
    """User text on one line of the export, with no power over the Markdown around it."""
    return _escape_line(" ".join((text or "").split()))


def block(text: str) -> str:
    """User text as paragraphs of the export: its line breaks kept, its marks inert."""
    paragraphs = re.split(r"\n\s*\n", (text or "").strip())
    return "\n\n".join(
        "  \n".join(_escape_line(line) for line in paragraph.split("\n") if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def minimum_program_markdown(data: MinimumProgram) -> str:
    context = {
        "data": data,
        "charter": data.charter,
        "now": timezone.now(),
        "min_tendencies": MIN_TENDENCIES,
    }
    text = render_to_string("charter/minimum_program.md", context)
    # Template tags leave runs of blank lines; Markdown needs only one.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
