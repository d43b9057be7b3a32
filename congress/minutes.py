"""The minutes of a congress as Markdown, user text escaped (charter.minutes does the escaping)."""

import re

from django.template.loader import render_to_string
from django.utils import timezone

from charter.consensus import MIN_TENDENCIES
from congress.selectors.congresses import Minutes


def minutes_markdown(data: Minutes) -> str:
    context = {
        "data": data,
        "congress": data.congress,
        "charter": data.congress.charter,
        "now": timezone.now(),
        "min_tendencies": MIN_TENDENCIES,
    }
    text = render_to_string("congress/minutes.md", context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
