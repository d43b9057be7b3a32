"""The Atom feed of a contest's submitted entries, newest first.

Titles and author names are Atom text constructs, escaped as XML by the
generator; the summary is the entry's HTML, which went through
`render_markdown` when it was saved. Drafts never appear.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from contests.models import Contest, Entry

FEED_SIZE = 50


class ContestEntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Contest:
        return get_object_or_404(Contest, slug=slug)

    def title(self, contest: Contest) -> str:
        return _("%(contest)s — entries") % {"contest": contest}

    def link(self, contest: Contest) -> str:
        return contest.get_absolute_url()

    def subtitle(self, contest: Contest) -> str:
        return _("Stories submitted to the contest “%(theme)s”, newest first.") % {
            "theme": contest.theme
        }

    def items(self, contest: Contest) -> list[Entry]:
        entries = list(
            contest.entries.submitted()
            .select_related("persona__tendency", "author")
            .order_by("-submitted_at", "-pk")[:FEED_SIZE]
        )
        for entry in entries:
            entry.contest = contest
        return entries

    def item_title(self, entry: Entry) -> str:
        return _("%(title)s — by %(persona)s (%(circle)s)") % {
            "title": entry.title,
            "persona": entry.persona.name,
            "circle": entry.persona.tendency.label,
        }

    def item_description(self, entry: Entry) -> str:
        # Sanitised at save by render_markdown.
        return entry.body_html

    def item_link(self, entry: Entry) -> str:
        return entry.get_absolute_url()

    def item_pubdate(self, entry: Entry):
        return entry.submitted_at

    def item_author_name(self, entry: Entry) -> str:
        return f"{entry.persona.name} ({entry.author.username})"
